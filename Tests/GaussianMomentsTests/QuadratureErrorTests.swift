import Foundation
import GaussianMoments
import NumericalMethods
import Testing

@Suite("Quadrature errors: divergent, undefined, singular, invalid σ")
struct QuadratureErrorTests {
    @Test("exp(x²) at σ = 1: E[exp(2z²)] diverges and is reported so, not as a number")
    func divergentGrowth() {
        do {
            let estimate = try GaussianQuadrature.expectation(
                of: GaussianIntegrand(function: HandWritten.elementwise { exp($0 * $0) }),
                standardDeviation: 1)
            Issue.record("expected divergence, got \(estimate)")
        } catch {
            guard case .divergent = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.hasPrefix("the expectation diverges"))
        }
    }

    @Test("exp(x²): above σ = 1/2 divergent; at σ = 0.3 it is 1/√(1 − 4σ²)")
    func convergentGrowth() throws {
        #expect(throws: GaussianMomentError.self) {
            try GaussianQuadrature.expectation(
                of: GaussianIntegrand(function: HandWritten.elementwise { exp($0 * $0) }),
                standardDeviation: 0.55)
        }
        let estimate = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.elementwise { exp($0 * $0) }),
            standardDeviation: 0.3)
        #expect(relativeError(estimate.value, 1.25) < 1e-10)
    }

    @Test("log(x) is undefined for x < 0: the error says where and why")
    func undefinedLogarithm() {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { log($0) },
            breakpoints: [HandWritten.locator(.pole, "log has a pole where x = 0") { $0 }])
        do {
            _ = try GaussianQuadrature.expectation(of: integrand, standardDeviation: 1)
            Issue.record("expected an error")
        } catch {
            guard case let .undefined(x, reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x < 0)
            #expect(reason == "log has a pole where x = 0")
            #expect(error.description.hasPrefix("undefined (NaN) for x near -"))
        }
    }

    @Test("sqrt(x) is undefined for x < 0, at every σ", arguments: [1e-3, 1.0, 20.0])
    func undefinedSquareRoot(sigma: Double) {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { $0.squareRoot() },
            breakpoints: [HandWritten.locator(.domainEdge, "sqrt is undefined where x < 0") { $0 }])
        do {
            _ = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
            Issue.record("expected an error")
        } catch {
            guard case let .undefined(x, reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x < 0)
            #expect(reason == "sqrt is undefined where x < 0")
        }
    }

    @Test("1/x: the pole at 0 is not integrable in M_f")
    func nonIntegrablePole() {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { 1 / $0 },
            breakpoints: [HandWritten.locator(.pole, "division by zero where x = 0") { $0 }])
        do {
            _ = try GaussianQuadrature.expectation(of: integrand, standardDeviation: 1)
            Issue.record("expected an error")
        } catch {
            guard case let .nonIntegrableSingularity(x, reason, cause) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x == 0)
            #expect(reason == "division by zero where x = 0")
            #expect(cause != nil)
        }
    }

    @Test("log(abs(x)) has M_d = E[1/z²] = ∞: the derivative's pole is an error")
    func nonIntegrableDerivative() {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { 1 / $0 },
            breakpoints: [HandWritten.locator(.pole, "log has a pole where abs(x) = 0") {
                Swift.abs($0)
            }])
        #expect {
            try GaussianQuadrature.expectation(of: integrand, standardDeviation: 0.7)
        } throws: { error in
            guard let error = error as? GaussianMomentError,
                  case .nonIntegrableSingularity = error else { return false }
            return true
        }
    }

    @Test("a pole off the grid, 1/(x − 0.3), is found through its locator and refused")
    func offGridPole() {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { 1 / ($0 - 0.3) },
            breakpoints: [HandWritten.locator(.pole, "division by zero where x - 0.3 = 0") {
                $0 - 0.3
            }])
        do {
            _ = try GaussianQuadrature.expectation(of: integrand, standardDeviation: 1)
            Issue.record("expected an error")
        } catch {
            guard case let .nonIntegrableSingularity(x, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(Swift.abs(x - 0.3) < 1e-15)
        }
    }

    @Test("σ must be finite and positive", arguments: [0.0, -1.0, .nan, .infinity])
    func invalidSigma(sigma: Double) {
        #expect {
            try GaussianQuadrature.expectation(
                of: GaussianIntegrand(function: HandWritten.relu), standardDeviation: sigma)
        } throws: { error in
            guard let error = error as? GaussianMomentError,
                  case let .invalidStandardDeviation(value) = error else { return false }
            return value.isNaN ? sigma.isNaN : value == sigma
        }
    }
}
