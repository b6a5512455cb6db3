/// The built-in functions of the expression language, by the name a user
/// writes.
///
/// Everything else about a function (its arity and default arguments, its
/// evaluation, its derivative rule, and where it has a kink or a jump) is
/// described once, in the built-in table (`definition`, with a one-line
/// `summary` each). Two spellings to know: `sinc(x) = sin(x)/x` is the
/// unnormalised sinc with `sinc(0) = 1` (NumPy's and PyTorch's `sinc` are
/// the normalised `sin(πx)/(πx)`), and `step(0) = 0`, so that
/// `relu' = step`.
public enum BuiltinFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan
    case exp, log, log1p, sqrt
    case abs, sign
    case tanh, sinh, cosh, atan
    case erf, erfc
    case sigmoid, relu, softplus, gelu, silu
    case elu
    case leakyRelu = "leaky_relu"
    case sinc
    /// The derivative of `sinc`, so that `sinc'` has a form that is exact
    /// and finite at 0 (see `ScalarMath.dsinc`).
    case dsinc
    case step
    case max, min, pow
}
