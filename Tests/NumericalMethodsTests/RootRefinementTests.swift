import Foundation
import NumericalMethods
import Testing

@Suite("Brent root refinement")
struct RootRefinementTests {
    @Test("cos x = 0 on [0, 2] gives π/2 to the default 1e-10")
    func cosineRoot() throws {
        let result = try RootRefinement.brent({ cos($0) }, lower: 0, upper: 2)
        #expect(Swift.abs(result.root - Double.pi / 2) <= 2e-10 * Double.pi / 2)
        #expect(result.lower <= Double.pi / 2 && Double.pi / 2 <= result.upper)
        #expect(result.iterations > 0)
    }

    @Test("x³ = 2 to a tight relative tolerance")
    func cubeRoot() throws {
        let result = try RootRefinement.brent(
            { $0 * $0 * $0 - 2 }, lower: 0, upper: 2, relativeTolerance: 1e-15)
        #expect(Swift.abs(result.root - cbrt(2.0)) <= 4 * cbrt(2.0).ulp)
    }

    @Test("a root at 0 needs no absolute tolerance: the bracket stops at neighbouring doubles")
    func rootAtZero() throws {
        let result = try RootRefinement.brent(
            { sin($0) + $0 * $0 * $0 }, lower: -1, upper: 2)
        #expect(Swift.abs(result.root) < 1e-300)
    }

    @Test("an end point that is a root is returned as it is")
    func rootAtEndPoint() throws {
        let result = try RootRefinement.brent({ $0 - 1 }, lower: 1, upper: 3)
        #expect(result.root == 1)
        #expect(result.iterations == 0)
    }

    @Test("a bracket without a sign change is an error, not an abort")
    func noSignChange() {
        #expect(throws: NumericalError.noSignChange(
            lower: -1, upper: 1, valueAtLower: 2, valueAtUpper: 2)) {
            try RootRefinement.brent({ $0 * $0 + 1 }, lower: -1, upper: 1)
        }
    }

    @Test("a NaN at a bracket end or inside is reported with its place")
    func nonFiniteValues() {
        #expect(throws: NumericalError.self) {
            try RootRefinement.brent({ log($0) }, lower: -1, upper: 2)
        }
        // Brent's first secant step from (−1, −1) and (1, 1) lands on 0,
        // where this function is NaN.
        do {
            _ = try RootRefinement.brent({ $0 == 0 ? .nan : $0 }, lower: -1, upper: 1)
            Issue.record("expected an error")
        } catch {
            guard case let .nonFiniteValue(x, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x == 0)
        }
    }

    @Test("too few iterations: not converged, with the last bracket")
    func notConverged() {
        do {
            _ = try RootRefinement.brent(
                { exp($0) - 2 }, lower: -10, upper: 10, relativeTolerance: 1e-15,
                maximumIterations: 2)
            Issue.record("expected an error")
        } catch {
            guard case let .rootNotConverged(iterations, lower, upper) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(iterations == 2)
            #expect(lower <= log(2.0) && log(2.0) <= upper)
        }
    }

    @Test("invalid brackets and tolerances are refused")
    func invalidArguments() {
        #expect(throws: NumericalError.self) {
            try RootRefinement.brent({ $0 }, lower: 1, upper: -1)
        }
        #expect(throws: NumericalError.self) {
            try RootRefinement.brent({ $0 }, lower: -1, upper: .infinity)
        }
        #expect(throws: NumericalError.self) {
            try RootRefinement.brent({ $0 }, lower: -1, upper: 1, relativeTolerance: 0)
        }
    }
}
