import Foundation
import NumericalMethods
import Testing

/// Relative distance between a computed and an exact value.
func relativeError(_ value: Double, _ exact: Double) -> Double {
    Swift.abs(value - exact) / Swift.abs(exact)
}

@Suite("Adaptive quadrature against closed forms")
struct AdaptiveQuadratureClosedFormTests {
    @Test("∫₀^π sin x dx = 2 with every Gauss–Kronrod rule")
    func sineOverHalfPeriod() throws {
        for rule in GaussKronrodRule.allCases {
            let result = try AdaptiveQuadrature.integrate(
                { sin($0) }, from: 0, to: Double.pi, rule: rule, relativeTolerance: 1e-12)
            #expect(relativeError(result.value, 2) < 1e-14)
            #expect(Swift.abs(result.value - 2) <= result.errorEstimate + 1e-15)
            #expect(result.evaluations > 0)
            #expect(result.intervals >= 1)
        }
    }

    @Test("reversed limits change the sign")
    func reversedLimits() throws {
        let result = try AdaptiveQuadrature.integrate({ $0 * $0 }, from: 3, to: 0)
        #expect(relativeError(result.value, -9) < 1e-14)
    }

    @Test("∫ exp(−x²) cos 3x over the real line = √π e^(−9/4) (qagi)")
    func wholeLine() throws {
        let result = try AdaptiveQuadrature.integrate(
            { exp(-$0 * $0) * cos(3 * $0) }, from: -.infinity, to: .infinity)
        // √π·e^(−9/4), also checked with mpmath.quad at 30 digits.
        #expect(relativeError(result.value, 0.186815261457131694) < 1e-10)
    }

    @Test("half lines: ∫₀^∞ e^(−x) = 1 (qagiu), ∫_{−∞}^0 x² eˣ = 2 (qagil)")
    func halfLines() throws {
        let upper = try AdaptiveQuadrature.integrate({ exp(-$0) }, from: 0, to: .infinity)
        #expect(relativeError(upper.value, 1) < 1e-10)
        let lower = try AdaptiveQuadrature.integrate(
            { $0 * $0 * exp($0) }, from: -.infinity, to: 0)
        #expect(relativeError(lower.value, 2) < 1e-10)
    }

    @Test("break points: ∫_{−1}^{2} |x| = 5/2, the kink given as a break point")
    func kinkAtBreakpoint() throws {
        let result = try AdaptiveQuadrature.integrate(
            { Swift.abs($0) }, from: -1, to: 2, breakpoints: [0, 7, 0])
        #expect(relativeError(result.value, 2.5) < 1e-14)
    }

    @Test("a removable singularity at a break point is never evaluated")
    func sincWithBreakpointAtZero() throws {
        let result = try AdaptiveQuadrature.integrate(
            { sin($0) / $0 }, from: -1, to: 1, breakpoints: [0])
        // 2·Si(1), from mpmath.si at 30 digits.
        #expect(relativeError(result.value, 1.89216614073436603) < 1e-13)
    }

    @Test("an integrable endpoint singularity: ∫_{−1}^{1} |x|^(−1/2) = 4")
    func integrableSingularity() throws {
        let result = try AdaptiveQuadrature.integrate(
            { 1 / Swift.abs($0).squareRoot() }, from: -1, to: 1, breakpoints: [0])
        #expect(relativeError(result.value, 4) < 1e-8)
    }

    @Test("calls from many threads at once give the right answers")
    func concurrentCalls() {
        let count = 64
        let failures = ConcurrentFailureCounter()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let frequency = 1 + Double(index % 8)
            // ∫₀^π sin²(k x) dx = π/2 for every integer k ≥ 1.
            let result = try? AdaptiveQuadrature.integrate(
                { sin(frequency * $0) * sin(frequency * $0) }, from: 0, to: Double.pi)
            if result.map({ relativeError($0.value, Double.pi / 2) < 1e-12 }) != true {
                failures.record()
            }
        }
        #expect(failures.count == 0)
    }
}

/// A failure count that threads can bump safely.
final class ConcurrentFailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var failures = 0
    func record() { lock.withLock { failures += 1 } }
    var count: Int { lock.withLock { failures } }
}
