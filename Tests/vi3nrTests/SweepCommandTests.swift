import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

// The Gaussian bump exp(−x²/(2c²)), z ~ N(0, s²) (MATH.md):
// M_f = c/√(c² + 2s²), gain² = s²/M_f, cond = s⁴/(c²(c² + 2s²)); one root
// at σ_p* = c√(1 + √2) = 0.0776886987015019 for c = 0.05.
private func bump(_ s: Double, c: Double = 0.05) -> (gain2: Double, cond: Double) {
    let spread = c * c + 2 * s * s
    return (s * s / (c / spread.squareRoot()), s * s * s * s / (c * c * spread))
}

@Test func sweepGivesGainAndConditionAtEveryPoint() throws {
    let run = try ToolRunner.run(
        "sweep", "exp(-x^2/(2*0.05^2))", "--from", "0.01", "--to", "1", "--points", "9",
        "--json")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    let object = try ToolRunner.decode(SweepJSON.self, from: run)
    #expect(object.points.count == 9)
    #expect(object.points.first?.sigmaP == 0.01)
    #expect(object.points.last?.sigmaP == 1)
    for point in object.points {
        let expected = bump(point.sigmaP)
        #expect(relativeDifference(try #require(point.gain2), expected.gain2) < 1e-10)
        #expect(relativeDifference(try #require(point.backwardCondition).value, expected.cond)
            < 1e-9)
    }
    #expect(object.classification == "roots")
    #expect(relativeDifference(try #require(object.roots.first).sigmaP, 0.0776886987015019)
        < 1e-10)
    #expect(object.svg == nil)
}

@Test func sweepCSVAndTextTables() throws {
    let csv = try ToolRunner.run("sweep", "relu(x)", "--points", "3", "--csv")
    #expect(csv.status == 0)
    let lines = csv.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0] == "sigma_p,gain2,gain2_error,cond,cond_error,forward_moment,"
        + "forward_moment_error,backward_moment,backward_moment_error")
    let first = lines[1].split(separator: ",").map { Double(String($0)) ?? .nan }
    #expect(first[0] == 0.001)
    #expect(abs(first[1] - 2) < 1e-12)  // relu: gain² = 2
    #expect(abs(first[3] - 1) < 1e-12)  // cond = 1

    let text = try ToolRunner.run("sweep", "relu(x)", "--points", "2")
    #expect(text.standardOutput.hasPrefix("sigma_p  gain^2  cond  M_f"))
}

@Test func sweepHelpSaysWhereTheErrorBoundsAre() throws {
    // The text table has no error columns; the help must not promise them
    // there, and must say where they are.
    let text = try ToolRunner.run("sweep", "tanh(x)", "--points", "2")
    let header = try #require(text.standardOutput.split(separator: "\n").first)
    #expect(!header.contains("error") && !header.contains("±"))
    let help = try ToolRunner.run("sweep", "--help")
    #expect(help.status == 0)
    let prose = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(prose.contains("the text table to 10 significant digits, --csv and --json each "
        + "value with its error bound"))
    #expect(!prose.contains("with their error bounds"))
}

@Test func sweepWritesAnSVGPlotWithTheTargetLineAndTheRoots() throws {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("plot.svg")

    let run = try ToolRunner.run(
        "sweep", "(x < 1000)*(exp(-x^2) + 0.2*x)", "--from", "0.3", "--to", "30",
        "--points", "40", "--fan-ratio", "0.3", "--svg", file.path, "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(SweepJSON.self, from: run)
    #expect(object.svg == file.path)
    // exp(−x²) + 0.2x (the factor is 1 wherever the Gaussian weight is
    // representable): two roots of cond = 1/0.3, near 2.7 and 4.3.
    #expect(object.roots.count == 2)

    let svg = try String(contentsOf: file, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    // The expression's `<` is escaped in the title.
    #expect(svg.contains("gain² and cond of φ(x) = (x &lt; 1000)*(exp(-x^2) + 0.2*x)"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.contains(">cond = 1/fan_ratio = 3.33333</text>"))
    #expect(svg.components(separatedBy: "σ_p* = ").count - 1 == 2)

    // Well-formed XML.
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse())
}

@Test func sweepStopsWhereQuadratureCannotGoOnAndSaysSo() throws {
    let run = try ToolRunner.run(
        "sweep", "exp(x^2)", "--from", "0.1", "--to", "1", "--points", "4", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(SweepJSON.self, from: run)
    // Points 0.1, 0.215, 0.464 are below the divergence at 1/2.
    #expect(object.points.count == 3)
    #expect(run.standardOutput.contains(#""sweep_limit": {"searched_to": 0.46"#))
    #expect(run.errorLines.contains {
        $0.hasPrefix("warning: the sweep stops at sigma_p = 0.4642")
    })
}

@Test func aSweepWithNoComputablePointFailsWithTheReason() throws {
    let run = try ToolRunner.run("sweep", "log(x)", "--points", "3")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first?.hasPrefix(
        "error: cannot compute M_f = E[φ(z)²] at σ_p = 0.001: undefined (NaN)") == true)
}

@Test func sweepUsageErrors() throws {
    let noFile = try ToolRunner.run("sweep", "x", "--svg", "")
    #expect(noFile.status == 2)
    #expect(noFile.errorLines.first == "error: --svg needs a file name")

    let unwritable = try ToolRunner.run(
        "sweep", "x", "--points", "2", "--svg", "/nonexistent/vi3nr/plot.svg")
    #expect(unwritable.status == 1)
    #expect(unwritable.standardOutput.isEmpty)
    #expect(unwritable.errorLines.first?.hasPrefix(
        "error: cannot write '/nonexistent/vi3nr/plot.svg'") == true)
}
