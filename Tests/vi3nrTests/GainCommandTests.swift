import Foundation
import Testing

// Reference values, independent of this code:
// - relu: M_f = σ²/2, so gain² = 2 for every σ_p; PyTorch's gain √2; with
//   fan_in 256 the uniform bound √2·√(3/256) = √6/16 and the normal std
//   √2/16 (MATH.md).
// - sin(a x), z ~ N(0, s²): M_f = (1 − e^(−2a²s²))/2 and
//   cond = a²s² coth(a²s²) (MATH.md). For a = 2, s = 0.5 (a²s² = 1),
//   mpmath at 30 digits: M_f = 0.432332358381693654053000252514,
//   cond = coth(1) = 1.31303528549933130363616124693,
//   gain² = 0.25/M_f = 0.578258821374832825909040311733.
// - tanh at σ_p = 1: gain² = 2.5361754332174 (MATH.md).

@Test func gainOfReluIsTwoWithPyTorchsGainBeside() throws {
    let run = try ToolRunner.run(
        "gain", "relu(x)", "--sigma-p", "2", "--fan-in", "256", "--samples", "20000", "--json")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    let object = try ToolRunner.decode(GainJSON.self, from: run)
    #expect(object.expression == "relu(x)")
    #expect(object.derivative == "step(x)")
    #expect(object.sigmaP == 2)
    #expect(relativeDifference(object.gain2, 2) < 1e-12)
    #expect(relativeDifference(object.gain, 2.0.squareRoot()) < 1e-12)
    #expect(relativeDifference(object.forwardMoment.quadrature.value, 2) < 1e-12)
    #expect(relativeDifference(try #require(object.backwardCondition).value, 1) < 1e-12)
    #expect(object.fanIn == 256)
    #expect(relativeDifference(try #require(object.uniformBound), 6.0.squareRoot() / 16) < 1e-12)
    #expect(relativeDifference(try #require(object.normalStd), 2.0.squareRoot() / 16) < 1e-12)
    let pytorch = try #require(object.pytorch)
    #expect(pytorch.nonlinearity == "relu")
    #expect(pytorch.gain == 2.0.squareRoot())
}

@Test func gainOfASineMatchesItsClosedForms() throws {
    let run = try ToolRunner.run(
        "gain", "sin(a*x)", "--param", "a=2", "--sigma-p", "0.5", "--samples", "50000",
        "--seed", "3", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(GainJSON.self, from: run)
    #expect(object.expression == "sin(2*x)")
    #expect(relativeDifference(object.forwardMoment.quadrature.value,
                               0.4323323583816936541) < 1e-11)
    #expect(object.forwardMoment.quadrature.error < 1e-9)
    #expect(relativeDifference(object.gain2, 0.5782588213748328259) < 1e-11)
    let condition = try #require(object.backwardCondition)
    #expect(relativeDifference(condition.value, 1.313035285499331304) < 1e-11)
    #expect(object.pytorch == nil)

    // Monte Carlo: the run named, and within 4 standard errors.
    let monteCarlo = try #require(object.forwardMoment.monteCarlo)
    #expect(monteCarlo.samples == 50000)
    #expect(monteCarlo.seed == 3)
    #expect(abs(monteCarlo.value - 0.4323323583816936541) < 4 * monteCarlo.standardError)
    #expect(object.agrees == true)
    #expect(object.agreementSigmas == object.forwardMoment.agreementSigmas)
    #expect(try #require(object.monteCarloGain2).standardError > 0)
}

@Test func gainOfTanhAndItsReproducibleMonteCarlo() throws {
    let arguments = ["gain", "tanh(x)", "--samples", "10000", "--seed", "11", "--json"]
    let first = try ToolRunner.run(arguments: arguments)
    let second = try ToolRunner.run(arguments: arguments)
    #expect(first.standardOutput == second.standardOutput)
    let object = try ToolRunner.decode(GainJSON.self, from: first)
    #expect(abs(object.gain2 - 2.5361754332174) < 1e-12)
    #expect(object.pytorch?.gain == 5.0 / 3)
}

@Test func gainJSONHasTheDocumentedKeys() throws {
    let run = try ToolRunner.run("gain", "x", "--samples", "100", "--json")
    #expect(try ToolRunner.jsonKeys(run) == [
        "expression", "derivative", "sigma_p", "forward_moment", "backward_moment",
        "agreement_sigmas", "agrees", "gain", "gain_error", "gain2", "gain2_error",
        "monte_carlo_gain2", "backward_condition", "fan_in", "uniform_bound", "normal_std",
        "pytorch",
    ])
    #expect(run.standardOutput.contains(#""fan_in": null"#))
    #expect(run.standardOutput.contains(
        #""pytorch": {"nonlinearity": "linear", "gain": 1}"#))
}

