/// An activation function of one variable `x`, as a syntax tree.
///
/// The tree is what the parser produces and what the simplifier, the
/// printer, the symbolic derivative and the compiler consume. It knows
/// nothing about probability or gains: any numeric tool that needs a
/// function of one variable, its derivative and fast evaluation can use it.
///
/// Trees are bounded in depth by the parser (see `ExpressionLimits`), so the
/// recursive passes over them, and Swift's recursive release of an
/// `indirect enum`, cannot overflow the stack.
public indirect enum Expression: Hashable, Sendable {
    /// A finite literal such as `3`, `.5` or `2.5e4`.
    case number(Double)

    /// The variable `x`.
    case variable

    /// `pi` or `e`, kept by name so that printed expressions stay readable.
    case constant(NamedConstant)

    /// A named parameter such as `w0`, bound to a value when compiled.
    case parameter(String)

    /// Unary minus, `-a`.
    case negate(Expression)

    /// `a + b`, `a - b`, `a * b`, `a / b`, `a ^ b`.
    case binary(BinaryOperator, Expression, Expression)

    /// `a < b` and the other comparisons: 1 where true, 0 where false.
    case comparison(ComparisonOperator, Expression, Expression)

    /// `condition ? whenTrue : whenFalse`: selects, never blends, so a NaN
    /// or infinity in the branch not taken does not reach the result.
    case conditional(Expression, Expression, Expression)

    /// A built-in function applied to its arguments, optional arguments
    /// already filled in with their defaults by the parser.
    case call(BuiltinFunction, [Expression])
}

/// The arithmetic operators, in the spelling the printer uses.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
}

/// The comparison operators of conditionals.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="
}

/// The mathematical constants the language names.
public enum NamedConstant: String, Hashable, Sendable, CaseIterable {
    case pi
    case e

    /// The constant's value in double precision.
    public var value: Double {
        switch self {
        case .pi: return Double.pi
        case .e: return 2.718281828459045
        }
    }
}
