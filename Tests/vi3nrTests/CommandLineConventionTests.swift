import Foundation
import Testing
@testable import vi3nr

/// Every command and an argument list that makes it do a small job.
private let commandNames = [
    "gain", "optimal", "input-gain", "check", "simulate", "sweep", "table", "emit", "eval",
    "derive",
]

@Test(arguments: commandNames)
func everyCommandHasHelpWithAnExampleAndAVersion(name: String) throws {
    let help = try ToolRunner.run(name, "--help")
    #expect(help.status == 0)
    #expect(help.standardError.isEmpty)
    #expect(help.standardOutput.hasPrefix("USAGE: vi3nr \(name)"))
    #expect(help.standardOutput.contains("\nEXAMPLE"))
    #expect(help.standardOutput.contains("  --version"))

    let version = try ToolRunner.run(name, "--version")
    #expect(version.status == 0)
    #expect(version.standardOutput == "vi3nr \(CommandLineTool.version)\n")
}

@Test func theOverviewListsEveryCommand() throws {
    let run = try ToolRunner.run("--help")
    #expect(run.status == 0)
    for name in commandNames {
        #expect(run.standardOutput.contains("\n  \(name) "), "\(name)")
    }
    #expect(CommandLineTool.commands.map { $0.description.name } == commandNames)
}

@Test(arguments: [
    ["gain", "x", "--json", "--jsn"],
    ["optimal", "x", "--to"],
    ["sweep", "x", "--points", "many"],
    ["table", "a.txt", "b.txt"],
    ["emit", "pytorch"],
    ["input-gain", "--sigma-p", "-1", "--mean", "0", "--std", "1"],
    ["check", "x", "--samples", "0"],
])
func usageErrorsExitTwoWithNothingOnStandardOutput(arguments: [String]) throws {
    let run = try ToolRunner.run(arguments: arguments)
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first?.hasPrefix("error: ") == true)
    #expect(run.errorLines.last == "Run 'vi3nr \(arguments[0]) --help' for usage.")
}

@Test func evalAndDeriveTakeTheCommonOptions() throws {
    let eval = try ToolRunner.run("eval", "sin(w*x)", "--param", "w=2", "--at", "0", "--json")
    #expect(eval.status == 0)
    #expect(try ToolRunner.decode(EvalJSON.self, from: eval).derivativeValue == 2)
    #expect(try ToolRunner.run("derive", "x", "--version").standardOutput
        == "vi3nr \(CommandLineTool.version)\n")
}

/// `--version --json` is one JSON object, as `--json` promises everywhere.
@Test func versionAsJSON() throws {
    struct VersionJSON: Decodable { let version: String }
    for arguments in [["--version", "--json"], ["gain", "x", "--version", "--json"]] {
        let run = try ToolRunner.run(arguments: arguments)
        #expect(run.status == 0)
        let decoded = try JSONDecoder().decode(
            VersionJSON.self, from: Data(run.standardOutput.utf8))
        #expect(decoded.version == CommandLineTool.version)
    }
}

@Test func nothingIsPrintedAsProgressWhenStandardErrorIsNotATerminal() throws {
    // The tests capture standard error in a file: progress must stay off.
    let run = try ToolRunner.run("check", "tanh(x)", "--points", "2", "--samples", "1000")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
}
