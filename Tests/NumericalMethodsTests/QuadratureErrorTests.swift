import Foundation
import NumericalMethods
import Testing

@Suite("Quadrature errors come back as Swift errors, never as an abort")
struct QuadratureErrorTests {
    @Test("a NaN integrand is reported with where it was seen")
    func nanIntegrand() {
        do {
            _ = try AdaptiveQuadrature.integrate({ log($0) }, from: -1, to: 2)
            Issue.record("expected an error")
        } catch let error {
            guard case let .nonFiniteValue(x, value) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x < 0)
            #expect(value.isNaN)
            #expect(error.description.contains("not finite"))
        }
    }

    @Test("an infinite integrand is reported too")
    func infiniteIntegrand() {
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate({ $0 == 0.5 ? .infinity : 1 }, from: 0, to: 1,
                                             rule: .points15)
        }
    }

    @Test("the divergent ∫₀¹ dx/x is an error, not a number")
    func divergentIntegral() {
        do {
            let result = try AdaptiveQuadrature.integrate(
                { 1 / $0 }, from: 0, to: 1, breakpoints: [])
            Issue.record("expected an error, got \(result)")
        } catch {
            switch error {
            case .divergent, .roundOffLimited, .badIntegrandBehaviour,
                 .maximumSubdivisionsReached:
                break
            default:
                Issue.record("unexpected error \(error)")
            }
        }
    }

    /// The extrapolation's last guess for a divergent integral means
    /// nothing (it can even be negative for a non-negative integrand), so
    /// the message does not show it as a value with an error.
    @Test func divergenceMessageShowsNoValue() {
        let partial = QuadratureResult(
            value: -390.86, errorEstimate: 1.3e-8, evaluations: 315, intervals: 7)
        let message = NumericalError.divergent(partial: partial).description
        #expect(message == "the integral is divergent or converges too slowly")
    }

    @Test("the divergent ∫₁^∞ dx/x on a half line is an error")
    func divergentHalfLine() {
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate({ 1 / $0 }, from: 1, to: .infinity)
        }
    }

    @Test("too few subdivisions for fast oscillation: maximum subdivisions reached")
    func subdivisionLimit() {
        do {
            _ = try AdaptiveQuadrature.integrate(
                { sin(1000 * $0) }, from: 0, to: 100, relativeTolerance: 1e-12,
                maximumSubdivisions: 5)
            Issue.record("expected an error")
        } catch {
            guard case let .maximumSubdivisionsReached(limit, partial) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(limit == 5)
            #expect(partial.intervals == 5)
            #expect(error.description.contains("maximum of 5 subdivisions"))
        }
    }

    @Test("invalid arguments are refused")
    func invalidArguments() {
        #expect(throws: NumericalError.invalidArgument("an integration limit is NaN")) {
            try AdaptiveQuadrature.integrate({ $0 }, from: .nan, to: 1)
        }
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate({ $0 }, from: 0, to: 1, relativeTolerance: -1)
        }
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate({ $0 }, from: 0, to: 1, maximumSubdivisions: 0)
        }
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate({ $0 }, from: 0, to: .infinity, breakpoints: [1])
        }
        // Zero tolerances: GSL's EBADTOL, mapped to an invalid argument.
        #expect(throws: NumericalError.self) {
            try AdaptiveQuadrature.integrate(
                { $0 }, from: 0, to: 1, absoluteTolerance: 0, relativeTolerance: 0)
        }
    }
}
