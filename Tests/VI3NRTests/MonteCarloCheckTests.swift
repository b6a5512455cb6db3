import Foundation
import Testing
@testable import VI3NR

@Suite("Monte Carlo cross-checks of the gain and the condition")
struct MonteCarloCheckTests {
    static let options = MonteCarloOptions(samples: 200_000, seed: 7)

    @Test("relu at σ_p = 1: Monte Carlo near the closed forms, with honest standard errors")
    func reluAgainstClosedForm() throws {
        let report = try GainReport(
            activation: activation("relu(x)"), monteCarlo: Self.options,
            includeBackwardMoment: true)
        let forward = try #require(report.forwardMoment.monteCarlo)
        #expect(forward.samples == 200_000)
        #expect(forward.seed == 7)
        // M_f = 1/2; the standard error of mean(relu(z)²) is
        // sd(relu(z)²)/√N = √(E[z⁴; z>0] − 1/4)/√N = √(3/2 − 1/4)/√N.
        let expectedError = (1.25 / 200_000).squareRoot()
        #expect(relativeError(forward.standardError, expectedError) < 0.05)
        #expect(Swift.abs(forward.value - 0.5) < 5 * expectedError)

        let gain = try #require(report.monteCarloGainSquared)
        #expect(Swift.abs(gain.value - 2) < 5 * gain.standardError)
        let relativeStandardError = forward.standardError / forward.value
        #expect(relativeError(gain.standardError / gain.value, relativeStandardError) < 1e-12)
        let plainGain = try #require(report.monteCarloGain)
        #expect(relativeError(
            plainGain.standardError / plainGain.value, forward.standardError / forward.value / 2)
            < 1e-12)
        #expect(Swift.abs(try #require(report.agreementSigmas)) < 5)
    }

    @Test("sin(30x), tanh, the Gaussian bump: every moment and cond agree within 5 σ",
          arguments: ["sin(30*x)", "tanh(x)", "exp(-x^2/(2*0.05^2))", "sin(x)/x"])
    func agreement(source: String) throws {
        for sigma in [0.1, 1.0, 3.0] {
            let condition = try BackwardCondition(
                activation: activation(source), preactivationStd: sigma,
                monteCarlo: Self.options)
            let forward = try #require(condition.forwardMoment.agreementSigmas)
            let backward = try #require(condition.backwardMoment.agreementSigmas)
            let ratio = try #require(condition.agreementSigmas)
            #expect(Swift.abs(forward) < 5, "\(source) σ=\(sigma): M_f z = \(forward)")
            #expect(Swift.abs(backward) < 5, "\(source) σ=\(sigma): M_d z = \(backward)")
            #expect(Swift.abs(ratio) < 5, "\(source) σ=\(sigma): cond z = \(ratio)")
        }
    }

    @Test("sin(x): cond's standard error uses the covariance of M_d and M_f")
    func covarianceOfTheMoments() throws {
        // φ and φ' see the same samples and sin² + cos² = 1 on each, so the
        // Monte Carlo M_d = 1 − M_f exactly, and R = M_d/M_f = 1/M_f − 1
        // has the standard error se(M_f)/M_f²: the delta method with the
        // covariance must give exactly that (without it, √(1 + R²)/(1 + R)
        // of it).
        let sigma = 0.7
        let condition = try BackwardCondition(
            activation: activation("sin(x)"), preactivationStd: sigma, monteCarlo: Self.options)
        let monteCarlo = try #require(condition.monteCarlo)
        let forward = try #require(condition.forwardMoment.monteCarlo)
        let backward = try #require(condition.backwardMoment.monteCarlo)
        #expect(Swift.abs(forward.value + backward.value - 1) < 1e-12)
        let expected = sigma * sigma * forward.standardError / (forward.value * forward.value)
        #expect(relativeError(monteCarlo.standardError, expected) < 1e-6)
        #expect(Swift.abs(try #require(condition.agreementSigmas)) < 5)
    }

    @Test("the same seed gives the same bits, another seed another value")
    func reproducibility() throws {
        let tanh = try activation("tanh(x)")
        let first = try GainReport(activation: tanh, monteCarlo: Self.options)
        let again = try GainReport(
            activation: tanh, monteCarlo: MonteCarloOptions(samples: 200_000, seed: 7, threads: 1))
        let other = try GainReport(
            activation: tanh, monteCarlo: MonteCarloOptions(samples: 200_000, seed: 8))
        #expect(first.forwardMoment.monteCarlo == again.forwardMoment.monteCarlo)
        #expect(first.forwardMoment.monteCarlo?.value != other.forwardMoment.monteCarlo?.value)
    }

    @Test("the z-score: difference over the combined error")
    func zScore() {
        let monteCarlo = MonteCarloValue(value: 1.1, standardError: 0.03, samples: 100, seed: 0)
        let quadrature = EstimatedValue(value: 1, errorEstimate: 0.04)
        #expect(Swift.abs(monteCarlo.agreementSigmas(with: quadrature) - 2) < 1e-12)
        let exact = MonteCarloValue(value: 1, standardError: 0, samples: 100, seed: 0)
        #expect(exact.agreementSigmas(with: EstimatedValue(value: 1, errorEstimate: 0)) == 0)
    }

    @Test("a Monte Carlo run with fewer than 2 samples or no thread is refused")
    func invalidOptions() throws {
        let tanh = try activation("tanh(x)")
        #expect(throws: VI3NRError.invalidMonteCarloOptions(samples: 1, threads: nil)) {
            try GainReport(activation: tanh, monteCarlo: MonteCarloOptions(samples: 1))
        }
        #expect(throws: VI3NRError.invalidMonteCarloOptions(samples: 100, threads: 0)) {
            try GainReport(
                activation: tanh, monteCarlo: MonteCarloOptions(samples: 100, threads: 0))
        }
    }
}
