import Foundation
import Testing

// Reference values, independent of this code:
// - Gaussian bump exp(−x²/(2c²)), c = 0.05: cond = s⁴/(c²(c² + 2s²)), one
//   root σ_p* = c√(1 + √2) = 0.0776886987015019 with gain² = c²(1 + √2)²
//   = 0.0145710678118655 (MATH.md).
// - sin(a x) with fan_ratio 1/2 (target 2): a²s² coth(a²s²) = 2 at
//   y = a²s² = 1.915008048154537481353 (mpmath findroot), so for a = 30
//   σ_p* = √y/30 = 0.0461279386074395081743.
// - exp(x²): cond = 4s⁴/(1 − 4s²) for s < 1/2, root s² = (√2 − 1)/2,
//   s = 0.4550898605622273413; the moments diverge from s = 1/2.
// - x³: cond ≡ 9/5; relu: cond ≡ 1; step: M_d ≡ 0 (MATH.md).

@Test func optimalFindsTheRootOfTheGaussianBump() throws {
    let run = try ToolRunner.run("optimal", "exp(-x^2/(2*c^2))", "--param", "c=0.05", "--json")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    let object = try ToolRunner.decode(OptimalJSON.self, from: run)
    #expect(object.classification == "roots")
    #expect(object.target == 1 && object.fanRatio == 1)
    #expect(object.from == 0.001 && object.to == 20)
    let root = try #require(object.roots.first)
    #expect(object.roots.count == 1)
    #expect(relativeDifference(root.sigmaP, 0.0776886987015019) < 1e-10)
    #expect(relativeDifference(root.gain2, 0.0145710678118655) < 1e-10)
    #expect(relativeDifference(root.gain, 0.0145710678118655.squareRoot()) < 1e-10)
    #expect(abs(root.backwardCondition.value - 1) < 1e-9)
    #expect(root.sigmaPError < 1e-9)
    #expect(root.crossing == "upward")
    #expect(object.closest == nil)
    #expect(object.searchLimit == nil)
}

@Test func optimalJSONHasTheDocumentedKeys() throws {
    let run = try ToolRunner.run("optimal", "tanh(x)", "--json")
    #expect(try ToolRunner.jsonKeys(run) == [
        "expression", "derivative", "fan_ratio", "target", "from", "to", "classification",
        "roots", "closest", "constant_condition", "degenerate", "homogeneity_degree",
        "has_trivial_limit", "search_limit",
    ])
}

