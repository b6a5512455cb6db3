import Foundation
import Testing
@testable import vi3nr

// Reference values, independent of this code (MATH.md, and mpmath at 30
// digits where stated):
// - gaussian exp(−x²/(2·0.05²)): σ_p* = 0.0776886987015019,
//   gain² = 0.0145710678118655.
// - laplacian exp(−|x|/b): M_d = M_f/b², so cond = σ_p²/b² and the root is
//   σ_p* = b = 0.1 exactly; there M_f = e² erfc(√2), gain² =
//   b²/(e² erfc(√2)) = 0.0297438457818360407226327402596 (mpmath).
// - relu: gain² = 2, cond ≡ 1; tanh at σ_p = 1: gain² = 2.5361754332174;
//   sigmoid at σ_p = 1: gain² = 3.4085598416231.
// - sine sin(30x): cond = 900 coth(900) = 900 at σ_p = 1, gain² = 1/M_f =
//   2/(1 − e^(−1800)) = 2.

@Test func theEmbeddedLiteratureSetIsTheExamplesFile() throws {
    let file = ToolRunner.packageRoot.appendingPathComponent("Examples/literature.txt")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(LiteratureSet.text == text, "paste Examples/literature.txt into LiteratureSet.swift")
}

@Test func theLiteratureTableRunsAnywhereAndMatchesTheClosedForms() throws {
    // Run from a directory without Examples/: the set is built in.
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = try ToolRunner.run(arguments: ["table", "--json"], in: directory)
    #expect(run.status == 0)
    let object = try ToolRunner.decode(TableJSON.self, from: run)
    #expect(object.file == "literature.txt (built in)")
    #expect(object.failed == 0)
    let rows = Dictionary(uniqueKeysWithValues: object.rows.map { ($0.name, $0) })
    #expect(rows.count == 15)

    let gaussian = try #require(rows["gaussian"]?.optimal)
    #expect(gaussian.classification == "roots")
    #expect(relativeDifference(try #require(gaussian.roots.first).sigmaP, 0.0776886987015019)
        < 1e-10)
    #expect(relativeDifference(try #require(gaussian.roots.first).gain2, 0.0145710678118655)
        < 1e-10)

    let laplacian = try #require(rows["laplacian"]?.optimal)
    #expect(relativeDifference(try #require(laplacian.roots.first).sigmaP, 0.1) < 1e-9)
    #expect(relativeDifference(try #require(laplacian.roots.first).gain2,
                               0.02974384578183604072) < 1e-9)

    #expect(relativeDifference(try #require(rows["relu"]?.gain2), 2) < 1e-12)
    #expect(rows["relu"]?.optimal?.classification == "any_sigma")
    #expect(abs(try #require(rows["tanh"]?.gain2) - 2.5361754332174) < 1e-12)
    #expect(rows["tanh"]?.optimal?.classification == "trivial_limit")
    #expect(abs(try #require(rows["sigmoid"]?.gain2) - 3.4085598416231) < 1e-12)
    #expect(relativeDifference(try #require(rows["sine"]?.gain2), 2) < 1e-12)
    #expect(relativeDifference(try #require(rows["sine"]?.backwardCondition).value, 900)
        < 1e-12)
    #expect(rows["sine"]?.optimal?.classification == "trivial_limit")

    // FINER cannot be integrated over the whole range: the search covers
    // the part below and says so, as a warning, and the table succeeds.
    let finer = try #require(rows["finer"]?.optimal)
    #expect(finer.classification == "trivial_limit")
    let limit = try #require(finer.searchLimit)
    #expect(limit.searchedTo > 1 && limit.searchedTo < 20)
    #expect(limit.reason.contains("cannot resolve the integrand"))
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.hasPrefix(
        "warning: literature.txt (built in):7: finer: the search covered only up to") == true)
}

@Test func aTableReportsBadLinesWithFileLineAndCaretAndGoesOn() throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("list.txt")
    try Data("""
        # a comment
        good: tanh(x)   # trailing comment
        typo: sinn(30*x)
        no colon here
        unbound: sin(w*x)
        relu: relu(x)

        """.utf8).write(to: file)

    let run = try ToolRunner.run("table", file.path)
    #expect(run.status == 1)
    let path = file.path
    #expect(run.errorLines == [
        "error: \(path):3:7: unknown function 'sinn'; did you mean 'sinh'?",
        "sinn(30*x)",
        "^~~~",
        "error: \(path):4: expected 'name: expression', found no ':'",
        "error: \(path):5: unbound: no value for the parameter 'w'",
        "Write its value into the expression: a list has no --param.",
        "error: 3 of 5 lines of \(path) could not be computed",
    ])
    // The good rows are still printed.
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("good ") && $0.contains("trivial_limit") })
    #expect(lines.contains { $0.hasPrefix("relu ") && $0.contains("any_sigma") })
    #expect(lines.contains { $0.hasPrefix("typo ") })
    #expect(lines.contains {
        $0.hasPrefix("(line 4) ") && $0.hasSuffix("error: see standard error")
    })
}

