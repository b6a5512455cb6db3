import Foundation

/// The standard normal density and the limits of the scaled variable
/// `t = x/σ` that the quadrature works in.
enum GaussianWeight {
    /// `1/√(2π)`.
    static let normalization = 0.398_942_280_401_432_677_94

    /// `exp(−t²/2)/√(2π)`.
    static func density(_ t: Double) -> Double {
        exp(-0.5 * t * t) * normalization
    }

    /// Beyond `|t| = 38` the density is below 1e-314 (subnormal, then
    /// zero), so no integrand of doubles can be resolved further out.
    static let outerLimit = 38.0

    /// Within `|t| ≤ 9` (nine standard deviations) a NaN is taken as the
    /// function being undefined there; beyond it, where the density is
    /// below 1e-18 of its peak, a NaN is taken as an evaluation artifact
    /// of an expression that overflows (`exp(x)·exp(−x²)` at `x = −800`
    /// is `∞·0`) and counts as 0.
    ///
    /// Known limit: a function genuinely undefined only beyond 9σ
    /// (`sqrt(100 − x^2)` at σ = 1) is integrated as if it were 0 there
    /// instead of being reported as undefined.
    static let undefinedCheckLimit = 9.0
}
