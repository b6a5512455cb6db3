import ActivationExpr
import Foundation
import GaussianMoments
import Testing
@testable import VI3NR

/// Numeric adversaries through the public API: each has a clear outcome,
/// either a value whose reported error covers the truth (computed
/// independently: a closed form, or mpmath at 30 digits as noted), or a
/// typed error that says why.
@Suite("Adversarial numerics: values with honest errors, or errors that say why")
struct AdversarialNumericTests {
    /// The gain report with both moments, at σ_p.
    func report(_ source: String, sigma: Double) throws -> GainReport {
        try GainReport(activation: try Activation.parse(source), preactivationStd: sigma,
                       includeBackwardMoment: true)
    }

    /// Checks that `estimate` covers `truth`: within its own error
    /// estimate, plus a relative slack of `slack` for the reference.
    func expectCovers(
        _ estimate: EstimatedValue, _ truth: Double, slack: Double = 1e-13,
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let allowed = estimate.errorEstimate + slack * Swift.abs(truth)
        #expect(Swift.abs(estimate.value - truth) <= allowed,
                "\(what): \(estimate.value) ± \(estimate.errorEstimate), truth \(truth)",
                sourceLocation: sourceLocation)
    }

    // MARK: - Extreme σ_p

    /// Regression: for σ_p ≥ 1e4 the dip of tanh² (and the step of
    /// sigmoid²) at 0 is narrower than any panel, the quadrature integrated
    /// the plateau, and `gain²` came out as exactly σ_p² (σ_p²/0.5 for
    /// sigmoid) with an error estimate of 1e-14 relative: at σ_p = 1e6 the
    /// truth is 8e-7 higher. Truth: mpmath, 30 digits, `quad` of
    /// `φ(σt)² exp(−t²/2)/√(2π)` with breakpoints at ±40/σ, ±5/σ, ±0.6/σ.
    @Test("saturating activations at σ_p = 1e4 and 1e6: gain² and cond as mpmath gives",
          arguments: [
            ("tanh(x)", 1e4, 100007979.48224578306, 5319.6548438211765271),
            ("tanh(x)", 1e6, 1000000797885.1974228, 531923.4649486780179),
            ("sigmoid(x)", 1e4, 200015958.96429466458, 1329.9137045211850726),
            ("sigmoid(x)", 1e6, 2000001595770.3948437, 132980.86623710518143),
          ])
    func saturatingActivationsAtHugeSigma(
        source: String, sigma: Double, gainSquared: Double, condition: Double
    ) throws {
        let result = try report(source, sigma: sigma)
        expectCovers(result.gainSquared, gainSquared, "\(source) gain² at σ_p = \(sigma)")
        let cond = try #require(result.backwardCondition).value
        expectCovers(cond, condition, slack: 1e-12, "\(source) cond at σ_p = \(sigma)")
    }

    /// Regression, same cause: `x/sqrt(1 + x²)` at σ_p = 1e5 failed with
    /// "did not converge" (mpmath: gain² = 10000125331.98452876).
    @Test("x/sqrt(1 + x²) at σ_p = 1e5 converges to the mpmath value")
    func algebraicSigmoidAtHugeSigma() throws {
        let result = try report("x/sqrt(1 + x^2)", sigma: 1e5)
        expectCovers(result.gainSquared, 10000125331.98452876, "gain²")
    }

    /// Closed forms (MATH.md) at σ_p = 1e-12 and 1e6: relu (gain² = 2,
    /// cond = 1), the Gaussian bump c = 0.05 (`M_f = c/√(c² + 2s²)`,
    /// `cond = s⁴/(c²(c² + 2s²))`), sin(30x) at 1e-12
    /// (`M_f = (1 − e^{−2a²s²})/2`, `cond = a²s² coth(a²s²)`).
    @Test("relu, the Gaussian bump and sin(30x) at σ_p = 1e-12 and 1e6: closed forms")
    func closedFormsAtExtremeSigma() throws {
        for sigma in [1e-12, 1e6] {
            let relu = try report("relu(x)", sigma: sigma)
            expectCovers(relu.gainSquared, 2, "relu gain² at \(sigma)")
            expectCovers(try #require(relu.backwardCondition).value, 1, "relu cond at \(sigma)")

            let c = 0.05
            let bump = try report("exp(-x^2/(2*0.05^2))", sigma: sigma)
            let forward = c / (c * c + 2 * sigma * sigma).squareRoot()
            expectCovers(bump.gainSquared, sigma * sigma / forward, slack: 1e-12,
                         "bump gain² at \(sigma)")
            let bumpCondition = pow(sigma, 4) / (c * c * (c * c + 2 * sigma * sigma))
            expectCovers(try #require(bump.backwardCondition).value, bumpCondition,
                         slack: 1e-12, "bump cond at \(sigma)")
        }

        // sin(30x) at 1e-12: y = a²s² = 9e-22, M_f = (1 − e^{−2y})/2 = y(1 − y)
        // to double precision, cond = y coth y = 1 + y/3.
        let sine = try report("sin(30*x)", sigma: 1e-12)
        let y = 900 * 1e-24
        expectCovers(sine.gainSquared, 1e-24 / (y * (1 - y)), "sin(30x) gain²")
        expectCovers(try #require(sine.backwardCondition).value, 1, "sin(30x) cond")
    }

    /// sin(30x) at σ_p = 1e6 oscillates 10⁷ times over the Gaussian's
    /// width: the quadrature says it cannot resolve it.
    @Test("sin(30x) at σ_p = 1e6: an error saying the oscillation is not resolved")
    func fastOscillationAtHugeSigma() throws {
        let error = #expect(throws: VI3NRError.self) { try report("sin(30*x)", sigma: 1e6) }
        guard case .momentFailed(.forward, 1e6, .unresolved)? = error else {
            Issue.record("expected an unresolved forward moment, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("oscillates faster than the scan can follow") == true)
    }

    @Test("σ_p of 0, negative, NaN or infinite is refused before any work",
          arguments: [0.0, -1, -.infinity, .infinity, .nan])
    func invalidSigma(sigma: Double) throws {
        let error = #expect(throws: VI3NRError.self) { try report("tanh(x)", sigma: sigma) }
        guard case .invalidPreactivationStd? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("must be finite and positive") == true)
    }

    // MARK: - Divergent, undefined and singular moments

    /// `exp(x²)`: `E[exp(2z²)] = 1/√(1 − 4s²)` for s < 1/2, infinite
    /// beyond; `E[(2z exp(z²))²] = 4s²/(1 − 4s²)^{3/2}`.
    @Test("exp(x²): the closed form at σ_p = 0.3, divergence at σ_p = 1")
    func exponentialOfSquare() throws {
        let s = 0.3
        let result = try report("exp(x^2)", sigma: s)
        let forward = 1 / (1 - 4 * s * s).squareRoot()
        let backward = 4 * s * s / pow(1 - 4 * s * s, 1.5)
        expectCovers(result.gainSquared, s * s / forward, "gain²")
        expectCovers(try #require(result.backwardCondition).value, s * s * backward / forward,
                     "cond")

        let error = #expect(throws: VI3NRError.self) { try report("exp(x^2)", sigma: 1) }
        guard case .momentFailed(.forward, 1, .divergent)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("the expectation diverges") == true)
    }

    @Test("1/x: E[1/z²] is infinite, a non-integrable singularity at 0")
    func reciprocal() {
        let error = #expect(throws: VI3NRError.self) { try report("1/x", sigma: 1) }
        guard case .momentFailed(.forward, 1, .nonIntegrableSingularity(let x, _, _))? = error
        else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(x == 0)
    }

    /// `E[log²|z|] = (γ + ln 2)²/4 + π²/8` at σ = 1 (mpmath agrees to 30
    /// digits: 1.6371559899184156941), finite; `M_d = E[1/z²]` is not.
    @Test("log(abs(x)): finite M_f with its closed form, divergent M_d named")
    func logarithmOfAbsoluteValue() throws {
        let activation = try Activation.parse("log(abs(x))")
        let forwardOnly = try GainReport(activation: activation, preactivationStd: 1)
        expectCovers(forwardOnly.gainSquared, 1 / 1.6371559899184156941, "gain²")

        let error = #expect(throws: VI3NRError.self) { try report("log(abs(x))", sigma: 1) }
        guard case .momentFailed(.backward, 1, .nonIntegrableSingularity)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("cannot compute M_d = E[φ'(z)²] at σ_p = 1") == true)
    }

    @Test("sqrt(x) and x^x are undefined for x < 0: the error names a negative x and why",
          arguments: [("sqrt(x)", "sqrt has a domain edge"),
                      ("x^x", "a power with a variable exponent has a domain edge")])
    func undefinedOnHalfTheLine(source: String, reason: String) {
        let error = #expect(throws: VI3NRError.self) { try report(source, sigma: 1) }
        guard case .momentFailed(.forward, 1, .undefined(let x, let why))? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(x < 0)
        #expect(why.contains(reason), "\(why)")
    }

    /// `E[exp(2000z)] = exp(2·10⁶ s²)`: exp(0.02) at s = 1e-4, so gain² =
    /// s²·e^{−0.02} and cond = s²·10⁶ = 0.01; at s = 1 it overflows.
    @Test("exp(1000x): the closed form at σ_p = 1e-4, divergence (overflow) at σ_p = 1")
    func overflowingExponential() throws {
        let s = 1e-4
        let result = try report("exp(1000*x)", sigma: s)
        expectCovers(result.gainSquared, s * s * Foundation.exp(-0.02), "gain²")
        expectCovers(try #require(result.backwardCondition).value, 0.01, "cond")

        let error = #expect(throws: VI3NRError.self) { try report("exp(1000*x)", sigma: 1) }
        guard case .momentFailed(.forward, 1, .divergent)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    // MARK: - Degenerate conditions

    /// `step`: M_f = 1/2 (gain² = 2σ²), M_d = 0 so cond = 0 exactly; a
    /// constant 3: M_f = 9, M_d = 0. The σ_p search calls both degenerate.
    @Test("step(x) and a constant: cond = 0 exactly, the search says degenerate",
          arguments: [("step(x)", 0.5), ("3", 9.0)])
    func zeroBackwardMoment(source: String, forwardMoment: Double) throws {
        for sigma in [0.1, 1, 7] {
            let result = try report(source, sigma: sigma)
            expectCovers(result.gainSquared, sigma * sigma / forwardMoment, "gain² at \(sigma)")
            let cond = try #require(result.backwardCondition).value
            #expect(cond.value == 0 && cond.errorEstimate == 0)
        }
        let search = try OptimalSigmaSearch().run(for: try Activation.parse(source))
        #expect(search.outcome == .degenerate(.zeroBackwardMoment))
    }

    // MARK: - Non-finite values written in the expression

    @Test("nan, inf, 1/0 and exp(1000) in the text are refused with a located reason",
          arguments: [
            ("nan", "'nan' is not part of the language: every value must be finite"),
            ("x + inf", "'inf' is not part of the language: every value must be finite"),
            ("1/0", "the constant part 1/0 evaluates to infinity"),
            ("x*exp(1000)", "the constant part exp(1000) evaluates to infinity"),
            ("sin(x) + 0*log(0)", "the constant part log(0) evaluates to -infinity"),
          ])
    func nonFiniteConstants(source: String, message: String) {
        let error = #expect(throws: VI3NRError.self) { try Activation.parse(source) }
        guard case .invalidActivation(.invalidSyntax(let parseError))? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(parseError.message == message)
    }

    // MARK: - Invalid options

    @Test("Monte Carlo with 0, 1 or a negative number of samples, or 0 threads, is refused",
          arguments: [(0, nil), (1, nil), (-5, nil), (1000, 0)] as [(Int, Int?)])
    func invalidMonteCarloOptions(samples: Int, threads: Int?) throws {
        let activation = try Activation.parse("tanh(x)")
        let options = MonteCarloOptions(samples: samples, seed: 1, threads: threads)
        #expect(throws: VI3NRError.invalidMonteCarloOptions(samples: samples, threads: threads)) {
            try GainReport(activation: activation, monteCarlo: options)
        }
    }
}
