import Foundation
import Testing

@Test func derivePrintsTheSimplifiedDerivative() throws {
    let run = try ToolRunner.run("derive", "x^3")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    #expect(run.standardOutput == "3*x^2\n")
}

@Test func deriveJSONHasTheDocumentedKeys() throws {
    let run = try ToolRunner.run("derive", "sin(w*x)", "--param", "w=30", "--json")
    #expect(run.status == 0)
    #expect(run.standardOutput
        == #"{"expression": "sin(30*x)", "derivative": "30*cos(30*x)"}"# + "\n")
    #expect(try ToolRunner.jsonKeys(run) == ["expression", "derivative"])
    let object = try ToolRunner.decode(DeriveJSON.self, from: run)
    #expect(object.derivative == "30*cos(30*x)")
}

@Test func deriveReportsABadExpression() throws {
    let run = try ToolRunner.run("derive", "2*+")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first?.hasPrefix("error: ") == true)
    #expect(run.errorLines.count == 3)
}

@Test func commandLineBasics() throws {
    let version = try ToolRunner.run("--version")
    #expect(version.status == 0)
    #expect(version.standardOutput.hasPrefix("vi3nr "))

    let help = try ToolRunner.run("eval", "--help")
    #expect(help.status == 0)
    #expect(help.standardOutput.hasPrefix("USAGE: vi3nr eval EXPR --at X"))
    #expect(help.standardOutput.contains("EXAMPLE"))

    let unknown = try ToolRunner.run("evl")
    #expect(unknown.status == 2)
    #expect(unknown.standardOutput.isEmpty)
    #expect(unknown.errorLines.first == "error: unknown command 'evl'; did you mean 'eval'?")

    let nothing = try ToolRunner.run()
    #expect(nothing.status == 2)
    #expect(nothing.standardOutput.isEmpty)
}
