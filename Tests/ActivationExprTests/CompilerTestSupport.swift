import CVectorMath
import Testing
@testable import ActivationExpr

/// Helpers for the compiler's tests, in a namespace so that they cannot
/// collide with other test files' helpers.
enum CompilerCheck {}

extension CompilerCheck {
    /// Distance between two doubles in units in the last place of the
    /// expected value; 0 when both are NaN or both the same infinity.
    static func ulps(_ actual: Double, _ expected: Double) -> Double {
        if actual == expected || (actual.isNaN && expected.isNaN) { return 0 }
        if !actual.isFinite || !expected.isFinite { return .infinity }
        return Swift.abs(actual - expected) / expected.ulp
    }

    /// Whether two doubles are the same value: equal bits, or both NaN (NaN
    /// payloads and signs are not part of the language's semantics).
    static func isSameValue(_ a: Double, _ b: Double) -> Bool {
        a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    }

    /// Whether `actual` is within `ulps` of `expected`, or both are below the
    /// normal range by less than `Double.leastNormalMagnitude` apart (SLEEF
    /// states its bounds as max(n ulp, DBL_MIN) near underflow).
    static func isClose(_ actual: Double, _ expected: Double, ulps: Double) -> Bool {
        if CompilerCheck.ulps(actual, expected) <= ulps { return true }
        return actual.isFinite && expected.isFinite
            && Swift.abs(actual - expected) <= Double.leastNormalMagnitude
    }

    /// The block kernel's values at `points`.
    static func blockValues(_ function: CompiledFunction, at points: [Double]) -> [Double] {
        var output = [Double](repeating: .nan, count: points.count)
        points.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { function.evaluateBlock(input, $0) }
        }
        return output
    }
}

/// A small, fast, seeded generator (SplitMix64), so every random test is
/// reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Points where activations are interesting: signed zeros, the smallest
/// numbers, both sides of every kink and threshold the built-ins have
/// (0, ±1e-3 for sinc, ±1 for dsinc), a dense grid over [-40, 40], large
/// magnitudes, infinities and NaN.
let edgePoints: [Double] = {
    var points: [Double] = [
        0, -0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude,
        Double.leastNormalMagnitude, -Double.leastNormalMagnitude, 1e-300, -1e-300,
        1e-20, -1e-20, 1e-8, -1e-8,
        1e-3, -1e-3, 1e-3.nextDown, (-1e-3).nextUp, 1e-3.nextUp, (-1e-3).nextDown,
        1, -1, 1.0.nextDown, (-1.0).nextUp, 1.0.nextUp, (-1.0).nextDown,
        0.5, -0.5, 2, -2, .pi, -.pi, .pi / 2, 30, -30, 700, -700, 710, -710, 745, -745,
        1e10, -1e10, 1e14, -1e14, 1e300, -1e300,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .infinity, -.infinity, .nan,
    ]
    for index in 0...400 {
        points.append(-40 + 0.2 * Double(index) + 0.0137)
    }
    return points
}()

/// Deterministic points spread over [-range, range], with a share of
/// exact zeros and values near zero.
func randomPoints(count: Int, range: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { index in
        switch index % 10 {
        case 0: return 0
        case 1: return Double.random(in: -1e-3...1e-3, using: &generator)
        default: return Double.random(in: -range...range, using: &generator)
        }
    }
}
