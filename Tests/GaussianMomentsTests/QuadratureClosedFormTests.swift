import ActivationExpr
import GaussianMoments
import Testing

/// Checks a quadrature result against an exact value: relative error at
/// most 1e-10, the error estimate bounding the true error, and the
/// estimate itself at most about 1e-10 of the value.
func expectAccurate(
    _ estimate: QuadratureEstimate, exact: Double, _ comment: Comment,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = Swift.abs(estimate.value - exact)
    #expect(error <= 1e-10 * Swift.abs(exact), comment, sourceLocation: sourceLocation)
    #expect(error <= estimate.errorEstimate, "estimate does not bound: \(comment)",
            sourceLocation: sourceLocation)
    #expect(estimate.errorEstimate <= 1.5e-10 * Swift.abs(exact), "estimate too loose: \(comment)",
            sourceLocation: sourceLocation)
}

@Suite("Quadrature against the closed forms of MATH.md, σ across [1e-3, 20]")
struct QuadratureClosedFormTests {
    @Test("relu: M_f = σ²/2 with the kink at 0 located", arguments: sigmaSweep)
    func relu(sigma: Double) throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.relu,
            breakpoints: [HandWritten.locator(.kink, "relu has a kink where x = 0") { $0 }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
        expectAccurate(estimate, exact: ClosedForm.relu(sigma), "relu σ = \(sigma)")
    }

    @Test("relu': M_d = 1/2 (a jump at 0)", arguments: sigmaSweep)
    func reluDerivative(sigma: Double) throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.step,
            breakpoints: [HandWritten.locator(.jump, "step jumps where x = 0") { $0 }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
        expectAccurate(estimate, exact: 0.5, "step σ = \(sigma)")
    }

    @Test("sin(a x) for a = 1 and 30: M_f and M_d", arguments: sigmaSweep)
    func sine(sigma: Double) throws {
        for frequency in [1.0, 30.0] {
            let forward = try GaussianQuadrature.expectation(
                of: GaussianIntegrand(function: HandWritten.sine(frequency)),
                standardDeviation: sigma)
            expectAccurate(
                forward, exact: ClosedForm.sine(frequency, sigma),
                "sin(\(frequency)x) σ = \(sigma)")
            let backward = try GaussianQuadrature.expectation(
                of: GaussianIntegrand(function: HandWritten.sineDerivative(frequency)),
                standardDeviation: sigma)
            expectAccurate(
                backward, exact: ClosedForm.sineDerivative(frequency, sigma),
                "\(frequency)cos(\(frequency)x) σ = \(sigma)")
        }
    }

    @Test("Gaussian bump c = 0.05: M_f and M_d", arguments: sigmaSweep)
    func bump(sigma: Double) throws {
        let forward = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.bump(width: 0.05)),
            standardDeviation: sigma)
        expectAccurate(forward, exact: ClosedForm.bump(0.05, sigma), "bump σ = \(sigma)")
        let backward = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.bumpDerivative(width: 0.05)),
            standardDeviation: sigma)
        expectAccurate(
            backward, exact: ClosedForm.bumpDerivative(0.05, sigma), "bump' σ = \(sigma)")
    }

    @Test("the identity transform: E[sin(x)²·…] means, and an odd mean of 0")
    func identityTransform() throws {
        // E[exp(−z²/(2c²))] = c/√(c² + s²) (the bump itself, not squared).
        let mean = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.bump(width: 0.05), transform: .identity),
            standardDeviation: 2)
        let exact = 0.05 / (0.0025 + 4.0).squareRoot()
        #expect(relativeError(mean.value, exact) < 1e-10)
        #expect(Swift.abs(mean.value - exact) <= mean.errorEstimate)

        // E[tanh(z)] = 0: the tolerance is relative to E[|tanh z|].
        let odd = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.hyperbolicTangent, transform: .identity),
            standardDeviation: 1.3)
        #expect(Swift.abs(odd.value) < 1e-12)
        #expect(Swift.abs(odd.value) <= odd.errorEstimate)
    }
}
