import ActivationExpr
import Foundation
import GaussianMoments
import Testing

/// Gaussian moments of parsed expressions: the real path from text to
/// numbers, through the expression compiler's scalar closures, block
/// kernels and breakpoint locators.
@Suite("Moments of parsed activations")
struct ActivationMomentTests {
    /// `M_f` and `M_d` integrands of an activation.
    static func integrands(_ source: String) throws -> (GaussianIntegrand, GaussianIntegrand) {
        let activation = try Activation(parsing: source)
        return (
            GaussianIntegrand.forwardSecondMoment(of: activation),
            GaussianIntegrand.backwardSecondMoment(of: activation)
        )
    }

    /// Every built-in whose moments exist on the whole line with a finite
    /// fourth moment (so Monte Carlo has a standard error): not tan, log,
    /// log1p or sqrt. The exponential family only up to σ = 1, where
    /// `E[exp(4z)]` keeps the Monte Carlo error meaningful.
    static let wholeLineBuiltins = [
        "sin(x)", "cos(x)", "abs(x)", "sign(x)", "tanh(x)", "atan(x)", "erf(x)", "erfc(x)",
        "sigmoid(x)", "relu(x)", "softplus(x)", "gelu(x)", "silu(x)", "elu(x)",
        "leaky_relu(x)", "sinc(x)", "dsinc(x)", "step(x)", "max(x, 0.3*x)", "min(x, 1)",
        "pow(x, 3)",
    ]
    static let exponentialBuiltins = ["exp(x)", "sinh(x)", "cosh(x)"]

    @Test("Monte Carlo within 4 standard errors of quadrature, M_f and M_d, every built-in",
          arguments: [0.1, 1.0, 3.0])
    func builtinsAgree(sigma: Double) throws {
        let sources = Self.wholeLineBuiltins + (sigma <= 1 ? Self.exponentialBuiltins : [])
        for source in sources {
            let (forward, backward) = try Self.integrands(source)
            for (label, integrand) in [("M_f", forward), ("M_d", backward)] {
                let agreement = try GaussianCrossCheck.compare(
                    integrand, standardDeviation: sigma, samples: 20_000, seed: 17)
                #expect(
                    agreement.agrees, "\(source) \(label) σ = \(sigma): z = \(agreement.zScore)")
            }
        }
    }

    @Test("the literature expressions against MATH.md, σ across [1e-3, 20]",
          arguments: [1e-3, 0.05, 0.3, 1, 5, 20])
    func literatureClosedForms(sigma: Double) throws {
        let (sineForward, sineBackward) = try Self.integrands("sin(30*x)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: sineForward, standardDeviation: sigma),
            exact: ClosedForm.sine(30, sigma), "sin(30*x) σ = \(sigma)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: sineBackward, standardDeviation: sigma),
            exact: ClosedForm.sineDerivative(30, sigma), "30*cos(30*x) σ = \(sigma)")

        let (bumpForward, bumpBackward) = try Self.integrands("exp(-x^2/(2*0.05^2))")
        expectAccurate(
            try GaussianQuadrature.expectation(of: bumpForward, standardDeviation: sigma),
            exact: ClosedForm.bump(0.05, sigma), "bump σ = \(sigma)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: bumpBackward, standardDeviation: sigma),
            exact: ClosedForm.bumpDerivative(0.05, sigma), "bump' σ = \(sigma)")

        let (reluForward, reluBackward) = try Self.integrands("relu(x)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: reluForward, standardDeviation: sigma),
            exact: ClosedForm.relu(sigma), "relu σ = \(sigma)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: reluBackward, standardDeviation: sigma),
            exact: 0.5, "relu' σ = \(sigma)")
    }

    @Test("composites with kinks and jumps, parsed: relu(x-1), abs(sin(x)), x > 0.5 ? x : 0")
    func composites() throws {
        // References: CompositeQuadratureTests (derived by hand, mpmath).
        let (shifted, _) = try Self.integrands("relu(x-1)")
        expectAccurate(
            try GaussianQuadrature.expectation(of: shifted, standardDeviation: 1),
            exact: 0.075339783343770753032, "relu(x-1)")
        let (folded, foldedDerivative) = try Self.integrands("abs(sin(x))")
        expectAccurate(
            try GaussianQuadrature.expectation(of: folded, standardDeviation: 5),
            exact: ClosedForm.sine(1, 5), "abs(sin(x))")
        expectAccurate(
            try GaussianQuadrature.expectation(of: foldedDerivative, standardDeviation: 5),
            exact: (1 + exp(-50.0)) / 2, "abs(sin(x))'")
        let (conditional, _) = try Self.integrands("x > 0.5 ? x : 0")
        expectAccurate(
            try GaussianQuadrature.expectation(of: conditional, standardDeviation: 2),
            exact: 1.99184281407115431, "x > 0.5 ? x : 0")
        let (sinc, _) = try Self.integrands("sin(x)/x")
        expectAccurate(
            try GaussianQuadrature.expectation(of: sinc, standardDeviation: 5),
            exact: 0.23066282746310005024, "sin(x)/x")
    }

    @Test("parsed error cases: exp(x^2) diverges, log and sqrt undefined, 1/x not integrable")
    func errors() throws {
        let (growth, _) = try Self.integrands("exp(x^2)")
        #expect {
            try GaussianQuadrature.expectation(of: growth, standardDeviation: 1)
        } throws: { error in
            guard case .divergent = error as? GaussianMomentError else { return false }
            return true
        }
        for source in ["log(x)", "sqrt(x)"] {
            let (forward, _) = try Self.integrands(source)
            #expect {
                try GaussianQuadrature.expectation(of: forward, standardDeviation: 1)
            } throws: { error in
                guard case let .undefined(x, reason) = error as? GaussianMomentError
                else { return false }
                return x < 0 && reason.contains(source.prefix(3))
            }
        }
        let (reciprocal, _) = try Self.integrands("1/x")
        let (_, logDerivative) = try Self.integrands("log(abs(x))")
        for integrand in [reciprocal, logDerivative] {
            #expect {
                try GaussianQuadrature.expectation(of: integrand, standardDeviation: 1)
            } throws: { error in
                guard case .nonIntegrableSingularity = error as? GaussianMomentError
                else { return false }
                return true
            }
        }
    }
}