@Test func everyLineThatCannotBeReadGetsARowWithItsError() throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("list.txt")
    try Data("nocolon sin(x)\nempty:   # nothing\n: tanh(x)\nrelu: relu(x)\n".utf8)
        .write(to: file)

    let json = try ToolRunner.run("table", file.path, "--json")
    #expect(json.status == 1)
    let object = try ToolRunner.decode(TableJSON.self, from: json)
    #expect(object.failed == 3)
    #expect(object.rows.map(\.line) == [1, 2, 3, 4])
    #expect(object.rows.map(\.name) == ["", "empty", "", "relu"])
    #expect(object.rows.map(\.source) == ["nocolon sin(x)", "", "tanh(x)", "relu(x)"])
    #expect(object.rows.map(\.errors) == [
        ["expected 'name: expression', found no ':'"],
        ["expected an expression after 'empty:'"],
        ["expected a name before ':'"],
        [],
    ])
    #expect(object.rows[0].gain2 == nil && object.rows[0].optimal == nil)
    // relu: gain² = 2 exactly (MATH.md).
    #expect(relativeDifference(try #require(object.rows[3].gain2), 2) < 1e-12)

    let csv = try ToolRunner.run("table", file.path, "--csv")
    #expect(csv.status == 1)
    let lines = csv.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    // The reason holds a comma, so it is quoted (RFC 4180).
    #expect(lines[1] == #",nocolon sin(x),1,,,,,,,,,"expected 'name: expression', found no ':'""#)
    #expect(lines[2] == "empty,,1,,,,,,,,,expected an expression after 'empty:'")
}

@Test func aTableThatCannotBeReadPrintsNothing() throws {
    let run = try ToolRunner.run("table", "/nonexistent/vi3nr/list.txt")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines == [
        "error: cannot read activation list '/nonexistent/vi3nr/list.txt': "
            + "No such file or directory",
    ])
}

@Test func aTableAsCSV() throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("list.txt")
    try Data("bump: exp(-x^2/(2*0.05^2))\nrelu: relu(x)\n".utf8).write(to: file)

    let run = try ToolRunner.run("table", file.path, "--csv", "--sigma-p", "0.5")
    #expect(run.status == 0)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0] == "name,expression,sigma_p,gain2,gain2_error,cond,cond_error,"
        + "classification,optimal_sigma_p,optimal_gain2,searched_to,error")
    let bump = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(bump[0] == "bump" && bump[2] == "0.5" && bump[7] == "roots")
    #expect(relativeDifference(try #require(Double(bump[8])), 0.0776886987015019) < 1e-10)
    // gain² at σ_p = 0.5: s²/M_f with M_f = c/√(c² + 2s²).
    let expected = 0.25 / (0.05 / (0.05 * 0.05 + 0.5).squareRoot())
    #expect(relativeDifference(try #require(Double(bump[3])), expected) < 1e-10)
}

@Test func activationListsSplitNamesExpressionsAndComments() throws {
    let list = ActivationList(text: "a: x > 0 ? x : 0  # relu by hand\r\n\n  # c\nb:tanh(x)\n:x\n")
    #expect(list.items.count == 3)
    #expect(try list.items[0].get() == ActivationList.Entry(
        name: "a", source: "x > 0 ? x : 0", line: 1, column: 4))
    #expect(try list.items[1].get() == ActivationList.Entry(
        name: "b", source: "tanh(x)", line: 4, column: 3))
    #expect(throws: MalformedLineError(
        line: 5, reason: "expected a name before ':'", name: "", source: "x")) {
        try list.items[2].get()
    }
}

@Test func aTableReadsStandardInputForADashAndSkipsAByteOrderMark() throws {
    // A byte-order mark (U+FEFF) at the start is not part of the first name.
    let list = "\u{FEFF}relu: relu(x)\nbump: exp(-x^2/(2*0.05^2))\n"
    let piped = try ToolRunner.run(arguments: ["table", "-", "--json"], input: list)
    #expect(piped.status == 0)
    let object = try ToolRunner.decode(TableJSON.self, from: piped)
    #expect(object.file == "<stdin>")
    #expect(object.rows.map(\.name) == ["relu", "bump"])
    // relu: gain² = 2; the bump's root σ_p* = 0.05·√(1 + √2) (MATH.md).
    #expect(relativeDifference(try #require(object.rows[0].gain2), 2) < 1e-12)
    let root = try #require(object.rows[1].optimal?.roots.first)
    #expect(relativeDifference(root.sigmaP, 0.0776886987015019) < 1e-10)

    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("list.txt")
    try Data(list.utf8).write(to: file)
    let fromFile = try ToolRunner.run("table", file.path, "--csv")
    #expect(fromFile.status == 0)
    let lines = fromFile.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.dropFirst().first?.hasPrefix("relu,relu(x),1,") == true)
}

@Test func anEmptyListIsAnEmptyTableWithAWarning() throws {
    let run = try ToolRunner.run(arguments: ["table", "-"], input: "# only a comment\n\n")
    #expect(run.status == 0)
    #expect(run.errorLines == [
        "warning: <stdin> lists no activations ('name: expression' lines)"])
}
