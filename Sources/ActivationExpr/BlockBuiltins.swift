/// How each built-in function becomes block operations.
///
/// Functions with a CVectorMath kernel map onto it; the piecewise and
/// composite ones are written with selects and the same numerically safe
/// forms as the scalar definitions in the built-in table (the tests compare
/// the two at every built-in, at kinks, signed zeros, NaN and large
/// arguments).
extension BlockGraph {
    /// The node of `function(arguments...)`, arguments already lowered.
    mutating func lowerCall(_ function: BuiltinFunction, _ arguments: [Int]) -> Int {
        let a = arguments[0]
        switch function {
        case .sin: return math(.sin, a)
        case .cos: return math(.cos, a)
        case .tan: return math(.tan, a)
        case .exp: return math(.exp, a)
        case .log: return math(.log, a)
        case .log1p: return math(.log1p, a)
        case .sqrt: return math(.sqrt, a)
        case .tanh: return math(.tanh, a)
        case .sinh: return math(.sinh, a)
        case .cosh: return math(.cosh, a)
        case .atan: return math(.atan, a)
        case .erf: return math(.erf, a)
        case .erfc: return math(.erfc, a)
        case .abs: return absolute(a)
        case .sign: return sign(a)
        case .relu: return relu(a)
        case .step:
            return select(.greater, a, constant(0), whenTrue: constant(1), whenFalse: constant(0))
        case .sigmoid: return sigmoid(a)
        case .silu: return arithmetic(.multiply, a, sigmoid(a))
        case .softplus: return softplus(a)
        case .gelu: return gelu(a)
        case .elu: return elu(a, alpha: arguments[1])
        case .leakyRelu: return leakyRelu(a, slope: arguments[1])
        case .sinc: return sinc(a)
        case .dsinc: return dsinc(a)
        case .max:
            return select(.greaterOrEqual, a, arguments[1], whenTrue: a, whenFalse: arguments[1])
        case .min:
            return select(.lessOrEqual, a, arguments[1], whenTrue: a, whenFalse: arguments[1])
        case .pow: return raise(a, to: arguments[1])
        }
    }
}

// MARK: - Scalar fallback

extension BlockGraph {
    /// A built-in evaluated element by element through the table's scalar
    /// function: correct, but without vectorisation. No built-in needs it
    /// today; it keeps the compiler total if the table grows.
    mutating func scalarFallback(_ function: BuiltinFunction, _ arguments: [Int]) -> Int {
        let definition = function.definition
        let key = ScalarFunctionKey(name: function.rawValue)
        if let unary = definition.unary, arguments.count == 1 {
            return scalarUnary(.unary(key, unary), arguments[0])
        }
        if let binary = definition.binary, arguments.count == 2 {
            return scalarBinary(.binary(key, binary), arguments[0], arguments[1])
        }
        // The parser fills every argument list to the table's arity; the
        // reference evaluator gives NaN otherwise, and so does this.
        return constant(.nan)
    }
}

// MARK: - Composite built-ins

// Every select below is NaN where its comparison meets a NaN, which is the
// language's policy for the piecewise functions (relu(NaN) = NaN, as in
// PyTorch), so none of them needs a separate NaN test.
private extension BlockGraph {
    /// `relu(a)`: `a` above zero, +0 at and below (also at -0).
    mutating func relu(_ a: Int) -> Int {
        select(.greater, a, constant(0), whenTrue: a, whenFalse: constant(0))
    }

    /// `sign(a)`: 1 above zero, -1 below, +0 at ±0.
    mutating func sign(_ a: Int) -> Int {
        let zero = constant(0)
        let belowOrAt = select(.less, a, zero, whenTrue: constant(-1), whenFalse: zero)
        return select(.greater, a, zero, whenTrue: constant(1), whenFalse: belowOrAt)
    }

    /// `sigmoid(a)` split on the sign of `a` so that `exp` never overflows:
    /// with `e = exp(-|a|)`, `1/(1+e)` for `a >= 0`, `e/(1+e)` below.
    mutating func sigmoid(_ a: Int) -> Int {
        let e = math(.exp, negate(absolute(a)))
        let onePlusE = arithmetic(.add, constant(1), e)
        return select(
            .greaterOrEqual, a, constant(0),
            whenTrue: arithmetic(.divide, constant(1), onePlusE),
            whenFalse: arithmetic(.divide, e, onePlusE))
    }

    /// `softplus(a) = max(a, 0) + log1p(exp(-|a|))`, which never overflows.
    mutating func softplus(_ a: Int) -> Int {
        let correction = math(.log1p, math(.exp, negate(absolute(a))))
        return arithmetic(.add, relu(a), correction)
    }

    /// `gelu(a) = a/2 · erfc(-a/√2)`, equal to `a/2 · (1 + erf(a/√2))` but
    /// accurate for negative `a`, where `1 + erf` cancels.
    mutating func gelu(_ a: Int) -> Int {
        let scaled = arithmetic(.multiply, a, constant(-squareRootOfOneHalf))
        let halfA = arithmetic(.multiply, a, constant(0.5))
        return arithmetic(.multiply, halfA, math(.erfc, scaled))
    }

    /// `elu(a, alpha)`: `a` above zero, `alpha · expm1(a)` at and below.
    mutating func elu(_ a: Int, alpha: Int) -> Int {
        let negativePart = arithmetic(.multiply, alpha, math(.expm1, a))
        return select(.greater, a, constant(0), whenTrue: a, whenFalse: negativePart)
    }

    /// `leaky_relu(a, slope)`: `a` above zero, `slope · a` at and below.
    mutating func leakyRelu(_ a: Int, slope: Int) -> Int {
        let negativePart = arithmetic(.multiply, slope, a)
        return select(.greater, a, constant(0), whenTrue: a, whenFalse: negativePart)
    }

    /// `sinc(a) = sin(a)/a`, by the series `1 - a²/6 · (1 - a²/20)` for
    /// `|a| < 1e-3`, where the quotient would be `0/0` or lose its last
    /// bits.
    mutating func sinc(_ a: Int) -> Int {
        let square = arithmetic(.multiply, a, a)
        let inner = arithmetic(.subtract, constant(1), arithmetic(.divide, square, constant(20)))
        let series = arithmetic(
            .subtract, constant(1),
            arithmetic(.multiply, arithmetic(.divide, square, constant(6)), inner))
        let quotient = arithmetic(.divide, math(.sin, a), a)
        return select(.less, absolute(a), constant(1e-3), whenTrue: series, whenFalse: quotient)
    }

    /// `dsinc(a) = (a·cos a − sin a)/a²` for `|a| >= 1`, vectorised; below
    /// 1, the table's series. The series' coefficients live with its scalar
    /// definition, so that branch calls the scalar function element by
    /// element, on the argument clamped to 0 where `|a| >= 1`: every call
    /// then takes the series branch, a short polynomial, and never the
    /// libm `sin` and `cos` of the other branch.
    mutating func dsinc(_ a: Int) -> Int {
        let zero = constant(0)
        let isSmall = absolute(a)
        let clamped = select(.less, isSmall, constant(1), whenTrue: a, whenFalse: zero)
        let key = ScalarFunctionKey(name: BuiltinFunction.dsinc.rawValue)
        let series = scalarUnary(.unary(key, ScalarMath.dsinc), clamped)
        let numerator = arithmetic(
            .subtract, arithmetic(.multiply, a, math(.cos, a)), math(.sin, a))
        let quotient = arithmetic(.divide, numerator, arithmetic(.multiply, a, a))
        return select(.less, isSmall, constant(1), whenTrue: series, whenFalse: quotient)
    }
}
