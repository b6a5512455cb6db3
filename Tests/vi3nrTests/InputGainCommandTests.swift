import Foundation
import Testing

// input gain² = σ_p² / (μ² + s²) (MATH.md); for a file, μ² + s² is the
// mean of x² over all cells: for the cells 1, 2, 3, 4 it is 30/4 = 7.5.

@Test func inputGainFromTheMeanAndStandardDeviation() throws {
    let run = try ToolRunner.run(
        "input-gain", "--sigma-p", "2", "--mean", "0.5", "--std", "1.5", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(InputGainJSON.self, from: run)
    // 4 / (0.25 + 2.25) = 1.6.
    #expect(abs(object.gain2 - 1.6) < 1e-15)
    #expect(abs(object.gain - 1.6.squareRoot()) < 1e-15)
    #expect(object.secondMoment == 2.5)
    #expect(object.gain2StandardError == nil)
    #expect(object.data == nil)
}

@Test func inputGainFromADataFileAndFromStandardInput() throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("data.csv")
    try Data("a,b\n1,2\n3,4\n".utf8).write(to: file)

    let run = try ToolRunner.run("input-gain", "--data", file.path, "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(InputGainJSON.self, from: run)
    #expect(abs(object.gain2 - 1 / 7.5) < 1e-15)
    #expect(object.mean == 2.5)
    let data = try #require(object.data)
    #expect(data.rows == 2 && data.columns == 2)
    #expect(data.headerLine == 1)
    #expect(data.format == "csv")
    #expect(data.minimum == 1 && data.maximum == 4)
    #expect(try #require(object.gain2StandardError) > 0)

    let piped = try ToolRunner.run(
        arguments: ["input-gain", "--data", "-", "--sigma-p", "3", "--json"],
        input: "1 2\n3 4\n")
    #expect(piped.status == 0)
    let pipedObject = try ToolRunner.decode(InputGainJSON.self, from: piped)
    #expect(abs(pipedObject.gain2 - 9 / 7.5) < 1e-14)
    #expect(pipedObject.data?.file == "<stdin>")
    #expect(pipedObject.data?.format == "whitespace")

    // A byte-order mark before a CSV header does not make it a data row
    // with a field that is not a number.
    let marked = try ToolRunner.run(
        arguments: ["input-gain", "--data", "-", "--json"], input: "\u{FEFF}x,y\n1,2\n3,4\n")
    #expect(marked.status == 0)
    let markedObject = try ToolRunner.decode(InputGainJSON.self, from: marked)
    #expect(markedObject.mean == 2.5)
    #expect(markedObject.data?.headerLine == 1)
    #expect(markedObject.data?.rows == 2)
}

@Test(arguments: [
    ("x,y\n1,2\n3\n", "line 3: 1 field where the first row has 2"),
    ("1,2\n3,abc\n", "line 2, column 2: 'abc' is not a number"),
    ("1,nan\n", "line 1, column 2: 'nan' is not a finite number"),
    ("# only a comment\n\n", "is empty: it has no data rows"),
    ("x,y\n", "has a header (line 1) but no data rows"),
])
func inputGainReportsBadDataFiles(contents: String, message: String) throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bad.csv")
    try Data(contents.utf8).write(to: file)

    let run = try ToolRunner.run("input-gain", "--data", file.path)
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.count == 1)
    let line = try #require(run.errorLines.first)
    #expect(line.hasPrefix("error: "))
    #expect(line.contains(file.path))
    #expect(line.contains(message), "\(line)")
}

@Test func inputGainReportsAMissingFile() throws {
    let run = try ToolRunner.run("input-gain", "--data", "/nonexistent/vi3nr/data.csv")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines == [
        "error: cannot open data file '/nonexistent/vi3nr/data.csv': No such file or directory",
    ])
}

@Test(arguments: [
    (["--mean", "0"], "--mean needs --std as well"),
    (["--std", "1"], "--std needs --mean as well"),
    ([], "give --mean M --std D, or --data FILE"),
    (["--mean", "0", "--std", "1", "--data", "x.csv"],
     "give either --data or --mean and --std, not both"),
    (["--mean", "0", "--std", "-1"], "invalid value '-1' for --std: expected a finite number >= 0"),
    (["--data", "x.csv", "--format", "xml"],
     "invalid value 'xml' for --format: expected auto, csv or whitespace"),
    (["--mean", "0", "--std", "1", "--format", "csv"], "--format applies to --data only"),
])
func inputGainUsageErrors(options: [String], message: String) throws {
    let run = try ToolRunner.run(arguments: ["input-gain"] + options)
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first == "error: \(message)")
}

@Test func inputGainRefusesInputsThatAreAllZero() throws {
    let run = try ToolRunner.run("input-gain", "--mean", "0", "--std", "0")
    #expect(run.status == 1)
    #expect(run.errorLines.first?.hasPrefix("error: invalid input statistics") == true)
}
