import CVectorMath
import Glibc
@testable import ActivationExpr

/// A second tree walk, written independently of the compiler, that
/// evaluates every math function through the same CVectorMath (SLEEF)
/// kernels the block kernel calls, one element at a time, and follows the
/// block kernel's documented rule for small integer powers.
///
/// The block kernel must agree with it bit for bit: every other step is
/// the same IEEE arithmetic in the same order, so any difference is a bug
/// in lowering, value numbering, register allocation, selects or chunking.
/// The composite built-ins are written here from their definitions
/// (sigmoid split on sign, softplus through log1p, GELU through erfc, the
/// sinc series) rather than taken from the compiler.
enum VectorMathReference {
    static func value(of expression: Expression, at x: Double) -> Double {
        switch expression {
        case .number(let value): return value
        case .variable: return x
        case .constant(let constant): return constant.value
        case .parameter: return .nan
        case .negate(let operand): return -value(of: operand, at: x)
        case .binary(let operation, let left, let right):
            let a = value(of: left, at: x)
            switch operation {
            case .add: return a + value(of: right, at: x)
            case .subtract: return a - value(of: right, at: x)
            case .multiply: return a * value(of: right, at: x)
            case .divide: return a / value(of: right, at: x)
            case .power: return power(a, right, at: x)
            }
        case .comparison(let comparison, let left, let right):
            let (a, b) = (value(of: left, at: x), value(of: right, at: x))
            if a.isNaN || b.isNaN { return .nan }
            return holds(comparison, a, b) ? 1 : 0
        case .conditional(let condition, let whenTrue, let whenFalse):
            let test = value(of: condition, at: x)
            if test.isNaN { return .nan }
            return test != 0 ? value(of: whenTrue, at: x) : value(of: whenFalse, at: x)
        case .call(let function, let arguments):
            let values = arguments.map { value(of: $0, at: x) }
            if function == .pow { return power(values[0], arguments[1], at: x) }
            return call(function, values)
        }
    }

    /// `a^b`: products for integer `b` in -2...4 when `b` does not depend
    /// on `x`, SLEEF's `pow` otherwise.
    static func power(_ a: Double, _ exponent: Expression, at x: Double) -> Double {
        let b = value(of: exponent, at: x)
        if !exponent.containsVariable {
            switch b {
            case 0: return 1
            case 1: return a
            case 2: return a * a
            case 3: return a * a * a
            case 4: return (a * a) * (a * a)
            case -1: return 1 / a
            case -2: return 1 / (a * a)
            default: break
            }
        }
        var result = Double.nan
        withUnsafePointer(to: a) { base in
            withUnsafePointer(to: b) { vm_pow(base, $0, &result, 1) }
        }
        return result
    }

    static func call(_ function: BuiltinFunction, _ v: [Double]) -> Double {
        let a = v[0]
        switch function {
        case .sin: return vector(vm_sin, a)
        case .cos: return vector(vm_cos, a)
        case .tan: return vector(vm_tan, a)
        case .exp: return vector(vm_exp, a)
        case .log: return vector(vm_log, a)
        case .log1p: return repaired(vector(vm_log1p, a), a, Glibc.log1p)
        case .sqrt: return vector(vm_sqrt, a)
        case .tanh: return vector(vm_tanh, a)
        case .sinh: return repaired(vector(vm_sinh, a), a, Glibc.sinh)
        case .cosh: return repaired(vector(vm_cosh, a), a, Glibc.cosh)
        case .atan: return vector(vm_atan, a)
        case .erf: return vector(vm_erf, a)
        case .erfc: return vector(vm_erfc, a)
        case .abs: return Swift.abs(a)
        case .sign: return a.isNaN ? a : (a > 0 ? 1 : (a < 0 ? -1 : 0))
        case .step: return a.isNaN ? a : (a > 0 ? 1 : 0)
        case .relu: return a.isNaN ? a : (a > 0 ? a : 0)
        case .sigmoid: return sigmoid(a)
        case .silu: return a * sigmoid(a)
        case .softplus:
            if a.isNaN { return a }
            return (a > 0 ? a : 0) + vector(vm_log1p, vector(vm_exp, -Swift.abs(a)))
        case .gelu: return a * 0.5 * vector(vm_erfc, -a * 0.7071067811865476)
        case .elu: return a > 0 ? a : v[1] * vector(vm_expm1, a)
        case .leakyRelu: return a > 0 ? a : v[1] * a
        case .sinc:
            if Swift.abs(a) < 1e-3 {
                let square = a * a
                return 1 - square / 6 * (1 - square / 20)
            }
            return vector(vm_sin, a) / a
        case .dsinc:
            // Below 1 the block kernel calls the table's series.
            if Swift.abs(a) < 1 { return ScalarMath.dsinc(a) }
            return (a * vector(vm_cos, a) - vector(vm_sin, a)) / (a * a)
        case .max: return a.isNaN || v[1].isNaN ? .nan : (a >= v[1] ? a : v[1])
        case .min: return a.isNaN || v[1].isNaN ? .nan : (a <= v[1] ? a : v[1])
        case .pow: return .nan  // handled by the caller, which sees the tree
        }
    }

    /// The block kernel's documented repair: where SLEEF overflows on a
    /// finite input, the libm value.
    static func repaired(_ value: Double, _ a: Double, _ libm: (Double) -> Double) -> Double {
        !value.isFinite && a.isFinite ? libm(a) : value
    }

    static func sigmoid(_ a: Double) -> Double {
        if a >= 0 { return 1 / (1 + vector(vm_exp, -a)) }
        let e = vector(vm_exp, a)
        return e / (1 + e)
    }

    static func vector(
        _ function: (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
        _ a: Double
    ) -> Double {
        var result = Double.nan
        withUnsafePointer(to: a) { function($0, &result, 1) }
        return result
    }

    static func holds(_ comparison: ComparisonOperator, _ a: Double, _ b: Double) -> Bool {
        switch comparison {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}
