import Foundation
import Testing
@testable import VI3NR

// The closed forms of MATH.md, for z ~ N(0, s²), through the public API.
// Each check also asks that the reported error bound covers the true error.

@Suite("Gains and conditions against closed forms")
struct GainClosedFormTests {
    @Test("relu: M_f = s²/2, M_d = 1/2, gain² = 2, cond = 1", arguments: [1e-3, 0.1, 1, 7, 20])
    func relu(sigma: Double) throws {
        let report = try GainReport(
            activation: activation("relu(x)"), preactivationStd: sigma,
            includeBackwardMoment: true)
        let forward = report.forwardMoment.quadrature
        let backward = try #require(report.backwardMoment?.quadrature)
        let condition = try #require(report.backwardCondition?.value)

        #expect(relativeError(forward.value, sigma * sigma / 2) < 1e-12)
        #expect(Swift.abs(forward.value - sigma * sigma / 2) <= forward.errorEstimate + 1e-15)
        #expect(relativeError(backward.value, 0.5) < 1e-12)
        #expect(relativeError(report.gainSquared.value, 2) < 1e-12)
        #expect(relativeError(report.gain.value, 2.0.squareRoot()) < 1e-12)
        #expect(Swift.abs(condition.value - 1) < 1e-12)
        #expect(Swift.abs(condition.value - 1) <= condition.errorEstimate + 1e-15)
    }

    @Test(
        "sin(a x): M_f = (1 − e^(−2a²s²))/2, M_d = a²(1 + e^(−2a²s²))/2, cond = a²s² coth(a²s²)",
        arguments: [(1.0, 0.01), (1, 0.5), (1, 2), (30, 0.01), (30, 0.3), (30, 3)])
    func sine(frequency: Double, sigma: Double) throws {
        let sine = try activation("sin(a*x)", parameters: ["a": frequency])
        let condition = try BackwardCondition(activation: sine, preactivationStd: sigma)
        let scaled = frequency * frequency * sigma * sigma
        let decay = exp(-2 * scaled)
        let forward = (1 - decay) / 2
        let backward = frequency * frequency * (1 + decay) / 2
        let expectedCondition = scaled / tanh(scaled)

        #expect(relativeError(condition.forwardMoment.quadrature.value, forward) < 1e-10)
        #expect(relativeError(condition.backwardMoment.quadrature.value, backward) < 1e-10)
        #expect(relativeError(condition.value.value, expectedCondition) < 1e-10)
        #expect(condition.value.value > 1)
        #expect(
            Swift.abs(condition.value.value - expectedCondition)
                <= condition.value.errorEstimate + 4e-16 * expectedCondition)
    }

    @Test(
        "Gaussian bump exp(−x²/(2c²)): M_f = c/√(c² + 2s²), M_d = s²/(c(c² + 2s²)^(3/2))",
        arguments: [0.01, 0.0776886987015019, 1, 20])
    func gaussianBump(sigma: Double) throws {
        let width = 0.05
        let bump = try activation("exp(-x^2/(2*0.05^2))")
        let report = try GainReport(
            activation: bump, preactivationStd: sigma, includeBackwardMoment: true)
        let spread = width * width + 2 * sigma * sigma
        let forward = width / spread.squareRoot()
        let backward = sigma * sigma / (width * pow(spread, 1.5))
        let condition = pow(sigma, 4) / (width * width * spread)

        #expect(relativeError(report.forwardMoment.quadrature.value, forward) < 1e-10)
        #expect(relativeError(try #require(report.backwardMoment).quadrature.value, backward)
            < 1e-10)
        #expect(relativeError(try #require(report.backwardCondition).value.value, condition)
            < 1e-10)
        #expect(relativeError(report.gainSquared.value, sigma * sigma / forward) < 1e-10)
    }

    // mpmath 1.3, 30 digits, quad against the standard normal density:
    //   1/E[tanh(z)²] = 2.53617543321745375422972448164
    //   1/E[sigmoid(z)²] = 3.40855984162310298291443807947
    @Test("tanh and sigmoid gain² at σ_p = 1 to 1e-9")
    func tanhAndSigmoid() throws {
        let tanhGain = try GainReport(activation: activation("tanh(x)"))
        #expect(Swift.abs(tanhGain.gainSquared.value - 2.53617543321745375) < 1e-9)
        let sigmoidGain = try GainReport(activation: activation("sigmoid(x)"))
        #expect(Swift.abs(sigmoidGain.gainSquared.value - 3.40855984162310298) < 1e-9)
    }

    // mpmath 1.3, 30 digits: at σ = 2, E[tanh(z)²] = 0.635261234256939924856443345761,
    // E[sech(z)⁴] = 0.255950443225208912386157408472, cond = 1.61162324677086354937632901825.
    @Test("tanh at σ_p = 2: both moments and cond against mpmath")
    func tanhAtTwo() throws {
        let condition = try BackwardCondition(
            activation: activation("tanh(x)"), preactivationStd: 2)
        #expect(relativeError(condition.forwardMoment.quadrature.value, 0.6352612342569399) < 1e-12)
        #expect(relativeError(condition.backwardMoment.quadrature.value, 0.2559504432252089)
            < 1e-12)
        #expect(relativeError(condition.value.value, 1.6116232467708635) < 1e-12)
    }

    @Test("the gain's error is propagated from M_f: half its relative error")
    func errorPropagation() throws {
        let report = try GainReport(activation: activation("sin(30*x)"), preactivationStd: 3)
        let moment = report.forwardMoment.value
        #expect(moment.errorEstimate > 0)
        #expect(relativeError(report.gainSquared.relativeError, moment.relativeError) < 1e-12)
        #expect(relativeError(report.gain.relativeError, moment.relativeError / 2) < 1e-12)
    }

    @Test("the general backward factor r·cond, and its stable value 1/r")
    func gradientVarianceFactor() throws {
        let condition = try BackwardCondition(activation: activation("sin(x)"))
        let expected = 1 / tanh(1.0)
        let factor = condition.gradientVarianceFactor(fanRatio: 0.25)
        #expect(relativeError(factor.value, 0.25 * expected) < 1e-10)
        #expect(factor.errorEstimate == 0.25 * condition.value.errorEstimate)
        #expect(BackwardCondition.stableValue(fanRatio: 0.25) == 4)
    }
}
