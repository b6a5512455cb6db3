import Foundation

/// Second moments `E[φ(z)²]`, `z ~ N(0, s²)`, in closed form (MATH.md).
enum ClosedForm {
    /// `max(x, 0)`: `s²/2`.
    static func relu(_ s: Double) -> Double { s * s / 2 }

    /// `sin(a·x)`: `(1 − e^(−2a²s²))/2`, written with expm1 so that small
    /// `a·s` keeps its digits.
    static func sine(_ frequency: Double, _ s: Double) -> Double {
        -expm1(-2 * frequency * frequency * s * s) / 2
    }

    /// `a·cos(a·x)`: `a²(1 + e^(−2a²s²))/2`.
    static func sineDerivative(_ frequency: Double, _ s: Double) -> Double {
        frequency * frequency * (1 + exp(-2 * frequency * frequency * s * s)) / 2
    }

    /// `exp(−x²/(2c²))`: `c/√(c² + 2s²)`.
    static func bump(_ width: Double, _ s: Double) -> Double {
        width / (width * width + 2 * s * s).squareRoot()
    }

    /// Its derivative: `s²/(c (c² + 2s²)^(3/2))`.
    static func bumpDerivative(_ width: Double, _ s: Double) -> Double {
        let spread = width * width + 2 * s * s
        return s * s / (width * spread * spread.squareRoot())
    }
}

/// Relative distance between a computed and an exact value.
func relativeError(_ value: Double, _ exact: Double) -> Double {
    Swift.abs(value - exact) / Swift.abs(exact)
}

/// The standard deviations the closed-form tests sweep, across [1e-3, 20].
let sigmaSweep: [Double] = [1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 2, 3.7, 5, 10, 20]
