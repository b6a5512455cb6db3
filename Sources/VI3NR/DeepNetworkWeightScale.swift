/// How large the uniform weights of the deep-network check are.
///
/// Every weight is drawn uniformly from `[-a, a]`. Some initialisations are
/// stated as a gain, others directly as the bound `a`:
///
/// ```
/// gain g:   a = g · √(3 / n)       (variance g² / n, the gain of MATH.md)
/// bound a:  a as given              (torch's default: a = 1/√n;
///                                    SIREN's hidden layers: a = √(6/n) / ω)
/// ```
///
/// where `n` is the width (the fan-in of each square layer).
public enum DeepNetworkWeightScale: Sendable, Equatable {
    /// Weights uniform on `[-g·√(3/n), g·√(3/n)]`, i.e. of variance `g²/n`.
    case gain(Double)

    /// Weights uniform on `[-a, a]` for the given bound `a`.
    case bound(Double)

    /// The bound `a` of the uniform distribution for layers of width
    /// `width`.
    ///
    /// ```
    /// a = gain · √(3 / width)    or the bound itself
    /// ```
    public func uniformBound(width: Int) -> Double {
        switch self {
        case .gain(let gain):
            return gain * (3 / Double(width)).squareRoot()
        case .bound(let bound):
            return bound
        }
    }

    /// The gain these weights amount to for layers of width `width`:
    /// `g = a · √(width / 3)`, so that the weight variance is `g² / width`.
    public func equivalentGain(width: Int) -> Double {
        switch self {
        case .gain(let gain):
            return gain
        case .bound(let bound):
            return bound * (Double(width) / 3).squareRoot()
        }
    }
}
