import Foundation
import NumericalMethods
import Testing

@Suite("Brent minimisation")
struct MinimumRefinementTests {
    @Test("cos x has its minimum at π: located to the default 1e-7")
    func cosineMinimum() throws {
        let result = try MinimumRefinement.brent({ cos($0) }, lower: 2, guess: 3, upper: 5)
        #expect(result.converged)
        #expect(Swift.abs(result.location - Double.pi) < 4e-7)
        #expect(Swift.abs(result.value + 1) < 1e-15)
        #expect(result.lower <= result.location && result.location <= result.upper)
    }

    @Test("a tolerance finer than the flatness allows: not converged, best point still right")
    func toleranceBelowFlatness() throws {
        // Near π, cos x + 1 ≈ (x − π)²/2 is below ε for |x − π| < 2e-8,
        // so no bracket can shrink to 1e-10 on values alone (and GSL's
        // steps are at least √ε·|x|).
        let result = try MinimumRefinement.brent(
            { cos($0) }, lower: 2, guess: 3, upper: 5, relativeTolerance: 1e-10)
        #expect(!result.converged)
        #expect(Swift.abs(result.location - Double.pi) < 1e-7)
    }

    @Test("x + 1/x has its minimum 2 at x = 1")
    func reciprocalSum() throws {
        let result = try MinimumRefinement.brent(
            { $0 + 1 / $0 }, lower: 0.1, guess: 0.5, upper: 10)
        #expect(Swift.abs(result.location - 1) < 1e-7)
        #expect(Swift.abs(result.value - 2) < 1e-14)
    }

    @Test("a guess that is not below both ends is an error, not an abort")
    func notEnclosed() {
        do {
            _ = try MinimumRefinement.brent({ $0 }, lower: 0, guess: 1, upper: 2)
            Issue.record("expected an error")
        } catch {
            guard case .invalidArgument(let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reason.contains("does not enclose a minimum"))
        }
    }

    @Test("a NaN where the minimiser looks is reported with its place")
    func nonFinite() {
        #expect(throws: NumericalError.nonFiniteValue(x: 1, value: .infinity)) {
            try MinimumRefinement.brent(
                { $0 == 1 ? .infinity : ($0 - 1) * ($0 - 1) }, lower: 0, guess: 1, upper: 3)
        }
    }

    @Test("too few iterations: not converged, best point so far")
    func iterationLimit() throws {
        let result = try MinimumRefinement.brent(
            { ($0 - 0.3) * ($0 - 0.3) }, lower: -10, guess: 1, upper: 10,
            relativeTolerance: 1e-12, maximumIterations: 2)
        #expect(!result.converged)
        #expect(result.iterations == 2)
        #expect(result.value <= 0.49)
    }

    @Test("unordered brackets and bad tolerances are refused")
    func invalidArguments() {
        #expect(throws: NumericalError.self) {
            try MinimumRefinement.brent({ $0 * $0 }, lower: 1, guess: 0, upper: -1)
        }
        #expect(throws: NumericalError.self) {
            try MinimumRefinement.brent(
                { $0 * $0 }, lower: -1, guess: 0.1, upper: 1, relativeTolerance: 0)
        }
    }
}
