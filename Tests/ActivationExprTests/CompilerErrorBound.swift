@testable import ActivationExpr

/// A first-order bound on how far two evaluations of an expression can be
/// apart when each rounds every operation correctly and their math
/// functions differ by a few ulp: the tolerance for comparing the block
/// kernel (SLEEF) with the tree walk (libm) on composite expressions.
///
/// A tree walk carries, next to each value `v`, an error scale `E` in units
/// of `ε = 2^-52` (one ulp of 1, so one rounding of `v` costs at most
/// `|v|·ε` between the two evaluations):
///
///     x, numbers             E = 0 (exact inputs)
///     -a                     E(a)
///     a ± b                  E(a) + E(b) + |a ± b|
///     a · b                  |b|·E(a) + |a|·E(b) + |a·b|
///     a / b                  E(a)/|b| + |a/b²|·E(b) + |a/b|
///     f(a, …)                Σ |∂f/∂aᵢ|·E(aᵢ) + c_f·|f|
///     c ? u : v              E of the branch taken
///
/// with `c_f` the two kernels' disagreement for `f` alone, as tested per
/// built-in in CompilerBuiltinTests: 2 ulp for one SLEEF call, 3 for erfc
/// and the composites built on a call (sigmoid, silu, gelu, ...), 1 for
/// the piecewise linear built-ins (one multiplication at most), and
/// `a^c` counts as a call. (`|f|` is replaced by the size of its terms for
/// `dsinc`, see `callScale`.) Cancellation shows up as it should: for
/// `cos(x)/x - sin(x)/x^2` near 0 the terms are about `1/x` while the
/// result is about `-x/3`, and `E` stays of the order of the terms.
enum FirstOrderErrorBound {
    /// The error scale `E` of `expression` at `x`, in units of `ε`.
    static func scale(of expression: Expression, at x: Double) -> Double {
        switch expression {
        case .number, .constant, .parameter, .variable:
            return 0
        case .negate(let operand):
            return scale(of: operand, at: x)
        case .binary(let operation, let left, let right):
            let (a, b) = (left.evaluate(at: x), right.evaluate(at: x))
            let (errorA, errorB) = (scale(of: left, at: x), scale(of: right, at: x))
            let result = expression.evaluate(at: x)
            switch operation {
            case .add, .subtract:
                return errorA + errorB + Swift.abs(result)
            case .multiply:
                return Swift.abs(b) * errorA + Swift.abs(a) * errorB + Swift.abs(result)
            case .divide:
                return errorA / Swift.abs(b) + Swift.abs(result / b) * errorB + Swift.abs(result)
            case .power:
                let dBase = Swift.abs(b * ScalarMath.apply(.power, a, b - 1))
                let dExponent = Swift.abs(result * log(Swift.abs(a)))
                let exponentTerm = errorB == 0 ? 0 : dExponent * errorB
                return dBase * errorA + exponentTerm + 2 * Swift.abs(result)
            }
        case .comparison:
            return 0
        case .conditional(let condition, let whenTrue, let whenFalse):
            let test = condition.evaluate(at: x)
            return scale(of: test != 0 ? whenTrue : whenFalse, at: x)
        case .call(let function, let arguments):
            let values = arguments.map { $0.evaluate(at: x) }
            var total = callDisagreement(function) * callScale(function, values)
            for (index, argument) in arguments.enumerated() {
                let error = scale(of: argument, at: x)
                if error == 0 { continue }
                total += Swift.abs(partialDerivative(function, values, index)) * error
            }
            return total
        }
    }

    /// How far the two kernels may be apart for the built-in alone, in
    /// ulps (see CompilerBuiltinTests.blockTolerance).
    static func callDisagreement(_ function: BuiltinFunction) -> Double {
        switch function {
        case .abs, .sign, .step, .relu, .max, .min, .leakyRelu: return 1
        case .erfc, .gelu, .silu, .sigmoid, .softplus, .sinc, .elu, .dsinc: return 3
        default: return 2
        }
    }

    /// The magnitude the call's own disagreement is relative to: its value,
    /// except for `dsinc`, whose form `(a·cos a − sin a)/a²` for `|a| >= 1`
    /// cancels near its zeros (`tan a = a`), so that both kernels' errors
    /// there are relative to the terms.
    static func callScale(_ function: BuiltinFunction, _ values: [Double]) -> Double {
        let value = Expression.call(function, values.map { .number($0) }).evaluate(at: 0)
        guard function == .dsinc, Swift.abs(values[0]) >= 1 else { return Swift.abs(value) }
        let a = values[0]
        let cosine = Expression.call(.cos, [.number(a)]).evaluate(at: 0)
        let sine = Expression.call(.sin, [.number(a)]).evaluate(at: 0)
        return (Swift.abs(a * cosine) + Swift.abs(sine)) / (a * a)
    }

    /// `∂f/∂aᵢ` at `values`, from the built-in table's derivative rule.
    static func partialDerivative(
        _ function: BuiltinFunction, _ values: [Double], _ index: Int
    ) -> Double {
        var arguments = values.map { Expression.number($0) }
        arguments[index] = .variable
        guard let derivative = try? Expression.call(function, arguments).derivative() else {
            return .infinity
        }
        return derivative.evaluate(at: values[index])
    }

    /// The natural logarithm, through the evaluator's `log`.
    private static func log(_ value: Double) -> Double {
        Expression.call(.log, [.number(value)]).evaluate(at: 0)
    }
}
