import Foundation
import Testing

// sin(a x) with z ~ N(0, s²): M_f = (1 − e^(−2a²s²))/2 and
// M_d = a²(1 + e^(−2a²s²))/2 (MATH.md).
private func sineMoments(a: Double, s: Double) -> (forward: Double, backward: Double) {
    let decay = exp(-2 * a * a * s * s)
    return ((1 - decay) / 2, a * a * (1 + decay) / 2)
}

@Test func checkComparesBothMomentsAtEverySigma() throws {
    let run = try ToolRunner.run(
        "check", "sin(3*x)", "--from", "0.1", "--to", "10", "--points", "3",
        "--samples", "20000", "--seed", "5", "--json")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    let object = try ToolRunner.decode(CheckJSON.self, from: run)
    #expect(object.samples == 20000 && object.seed == 5)
    #expect(object.rows.map(\.sigmaP) == [0.1, 1, 10])
    for row in object.rows {
        let expected = sineMoments(a: 3, s: row.sigmaP)
        let forward = try #require(row.forwardMoment)
        let backward = try #require(row.backwardMoment)
        #expect(relativeDifference(forward.quadrature.value, expected.forward) < 1e-10)
        #expect(relativeDifference(backward.quadrature.value, expected.backward) < 1e-10)
        let monteCarlo = try #require(forward.monteCarlo)
        #expect(abs(monteCarlo.value - expected.forward) < 4 * monteCarlo.standardError)
        #expect(row.agrees == true)
        #expect(row.error == nil)
    }
    #expect(object.points == 3 && object.agreeing == 3 && object.failed == 0)
    #expect(object.agrees)
}

@Test func checkPrintsARowEachAndASummary() throws {
    let run = try ToolRunner.run(
        "check", "tanh(x)", "--points", "2", "--samples", "5000")
    #expect(run.status == 0)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[0].hasPrefix("sigma_p  M_f quadrature"))
    #expect(lines[2].hasPrefix("    0.1  "))
    #expect(lines[2].hasSuffix("agree"))
    #expect(lines[4].hasPrefix("all 2 points agree (largest |z| = "))
    #expect(lines[4].hasSuffix("; 5000 samples, seed 0)"))
}

@Test func checkCSVHasAHeaderAndARowPerPoint() throws {
    let run = try ToolRunner.run(
        "check", "relu(x)", "--points", "4", "--samples", "1000", "--csv")
    #expect(run.status == 0)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[0] == "sigma_p,forward_quadrature,forward_quadrature_error,"
        + "forward_monte_carlo,forward_standard_error,forward_sigmas,backward_quadrature,"
        + "backward_quadrature_error,backward_monte_carlo,backward_standard_error,"
        + "backward_sigmas,verdict,error")
    for line in lines.dropFirst() {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells.count == 13)
        #expect(cells.last == "")
    }
}

@Test func checkCSVGivesAFailedPointItsReason() throws {
    // exp(x²) has moments only for σ_p < 1/2: E[exp(2z²)] diverges at σ_p = 1.
    let run = try ToolRunner.run(
        "check", "exp(x^2)", "--from", "0.1", "--to", "1", "--points", "2",
        "--samples", "1000", "--csv")
    #expect(run.status == 1)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    let failed = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        .map(String.init)
    #expect(failed.count >= 13)
    #expect(failed[0] == "1")
    #expect(failed[1..<11].allSatisfy { $0.isEmpty })
    #expect(failed[11] == "error")
    // The reason is the one given on standard error, without "error: ".
    let reason = failed[12...].joined(separator: ",")
    #expect(reason.contains(
        "cannot compute M_f = E[φ(z)²] at σ_p = 1: the expectation diverges"))
    let firstError = try #require(run.errorLines.first)
    let unquoted = reason.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    #expect(firstError == "error: " + unquoted)
}

@Test func checkKeepsGoingPastAPointThatFailsAndExitsOne() throws {
    // exp(x²) has moments only for σ_p < 1/2.
    let run = try ToolRunner.run(
        "check", "exp(x^2)", "--from", "0.1", "--to", "1", "--points", "2",
        "--samples", "1000")
    #expect(run.status == 1)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[2].hasSuffix("agree"))
    #expect(lines[3].hasSuffix("error"))
    #expect(lines[4].hasPrefix("the point agrees (largest |z| = "))
    #expect(lines[4].hasSuffix("; 1000 samples, seed 0); 1 of 2 could not be computed"))
    #expect(run.errorLines.first?.hasPrefix(
        "error: cannot compute M_f = E[φ(z)²] at σ_p = 1: the expectation diverges") == true)
}

@Test func checkUsageErrors() throws {
    let points = try ToolRunner.run("check", "x", "--points", "1")
    #expect(points.status == 2)
    #expect(points.errorLines.first
        == "error: invalid value '1' for --points: "
            + "expected a whole number of points from 2 to 10000")
    let both = try ToolRunner.run("check", "x", "--json", "--csv")
    #expect(both.status == 2)
    #expect(both.errorLines.first == "error: --json and --csv exclude each other")
}
