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
        // Shallow trees print on the calling thread; one that reaches
        // `LargeStack.inlineTreeDepth` prints again on a large stack.
        var printer = Printer(limit: LargeStack.inlineTreeDepth)
        printer.write(self, depth: 0)
        guard printer.wentTooDeep else { return printer.output }
        return LargeStack.run {
            var deepPrinter = Printer(limit: ExpressionLimits.maximumWorkingDepth)
            deepPrinter.write(self, depth: 0)
            return deepPrinter.output
        }
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

private struct Printer {
    /// The deepest level printed; deeper parts print as `…`.
    let limit: Int

    /// Set when the printer met the limit.
    var wentTooDeep = false

    var output = ""

    init(limit: Int) {
        self.limit = limit
    }

    mutating func write(_ expression: Expression, depth: Int) {
        guard depth < limit else {
            wentTooDeep = true
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
            write(operand, depth: next, parenthesised: needsParentheses)
        case .binary(let operation, let left, let right):
            let level = expression.precedence
            let leftNeedsParentheses = operation == .power
                ? left.precedence <= level
                : left.precedence < level
            let rightNeedsParentheses = operation == .power
                ? right.precedence < .prefix
                : right.precedence <= level
            write(left, depth: next, parenthesised: leftNeedsParentheses)
            switch operation {
            case .add, .subtract: output += " \(operation.rawValue) "
            case .multiply, .divide, .power: output += operation.rawValue
            }
            write(right, depth: next, parenthesised: rightNeedsParentheses)
        case .comparison(let comparison, let left, let right):
            write(left, depth: next,
                  parenthesised: left.precedence <= .comparison)
            output += " \(comparison.rawValue) "
            write(right, depth: next,
                  parenthesised: right.precedence <= .comparison)
        case .conditional(let condition, let whenTrue, let whenFalse):
            write(condition, depth: next,
                  parenthesised: condition.precedence <= .conditional)
            output += " ? "
            write(whenTrue, depth: next, parenthesised: false)
            output += " : "
            write(whenFalse, depth: next, parenthesised: false)
        case .call(let function, let arguments):
            output += function.rawValue
            output += "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { output += ", " }
                write(argument, depth: next, parenthesised: false)
            }
            output += ")"
        }
    }

    mutating func write(_ expression: Expression, depth: Int, parenthesised: Bool) {
        if parenthesised { output += "(" }
        write(expression, depth: depth)
        if parenthesised { output += ")" }
    }
}
