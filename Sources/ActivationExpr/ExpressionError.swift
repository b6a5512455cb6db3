/// Why an expression that parsed cannot be used as it is: parameters left
/// unbound or unknown, a constant part that is not finite, a tree too
/// deep to work on.
public enum ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Parameters that have no value; the names are sorted.
    case unboundParameters([String])

    /// A value was supplied for a name the expression does not have;
    /// `suggestion` is the closest parameter it does have, if any is close.
    case unknownParameter(name: String, suggestion: String?)

    /// A parameter was given an infinite or NaN value.
    case nonFiniteParameter(name: String, value: Double)

    /// A part of the expression without `x` (and with every parameter
    /// bound) whose value is infinite or NaN: `1/0`, `exp(1000)`,
    /// `log(-1)`. `subexpression` is that part as printed.
    case nonFiniteConstant(subexpression: String, value: Double)

    /// A division by a constant part that is exactly 0, which makes the
    /// whole expression infinite or NaN: `x/0`.
    case divisionByZero(subexpression: String)

    /// A tree deeper than `limit` levels: the work would need more stack
    /// than is safe (see `ExpressionLimits`).
    case tooDeep(limit: Int)

    /// A tree with more than `limit` nodes (counting shared subtrees once
    /// per use): walking it would take too long (see `ExpressionLimits`).
    case tooLarge(limit: Int)

    /// One sentence that says what is wrong.
    public var description: String {
        switch self {
        case .unboundParameters(let names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let noun = names.count == 1 ? "parameter" : "parameters"
            let hints = names.compactMap(ExpressionError.builtinNameHint)
            let hint = hints.isEmpty ? "" : " (" + hints.joined(separator: "; ") + ")"
            return "no value for the \(noun) \(list)\(hint)"
        case .unknownParameter(let name, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "the expression has no parameter '\(name)'\(hint)"
        case .nonFiniteParameter(let name, let value):
            return "the parameter '\(name)' must be finite, not \(NumberFormatting.shortest(value))"
        case .nonFiniteConstant(let subexpression, let value):
            let what = value.isNaN
                ? "is not a number (NaN)"
                : "evaluates to \(value < 0 ? "-" : "")infinity"
            return "the constant part \(subexpression) \(what)"
        case .divisionByZero(let subexpression):
            return "division by zero in \(subexpression)"
        case .tooDeep(let limit):
            return "the expression is nested more than \(limit) levels deep"
        case .tooLarge(let limit):
            // Only derivatives grow this large (a parsed tree has at most
            // one node per character), so say so.
            return "the expression's derivative would have more than \(limit) nodes "
                + "(each level of max or min nested in each other doubles it)"
        }
    }

    /// For a parameter name that looks like a misspelled built-in name
    /// (`sigmod`, `pj`) or is another tool's name for a function (`ln`),
    /// "did you mean the function 'sigmoid'?".
    static func builtinNameHint(_ name: String) -> String? {
        if let alias = NameSuggestion.functionAliases[name.lowercased()] {
            return "'\(name)': did you mean the function '\(alias.rawValue)'?"
        }
        let functions = BuiltinFunction.allCases.map(\.rawValue)
        let constants = NamedConstant.allCases.map(\.rawValue)
        guard let match = NameSuggestion.closest(to: name, among: functions + constants + ["x"])
        else { return nil }
        let what = functions.contains(match)
            ? "the function"
            : match == "x" ? "the variable" : "the constant"
        return "'\(name)': did you mean \(what) '\(match)'?"
    }
}
