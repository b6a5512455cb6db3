import GaussianMoments
import Testing

@Suite("Quadrature and Monte Carlo cross-check")
struct AgreementTests {
    @Test("the literature activations agree within 4 standard errors", arguments: [0.3, 1, 5])
    func literatureAgree(sigma: Double) throws {
        let integrands: [(String, GaussianIntegrand)] = [
            ("sin(30x)", GaussianIntegrand(function: HandWritten.sine(30))),
            ("bump", GaussianIntegrand(function: HandWritten.bump(width: 0.05))),
            ("sin(x)/x", GaussianIntegrand(function: HandWritten.sincWrittenOut)),
            ("tanh", GaussianIntegrand(function: HandWritten.hyperbolicTangent)),
            ("tanh mean", GaussianIntegrand(
                function: HandWritten.hyperbolicTangent, transform: .identity)),
        ]
        for (name, integrand) in integrands {
            let agreement = try GaussianCrossCheck.compare(
                integrand, standardDeviation: sigma, samples: 40_000, seed: 5)
            #expect(agreement.agrees, "\(name) σ = \(sigma): z = \(agreement.zScore)")
            #expect(agreement.samples == 40_000)
        }
    }

    @Test("a wrong quadrature value is caught: z-score far beyond the threshold")
    func disagreementIsDetected() {
        let quadrature = QuadratureEstimateFixture.make(value: 0.5, errorEstimate: 1e-12)
        let agreement = MomentAgreement(
            quadrature: quadrature, monteCarloValue: 0.51, monteCarloStandardError: 0.001,
            samples: 1000)
        #expect(!agreement.agrees)
        #expect(Swift.abs(agreement.zScore - 10) < 1e-6)
    }

    @Test("equal values with no error give z = 0; different ones an infinite z")
    func degenerateSpread() {
        let quadrature = QuadratureEstimateFixture.make(value: 1, errorEstimate: 0)
        let same = MomentAgreement(
            quadrature: quadrature, monteCarloValue: 1, monteCarloStandardError: 0, samples: 10)
        #expect(same.zScore == 0)
        #expect(same.agrees)
        let rounding = MomentAgreement(
            quadrature: quadrature, monteCarloValue: 1 + 2e-16, monteCarloStandardError: 0,
            samples: 10)
        #expect(rounding.agrees)
    }
}

/// Quadrature estimates with chosen numbers.
enum QuadratureEstimateFixture {
    static func make(value: Double, errorEstimate: Double) -> QuadratureEstimate {
        QuadratureEstimate(value: value, errorEstimate: errorEstimate)
    }
}
