import CVectorMath

/// An element-wise math function that CVectorMath evaluates over a whole
/// buffer (SLEEF's AVX-512 or AVX2 kernels, 1 ulp; 1.5 ulp for `erfc`).
enum VectorMathFunction: String, Hashable, Sendable {
    case sin, cos, tan
    case exp, expm1, log, log1p, sqrt
    case tanh, sinh, cosh, atan
    case erf, erfc

    /// `output[i] = f(input[i])` for `0 <= i < count`.
    ///
    /// The buffers must not overlap (the repair pass reads the input after
    /// the output has been written).
    func apply(
        _ input: UnsafePointer<Double>, _ output: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        applyVectorKernel(input, output, count)
        if let scalar = scalarRepair {
            // A scan that rarely calls anything: only elements where SLEEF
            // overflowed and the input was finite.
            for index in 0..<count where !output[index].isFinite && input[index].isFinite {
                output[index] = scalar(input[index])
            }
        }
    }

    /// For the functions whose SLEEF kernel gives ±infinity on part of the
    /// range where the value is finite, the built-in table's scalar
    /// function, which `apply` calls on those elements instead:
    /// `sinh` and `cosh` for `|x|` in (709.78, 710.48), where SLEEF forms
    /// `exp(|x|)` and overflows, and `log1p` for `x` near
    /// `Double.greatestFiniteMagnitude`.
    var scalarRepair: (@Sendable (Double) -> Double)? {
        switch self {
        case .sinh: return BuiltinFunction.sinh.definition.unary
        case .cosh: return BuiltinFunction.cosh.definition.unary
        case .log1p: return BuiltinFunction.log1p.definition.unary
        default: return nil
        }
    }

    private func applyVectorKernel(
        _ input: UnsafePointer<Double>, _ output: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        switch self {
        case .sin: vm_sin(input, output, count)
        case .cos: vm_cos(input, output, count)
        case .tan: vm_tan(input, output, count)
        case .exp: vm_exp(input, output, count)
        case .expm1: vm_expm1(input, output, count)
        case .log: vm_log(input, output, count)
        case .log1p: vm_log1p(input, output, count)
        case .sqrt: vm_sqrt(input, output, count)
        case .tanh: vm_tanh(input, output, count)
        case .sinh: vm_sinh(input, output, count)
        case .cosh: vm_cosh(input, output, count)
        case .atan: vm_atan(input, output, count)
        case .erf: vm_erf(input, output, count)
        case .erfc: vm_erfc(input, output, count)
        }
    }
}

/// The four arithmetic operations a block program performs directly.
enum BlockArithmetic: Hashable, Sendable {
    case add, subtract, multiply, divide
}

/// One step of a block program: an element-wise operation from registers
/// (chunk-sized buffers of doubles) into a register.
///
/// Register 0 is the input chunk and is never written. A destination is
/// always a register that none of the step's operands occupy: Swift's loops
/// vectorise only after a run-time check that the buffers do not overlap,
/// and an operation in place would fail that check and run one element at
/// a time.
enum BlockInstruction: Sendable {
    /// `d = f(s)` through CVectorMath.
    case math(VectorMathFunction, source: Int, destination: Int)

    /// `d = pow(b, e)` through CVectorMath.
    case power(base: Int, exponent: Int, destination: Int)

    /// `d = -s`: flips the sign bit, so `-0` and `0` stay apart.
    case negate(source: Int, destination: Int)

    /// `d = |s|`.
    case absolute(source: Int, destination: Int)

    /// `d = a ∘ b`.
    case arithmetic(BlockArithmetic, Int, Int, destination: Int)

    /// `d = a ∘ c` for a constant `c`.
    case arithmeticWithConstantRight(BlockArithmetic, Int, Double, destination: Int)

    /// `d = c ∘ b` for a constant `c`.
    case arithmeticWithConstantLeft(BlockArithmetic, Double, Int, destination: Int)

    /// `d = (a ⋈ b) ? 1 : 0`, and NaN where `a` or `b` is NaN (the
    /// language's rule: a NaN never turns into "false").
    case compare(ComparisonOperator, Int, Int, destination: Int)

    /// `d = (a ⋈ b) ? t : f`, chosen element by element, and NaN where `a`
    /// or `b` is NaN: the value of the branch not taken never reaches `d`,
    /// whatever it is, and a NaN cannot pick a branch.
    case select(
        ComparisonOperator, Int, Int, whenTrue: Int, whenFalse: Int, destination: Int)

    /// `d = f(s)` one element at a time, for a function with no buffer form.
    case scalarUnary(@Sendable (Double) -> Double, source: Int, destination: Int)

    /// `d = f(a, b)` one element at a time, for a function with no buffer
    /// form.
    case scalarBinary(@Sendable (Double, Double) -> Double, Int, Int, destination: Int)
}
