import Testing
@testable import VI3NR

@Suite("Monte Carlo agreement verdicts")
struct AgreementVerdictTests {
    @Test("agreement within 4 combined standard errors, not beyond")
    func threshold() {
        let quadrature = EstimatedValue(value: 1, errorEstimate: 0)
        // z = (value − 1) / 0.01.
        let near = MonteCarloValue(value: 1.0399, standardError: 0.01, samples: 100, seed: 0)
        let far = MonteCarloValue(value: 1.0401, standardError: 0.01, samples: 100, seed: 0)
        let below = MonteCarloValue(value: 0.9599, standardError: 0.01, samples: 100, seed: 0)
        #expect(MonteCarloValue.agreementThreshold == 4)
        #expect(near.agrees(with: quadrature))
        #expect(!far.agrees(with: quadrature))
        #expect(!below.agrees(with: quadrature))
    }

    @Test("the verdicts of a gain report: nil without Monte Carlo, true for tanh with it")
    func reportVerdicts() throws {
        let tanh = try activation("tanh(x)")
        let plain = try GainReport(activation: tanh, includeBackwardMoment: true)
        #expect(plain.forwardMoment.agrees == nil)
        #expect(plain.backwardCondition?.agrees == nil)

        let checked = try GainReport(
            activation: tanh, monteCarlo: MonteCarloOptions(samples: 100_000, seed: 7),
            includeBackwardMoment: true)
        #expect(checked.forwardMoment.agrees == true)
        #expect(checked.backwardMoment?.agrees == true)
        #expect(checked.backwardCondition?.agrees == true)
    }
}
