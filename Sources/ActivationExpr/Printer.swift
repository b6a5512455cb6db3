/// Prints an expression in the language's own syntax, with as few
/// parentheses as the grammar allows, so that parsing the printed text
/// gives back an equal tree.
///
/// Numbers print in their shortest round-trip form (`0.1`, `1e-5`);
/// `+`, `-`, comparisons and the conditional get spaces around them,
/// `*`, `/` and `^` do not: `-x^2/(2*s^2) + 1`.
extension Expression: CustomStringConvertible {
    /// The expression in the language's syntax, e.g. `-(x/s^2)*exp(-x^2)`.
    ///
    /// A tree deeper than `ExpressionLimits.maximumWorkingDepth` (which the
    /// parser and the other passes never build) prints its deepest parts
    /// as `…`, so that printing cannot overflow the stack.
    public var description: String {
        var output = ""
        Printer.write(self, into: &output, depth: 0)
        return output
    }
}

/// Binding strength of each kind of node, weakest first.
enum Precedence: Int, Comparable {
    case conditional = 1
    case comparison
    case additive
    case multiplicative
    case prefix
    case power
    case atom

    static func < (lhs: Precedence, rhs: Precedence) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension Expression {
    /// How strongly the printed form of this node binds.
    var precedence: Precedence {
        switch self {
        case .number(let value):
            return value.sign == .minus ? .prefix : .atom
        case .variable, .constant, .parameter, .call:
            return .atom
        case .negate:
            return .prefix
        case .binary(let operation, _, _):
            switch operation {
            case .add, .subtract: return .additive
            case .multiply, .divide: return .multiplicative
            case .power: return .power
            }
        case .comparison:
            return .comparison
        case .conditional:
            return .conditional
        }
    }
}

private enum Printer {
    static func write(_ expression: Expression, into output: inout String, depth: Int) {
        guard depth < ExpressionLimits.maximumWorkingDepth else {
            output += "…"
            return
        }
        let next = depth + 1

        switch expression {
        case .number(let value):
            output += NumberFormatting.shortest(value)
        case .variable:
            output += "x"
        case .constant(let constant):
            output += constant.rawValue
        case .parameter(let name):
            output += name
        case .negate(let operand):
            output += "-"
            // A negated plain number keeps its parentheses: `-3` would
            // read back as the number -3, not as the negation of 3.
            let needsParentheses = operand.precedence < .power || operand.numberValue != nil
            write(operand, into: &output, depth: next, parenthesised: needsParentheses)
        case .binary(let operation, let left, let right):
            let level = expression.precedence
            let leftNeedsParentheses = operation == .power
                ? left.precedence <= level
                : left.precedence < level
            let rightNeedsParentheses = operation == .power
                ? right.precedence < .prefix
                : right.precedence <= level
            write(left, into: &output, depth: next, parenthesised: leftNeedsParentheses)
            switch operation {
            case .add, .subtract: output += " \(operation.rawValue) "
            case .multiply, .divide, .power: output += operation.rawValue
            }
            write(right, into: &output, depth: next, parenthesised: rightNeedsParentheses)
        case .comparison(let comparison, let left, let right):
            write(left, into: &output, depth: next,
                  parenthesised: left.precedence <= .comparison)
            output += " \(comparison.rawValue) "
            write(right, into: &output, depth: next,
                  parenthesised: right.precedence <= .comparison)
        case .conditional(let condition, let whenTrue, let whenFalse):
            write(condition, into: &output, depth: next,
                  parenthesised: condition.precedence <= .conditional)
            output += " ? "
            write(whenTrue, into: &output, depth: next, parenthesised: false)
            output += " : "
            write(whenFalse, into: &output, depth: next, parenthesised: false)
        case .call(let function, let arguments):
            output += function.rawValue
            output += "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { output += ", " }
                write(argument, into: &output, depth: next, parenthesised: false)
            }
            output += ")"
        }
    }

    static func write(
        _ expression: Expression, into output: inout String, depth: Int, parenthesised: Bool
    ) {
        if parenthesised { output += "(" }
        write(expression, into: &output, depth: depth)
        if parenthesised { output += ")" }
    }
}
