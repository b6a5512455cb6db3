#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scalar definitions of the built-in functions and operators, in the
/// numerically safe forms that every evaluator of the language shares.
///
/// The built-in table, the reference tree walk and the compiler all call
/// these, so that one function has one definition. Each is written so that
/// it neither overflows nor loses accuracy where a textbook formula would:
/// the sigmoid splits on the sign of its argument, softplus never forms
/// `exp` of a large positive number, GELU goes through `erfc`, and `sinc`
/// uses its Taylor series next to 0.
///
/// NaN policy: every function returns NaN for a NaN argument (as PyTorch
/// does for `relu`, `step`, `max`), so a NaN never disappears silently.
enum ScalarMath {
    // MARK: - Piecewise functions

    /// `max(x, 0)`; NaN stays NaN.
    static func relu(_ x: Double) -> Double {
        x > 0 ? x : (x.isNaN ? x : 0)
    }

    /// 1 for `x > 0`, 0 for `x <= 0` (so `step(0) = 0` and `relu' = step`).
    static func step(_ x: Double) -> Double {
        x > 0 ? 1 : (x.isNaN ? x : 0)
    }

    /// 1, 0 or -1 by the sign of `x`; `sign(±0) = 0`.
    static func sign(_ x: Double) -> Double {
        if x > 0 { return 1 }
        if x < 0 { return -1 }
        return x.isNaN ? x : 0
    }

    /// `x` for `x > 0`, `alpha·(e^x − 1)` otherwise, through `expm1`
    /// so that small negative `x` keeps its digits.
    static func elu(_ x: Double, _ alpha: Double) -> Double {
        x > 0 ? x : alpha * expm1(x)
    }

    /// `x` for `x > 0`, `slope·x` otherwise.
    static func leakyRelu(_ x: Double, _ slope: Double) -> Double {
        x > 0 ? x : slope * x
    }

    /// The larger argument; NaN if either is NaN (Swift's `max` would
    /// return one or the other depending on the order).
    static func maximum(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return a >= b ? a : b
    }

    /// The smaller argument; NaN if either is NaN.
    static func minimum(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return a <= b ? a : b
    }

    // MARK: - Smooth functions in safe forms

    /// `1/(1 + e^−x)`, split on the sign of `x` so that `exp` only ever
    /// sees a non-positive argument and cannot overflow.
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 {
            return 1 / (1 + exp(-x))
        }
        let exponential = exp(x)
        return exponential / (1 + exponential)
    }

    /// `log(1 + e^x)` written as `max(x, 0) + log1p(e^−|x|)`: no overflow
    /// for large `x` and full accuracy for large negative `x`.
    static func softplus(_ x: Double) -> Double {
        if x.isNaN { return x }
        return Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
    }

    /// GELU in its exact (erf) form, `x·Φ(x)` with
    /// `Φ(x) = erfc(−x/√2)/2`. Through `erfc`, the small tail of `Φ` for
    /// negative `x` keeps its relative accuracy, where `(1 + erf(x/√2))/2`
    /// would cancel to 0.
    static func gelu(_ x: Double) -> Double {
        x * 0.5 * erfc(-x * squareRootOfOneHalf)
    }

    /// SiLU (swish), `x·sigmoid(x)`.
    static func silu(_ x: Double) -> Double {
        x * sigmoid(x)
    }

    /// The unnormalised sinc, `sin(x)/x` with `sinc(0) = 1`. (NumPy's and
    /// PyTorch's `sinc` are the normalised `sin(πx)/(πx)`.)
    ///
    /// `sin(x)/x` loses nothing to cancellation, so the series only
    /// replaces the quotient where it would be `0/0` or lose its last bits:
    /// for `|x| < 1e-3` the first three terms leave an error below
    /// `x⁶/5040 < 2e-22`.
    static func sinc(_ x: Double) -> Double {
        if Swift.abs(x) < 1e-3 {
            let square = x * x
            return 1 - square / 6 * (1 - square / 20)
        }
        return sin(x) / x
    }

    /// The derivative of `sinc`, `(x·cos x − sin x)/x²`, with
    /// `dsinc(0) = 0`.
    ///
    /// The quotient cancels badly near 0 (its relative error grows like
    /// `3ε/x²`), so for `|x| < 1` the Taylor series
    /// `Σ_{k≥1} (−1)^k·2k·x^(2k−1)/(2k+1)!` is summed instead; nine terms
    /// leave a relative error below `1e-18` there.
    static func dsinc(_ x: Double) -> Double {
        if Swift.abs(x) < 1 {
            let square = x * x
            var sum = 0.0
            for coefficient in dsincSeriesCoefficients.reversed() {
                sum = sum * square + coefficient
            }
            return sum * x
        }
        return (x * cos(x) - sin(x)) / (x * x)
    }

    // MARK: - Operators

    /// Comparison results are 1 or 0; a NaN operand gives NaN, not
    /// "false", so that a NaN cannot pick a branch of a conditional.
    static func compare(
        _ comparison: ComparisonOperator, _ a: Double, _ b: Double
    ) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        let holds: Bool
        switch comparison {
        case .less: holds = a < b
        case .lessOrEqual: holds = a <= b
        case .greater: holds = a > b
        case .greaterOrEqual: holds = a >= b
        case .equal: holds = a == b
        case .notEqual: holds = a != b
        }
        return holds ? 1 : 0
    }

    /// `condition ? whenTrue : whenFalse` for evaluated operands: any
    /// non-zero condition selects `whenTrue`, 0 selects `whenFalse`, and a
    /// NaN condition gives NaN. It selects, never blends, so a NaN or
    /// infinity in the branch not taken does not reach the result.
    static func select(
        _ condition: Double, _ whenTrue: Double, _ whenFalse: Double
    ) -> Double {
        if condition.isNaN { return condition }
        return condition != 0 ? whenTrue : whenFalse
    }

    /// `a op b` for the arithmetic operators; `^` is C's `pow`.
    static func apply(_ operation: BinaryOperator, _ a: Double, _ b: Double) -> Double {
        switch operation {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return pow(a, b)
        }
    }
}

// MARK: - Constants

/// `1/√2`, to double precision.
let squareRootOfOneHalf = 0.7071067811865476

/// The coefficients `(−1)^k·2k/(2k+1)!` for `k = 1…9` of the series of
/// `dsinc(x)/x` in powers of `x²`.
private let dsincSeriesCoefficients: [Double] = (1...9).map { k in
    var factorial = 1.0
    for factor in 1...(2 * k + 1) {
        factorial *= Double(factor)
    }
    let magnitude = Double(2 * k) / factorial
    return k % 2 == 0 ? magnitude : -magnitude
}