@Test(arguments: [
    ("relu(x)", "any_sigma"), ("abs(x)", "any_sigma"), ("tanh(x)", "trivial_limit"),
    ("sin(30*x)", "trivial_limit"), ("x^3", "no_root"), ("step(x)", "no_root"),
])
func optimalClassifiesAsTheCoreDoes(source: String, classification: String) throws {
    let run = try ToolRunner.run("optimal", source, "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(OptimalJSON.self, from: run)
    #expect(object.classification == classification)
    #expect(object.roots.isEmpty)
}

@Test func optimalDescribesTheCasesWithoutARoot() throws {
    let relu = try ToolRunner.decode(
        OptimalJSON.self, from: try ToolRunner.run("optimal", "relu(x)", "--json"))
    #expect(abs(try #require(relu.constantCondition).value - 1) < 1e-12)

    let cube = try ToolRunner.decode(
        OptimalJSON.self, from: try ToolRunner.run("optimal", "x^3", "--json"))
    let closest = try #require(cube.closest)
    #expect(abs(closest.backwardCondition.value - 1.8) < 1e-10)
    #expect(closest.position == "everywhere")

    let step = try ToolRunner.decode(
        OptimalJSON.self, from: try ToolRunner.run("optimal", "step(x)", "--json"))
    #expect(step.degenerate == "zero_backward_moment")

    let tanh = try ToolRunner.decode(
        OptimalJSON.self, from: try ToolRunner.run("optimal", "tanh(x)", "--json"))
    #expect(tanh.hasTrivialLimit)
}

@Test func optimalWithAFanRatioFindsTheSinesGenuineRoot() throws {
    let run = try ToolRunner.run(
        "optimal", "sin(30*x)", "--fan-ratio", "0.5", "--from", "0.01", "--to", "1", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(OptimalJSON.self, from: run)
    #expect(object.target == 2)
    #expect(object.classification == "roots")
    let root = try #require(object.roots.first)
    #expect(relativeDifference(root.sigmaP, 0.04612793860743950817) < 1e-9)
    #expect(abs(root.backwardCondition.value - 2) < 1e-9)
}

@Test func optimalSaysWhatLiesBelowTheRangeWhenPhiIsLinearNearZero() throws {
    // tanh is continuous with tanh(0) = 0, so cond >= 1 at every sigma_p
    // (MATH.md, Cauchy–Schwarz): the target 1/2 is reached nowhere, below
    // the range included.
    let below = try ToolRunner.run("optimal", "tanh(x)", "--fan-ratio", "2")
    #expect(below.status == 0)
    let closest = try #require(below.standardOutput.split(separator: "\n")
        .first { $0.hasPrefix("closest") })
    #expect(closest.contains("at the lower end of the range; cond >= 1 at every sigma_p"))
    #expect(closest.hasSuffix("so no sigma_p reaches a target below 1)"))
    #expect(!below.standardOutput.contains("may lie below"))

    // A jump far out (at x = 100) removes that bound but not the linear
    // limit: cond -> 1 as sigma_p -> 0, on the same side of 1/2.
    let jump = try ToolRunner.run(
        "optimal", "tanh(x) + 0.001*step(x - 100)", "--fan-ratio", "2")
    #expect(jump.status == 0)
    #expect(jump.standardOutput.contains("phi is linear near 0, so cond tends to 1 as "
        + "sigma_p -> 0, on this side of the target: no root is expected below it)"))

    // Target 2 from sigma_p = 3 up: cond(3) > 2 (cond rises from 1 at 0),
    // so the target is crossed below the range.
    let crossed = try ToolRunner.run(
        "optimal", "tanh(x)", "--fan-ratio", "0.5", "--from", "3", "--json")
    let object = try ToolRunner.decode(OptimalJSON.self, from: crossed)
    #expect(object.classification == "no_root")
    #expect(try #require(object.closest).backwardCondition.value > 2)
    let text = try ToolRunner.run("optimal", "tanh(x)", "--fan-ratio", "0.5", "--from", "3")
    #expect(text.standardOutput.contains("(at the lower end of the range: a root lies below "
        + "it: phi is linear near 0, so cond tends to 1 as sigma_p -> 0, across the target)"))
}

@Test func optimalSearchesBelowWhereTheMomentsDiverge() throws {
    let run = try ToolRunner.run("optimal", "exp(x^2)", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(OptimalJSON.self, from: run)
    #expect(object.classification == "roots")
    #expect(relativeDifference(try #require(object.roots.first).sigmaP,
                               0.4550898605622273413) < 1e-9)
    let limit = try #require(object.searchLimit)
    #expect(limit.searchedTo > 0.455 && limit.searchedTo < 0.5)
    #expect(limit.failedAt > limit.searchedTo && limit.failedAt < 0.55)
    #expect(limit.reason.contains("diverges"))
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.hasPrefix(
        "warning: the search covered only up to sigma_p = 0.4") == true)
}

@Test func optimalPlainTextStatesTheRootAndItsGain() throws {
    let run = try ToolRunner.run("optimal", "exp(-x^2/(2*0.05^2))")
    #expect(run.status == 0)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.contains("classification  roots"))
    #expect(lines.contains { $0.hasPrefix("root            sigma_p = 0.07768869870") })
    #expect(lines.contains { $0.hasPrefix("  gain^2        0.01457106781") })
}

@Test func optimalUsageAndComputationErrors() throws {
    let reversed = try ToolRunner.run("optimal", "tanh(x)", "--from", "2", "--to", "1")
    #expect(reversed.status == 2)
    #expect(reversed.standardOutput.isEmpty)
    #expect(reversed.errorLines.first
        == "error: the range --from 2 --to 1 is empty: --from must be below --to")

    let ratio = try ToolRunner.run("optimal", "tanh(x)", "--fan-ratio", "0")
    #expect(ratio.status == 2)
    #expect(ratio.errorLines.first
        == "error: invalid value '0' for --fan-ratio: expected a finite number greater than 0")

    let vanishing = try ToolRunner.run("optimal", "0*x")
    #expect(vanishing.status == 1)
    #expect(vanishing.standardOutput.isEmpty)
    #expect(vanishing.errorLines.first?.hasPrefix(
        "error: M_f = E[phi(z)^2] is 0 at every sigma_p in [0.001, 20]") == true)

    let undefined = try ToolRunner.run("optimal", "log(x)")
    #expect(undefined.status == 1)
    #expect(undefined.standardOutput.isEmpty)
    #expect(undefined.errorLines.first?.hasPrefix("error: the σ_p search stopped at σ_p = 0.001")
        == true)
}