@Test func gainPlainTextNamesEveryQuantity() throws {
    let run = try ToolRunner.run("gain", "sin(30*x)", "--samples", "1000", "--fan-in", "64")
    #expect(run.status == 0)
    let labels = run.standardOutput.split(separator: "\n").map {
        String($0.prefix { $0 != " " })
    }
    for label in ["phi(x)", "phi'(x)", "sigma_p", "M_f", "gain^2", "gain", "M_d", "cond",
                  "uniform", "normal", "verdict"] {
        #expect(labels.contains(label), "\(label)")
    }
    #expect(run.standardOutput.contains("gain^2              2 ± "))
    #expect(run.standardOutput.contains("(1000 samples, seed 0; z = "))
}

private let sampleForm = "expected a whole number of samples from 2 to 1e10"
private let sigmaForm = "expected a number greater than 0, from 1e-75 to 1e75"

@Test(arguments: [
    (["--samples", "0"], "invalid value '0' for --samples: " + sampleForm),
    (["--samples", "1"], "invalid value '1' for --samples: " + sampleForm),
    (["--samples", "2e10"], "invalid value '2e10' for --samples: " + sampleForm),
    (["--samples", "1.5"], "invalid value '1.5' for --samples: " + sampleForm),
    (["--sigma-p", "-1"], "invalid value '-1' for --sigma-p: " + sigmaForm),
    (["--sigma-p", "0"], "invalid value '0' for --sigma-p: " + sigmaForm),
    (["--sigma-p", "nan"], "invalid value 'nan' for --sigma-p: " + sigmaForm),
    (["--sigma-p", "1e-76"], "invalid value '1e-76' for --sigma-p: " + sigmaForm),
    (["--seed", "-1"], "invalid value '-1' for --seed: expected a whole number from 0 to 2^64 - 1"),
    (["--fan-in", "0"], "invalid value '0' for --fan-in: expected a whole number from 1 to 2^40"),
    (["--sigma", "1"], "unknown option '--sigma' for 'gain'; did you mean '--sigma-p'?"),
    (["--samples"], "--samples needs a value (N)"),
])
func gainRejectsBadOptionsAsUsageErrors(options: [String], message: String) throws {
    let run = try ToolRunner.run(arguments: ["gain", "tanh(x)"] + options)
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines == ["error: \(message)", "Run 'vi3nr gain --help' for usage."])
}

@Test func gainReadsSampleCountsWrittenAsPowersOfTen() throws {
    let run = try ToolRunner.run("gain", "x", "--samples", "1e3", "--json")
    #expect(run.status == 0)
    #expect(try ToolRunner.decode(GainJSON.self, from: run).forwardMoment.monteCarlo?.samples
        == 1000)
}

@Test func gainReportsABadExpressionWithItsCaret() throws {
    let run = try ToolRunner.run("gain", "tanh(x", "--json")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.count == 3)
    #expect(run.errorLines.first?.hasPrefix("error: expected ')'") == true)
    #expect(run.errorLines.dropFirst().first == "tanh(x")
    #expect(run.errorLines.last == "      ^")
}

@Test func gainFailsOnADivergentMomentAndOnAVanishingActivation() throws {
    let divergent = try ToolRunner.run("gain", "exp(x^2)")
    #expect(divergent.status == 1)
    #expect(divergent.standardOutput.isEmpty)
    #expect(divergent.errorLines.count == 1)
    #expect(divergent.errorLines.first?.hasPrefix(
        "error: cannot compute M_f = E[φ(z)²] at σ_p = 1: the expectation diverges") == true)

    let vanishing = try ToolRunner.run("gain", "0*x")
    #expect(vanishing.status == 1)
    #expect(vanishing.standardOutput.isEmpty)
    #expect(vanishing.errorLines.first?.hasPrefix("error: M_f = E[φ(z)²] is 0 at σ_p = 1")
        == true)

    let undefined = try ToolRunner.run("gain", "log(x)")
    #expect(undefined.status == 1)
    #expect(undefined.errorLines.first?.contains("undefined (NaN)") == true)
}
