/// Why an activation could not be built from its text.
public enum ActivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text does not parse, or names an unknown function; the parse
    /// error carries the line, column and caret picture.
    case invalidSyntax(ParseError)

    /// The text parsed, but the expression cannot be used as it is: a
    /// parameter without a value, a value for a parameter the expression
    /// does not have, a constant part that is not finite (`1/0`,
    /// `exp(1000)`, or `1/s` with `s = 0`), a tree too deep to work on.
    case invalidExpression(ExpressionError)

    /// One line that says what is wrong.
    public var summary: String {
        switch self {
        case .invalidSyntax(let error): return "\(error.message) (\(error.position))"
        case .invalidExpression(let error): return error.description
        }
    }

    /// The full account: for a syntax error three lines (the summary, the
    /// source line, a caret under the fault), otherwise the summary alone.
    public var diagnostic: String {
        switch self {
        case .invalidSyntax(let error): return error.diagnostic
        case .invalidExpression(let error): return error.description
        }
    }

    /// The same as `diagnostic`.
    public var description: String { diagnostic }
}
