/// Constructors that build a node and simplify it on the way: they fold
/// numbers and apply the identities listed on `Expression.simplified()`.
///
/// The derivative rules and the simplifier build every node through these,
/// so a derivative comes out readable (`2*x`, not `2*x^1*1`). They never
/// throw: a fold whose result is not finite (`1/0`) keeps the node
/// unfolded, and `simplified()` reports it.
extension Expression {
    /// The value of a plain number node, or nil.
    var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// True for the number node `value` (±0 both count as 0).
    func isNumber(_ value: Double) -> Bool {
        numberValue == value
    }

    /// `.number(value)` for a fold worth making: a finite value short
    /// enough to print as written (see `NumberFormatting.isShort`).
    static func foldedNumber(_ value: Double) -> Expression? {
        NumberFormatting.isShort(value) ? .number(value) : nil
    }

    /// `-a`.
    static func negation(_ operand: Expression) -> Expression {
        switch operand {
        case .number(let value):
            return .number(-value)
        case .negate(let inner):
            return inner
        case .binary(.subtract, let left, let right):
            // -(a - b) = b - a: one node fewer, same value.
            return .binary(.subtract, right, left)
        case .binary(.divide, let numerator, let denominator):
            return .binary(.divide, negation(numerator), denominator)
        case .binary(.multiply, _, _):
            let (coefficient, rest) = operand.splitCoefficient
            return scaled(rest, by: -coefficient)
        default:
            return .negate(operand)
        }
    }

    /// `a + b`.
    static func sum(_ left: Expression, _ right: Expression) -> Expression {
        if let a = left.numberValue, let b = right.numberValue,
           let folded = foldedNumber(a + b) {
            return folded
        }
        if left.isNumber(0) { return right }
        if right.isNumber(0) { return left }
        if let negated = right.negatedIfNegative {
            return difference(left, negated)
        }
        if let negated = left.negatedIfNegative {
            return difference(right, negated)
        }
        return .binary(.add, left, right)
    }

    /// `a - b`.
    static func difference(_ left: Expression, _ right: Expression) -> Expression {
        if let a = left.numberValue, let b = right.numberValue,
           let folded = foldedNumber(a - b) {
            return folded
        }
        if right.isNumber(0) { return left }
        if left.isNumber(0) { return negation(right) }
        if let negated = right.negatedIfNegative {
            return sum(left, negated)
        }
        return .binary(.subtract, left, right)
    }

    /// `a * b`, with numeric factors gathered in front and the factors
    /// chained to the left: `2*(3*x)` is `6*x`, `(-a)*(-b)` is `a*b`,
    /// `a*(b*c)` is `a*b*c`.
    static func product(_ left: Expression, _ right: Expression) -> Expression {
        if let a = left.numberValue, let b = right.numberValue,
           let folded = foldedNumber(a * b) {
            return folded
        }

        let (leftCoefficient, leftRest) = left.splitCoefficient
        let (rightCoefficient, rightRest) = right.splitCoefficient
        if leftCoefficient == 0 || rightCoefficient == 0 { return .number(0) }
        // A product of coefficients that underflows to 0 (1e-200·1e-200)
        // or is not short is not gathered: the factors stay where they are.
        let coefficient = leftCoefficient * rightCoefficient
        guard coefficient != 0, NumberFormatting.isShort(coefficient) else {
            return .binary(.multiply, left, right)
        }
        let gathered = scaled(chained(leftRest, rightRest), by: coefficient)
        return gathered.hasSafeNumericPrefix ? gathered : .binary(.multiply, left, right)
    }

    /// `a / b`. Numeric factors on both sides cancel into the numerator
    /// (`(2*x)/(2*s^2)` is `x/s^2`, `(3*x)/(2*y)` is `1.5*x/y`); a sign
    /// moves to the numerator (`x/-y` is `-x/y`); a factor in the
    /// denominator alone stays there (`-x^2/(2*s^2)` is left as written).
    static func quotient(_ left: Expression, _ right: Expression) -> Expression {
        if let a = left.numberValue, let b = right.numberValue,
           let folded = foldedNumber(a / b) {
            return folded
        }
        if right.isNumber(1) { return left }
        if right.isNumber(-1) { return negation(left) }
        if left.isNumber(0), right.numberValue != 0 { return .number(0) }

        let (leftCoefficient, leftRest) = left.splitCoefficient
        let (rightCoefficient, rightRest) = right.splitCoefficient
        guard let denominator = rightRest else { return .binary(.divide, left, right) }
        let numerator = leftRest ?? .number(1)

        let moved: Expression
        if Swift.abs(rightCoefficient) == 1 {
            let sign = rightCoefficient
            moved = .binary(.divide, scaled(numerator, by: leftCoefficient * sign), denominator)
        } else if Swift.abs(leftCoefficient) == 1 {
            return .binary(.divide, left, right)
        } else {
            let coefficient = leftCoefficient / rightCoefficient
            guard coefficient != 0, NumberFormatting.isShort(coefficient) else {
                return .binary(.divide, left, right)
            }
            moved = .binary(.divide, scaled(numerator, by: coefficient), denominator)
        }
        return moved.hasSafeNumericPrefix ? moved : .binary(.divide, left, right)
    }

    /// `a ^ b`.
    static func power(_ base: Expression, _ exponent: Expression) -> Expression {
        if let a = base.numberValue, let b = exponent.numberValue,
           let folded = foldedNumber(ScalarMath.apply(.power, a, b)) {
            return folded
        }
        if exponent.isNumber(1) { return base }
        if exponent.isNumber(0) { return .number(1) }
        if base.isNumber(1) { return .number(1) }
        return .binary(.power, base, exponent)
    }

    /// `f(arguments...)`, folded when every argument is a number.
    static func application(
        _ function: BuiltinFunction, _ arguments: [Expression]
    ) -> Expression {
        let values = arguments.compactMap(\.numberValue)
        if values.count == arguments.count,
           let folded = foldedNumber(function.definition.evaluate(values)) {
            return folded
        }
        return .call(function, arguments)
    }

    /// `a < b` and the other comparisons, folded for numbers.
    static func comparing(
        _ comparison: ComparisonOperator, _ left: Expression, _ right: Expression
    ) -> Expression {
        if let a = left.numberValue, let b = right.numberValue {
            return .number(ScalarMath.compare(comparison, a, b))
        }
        return .comparison(comparison, left, right)
    }

    /// `condition ? whenTrue : whenFalse`, resolved when the condition is
    /// a number.
    static func choosing(
        _ condition: Expression, _ whenTrue: Expression, _ whenFalse: Expression
    ) -> Expression {
        if let value = condition.numberValue, !value.isNaN {
            return value != 0 ? whenTrue : whenFalse
        }
        return .conditional(condition, whenTrue, whenFalse)
    }
}

// MARK: - Coefficients

extension Expression {
    /// The expression as `coefficient · rest`, where the coefficient is
    /// the product of the numeric factors at the top of a product or of a
    /// quotient's numerator (and of the signs of negations), and `rest` is
    /// nil for a plain number. A coefficient that would not be short
    /// (see `NumberFormatting.isShort`) is not split off.
    var splitCoefficient: (coefficient: Double, rest: Expression?) {
        switch self {
        case .number(let value):
            return (value, nil)
        case .negate(let inner):
            let (coefficient, rest) = inner.splitCoefficient
            return (-coefficient, rest)
        case .binary(.multiply, let left, let right):
            let (leftCoefficient, leftRest) = left.splitCoefficient
            let (rightCoefficient, rightRest) = right.splitCoefficient
            let coefficient = leftCoefficient * rightCoefficient
            // Nothing to split off: keep the node as it is (rebuilding it
            // would make long products cost quadratic time per level).
            if leftCoefficient == 1 && rightCoefficient == 1 { return (1, self) }
            guard coefficient != 0, NumberFormatting.isShort(coefficient) else {
                return (1, self)
            }
            return (coefficient, Expression.chained(leftRest, rightRest))
        case .binary(.divide, let numerator, let denominator):
            let (coefficient, rest) = numerator.splitCoefficient
            guard coefficient != 1, coefficient != 0 else { return (1, self) }
            return (coefficient, .binary(.divide, rest ?? .number(1), denominator))
        default:
            return (1, self)
        }
    }

    /// `coefficient · rest` written as `rest`, `-rest` (the sign on the
    /// first factor: `-a*b`), `c*rest`, or the number `c` alone; a
    /// coefficient of a quotient goes into its numerator (`c*a/b`).
    static func scaled(_ rest: Expression?, by coefficient: Double) -> Expression {
        guard let rest else { return .number(coefficient) }
        if coefficient == 1 { return rest }
        if case .binary(.divide, let numerator, let denominator) = rest {
            return .binary(.divide, scaled(numerator, by: coefficient), denominator)
        }
        if coefficient == -1 { return negatingFirstFactor(rest) }
        let gathered = chained(.number(coefficient), rest) ?? rest
        // Chaining puts the coefficient next to the numbers `rest` starts
        // with; where their product overflows, keep `rest` whole instead.
        guard gathered.hasSafeNumericPrefix else {
            return .binary(.multiply, .number(coefficient), rest)
        }
        return gathered
    }

    /// `-a*b*c` as `((-a)*b)*c`, which prints without parentheses.
    private static func negatingFirstFactor(_ expression: Expression) -> Expression {
        if case .binary(.multiply, let first, let second) = expression {
            return .binary(.multiply, negatingFirstFactor(first), second)
        }
        return negation(expression)
    }

    /// The product of two optional factors as a chain to the left,
    /// `a*(b*c)` → `a*b*c`, and `a*(1/b)` → `a/b`; nil when both are nil.
    ///
    /// Chaining lets numbers at the end of `left` meet numbers at the start
    /// of `right`; where the numbers a chain starts with would multiply to
    /// infinity or underflow (`hasSafeNumericPrefix`), the two are joined
    /// as `left*(right)` instead.
    static func chained(_ left: Expression?, _ right: Expression?) -> Expression? {
        guard let left else { return right }
        guard let right else { return left }
        let joined = chainedUnchecked(left, right)
        return joined.hasSafeNumericPrefix ? joined : .binary(.multiply, left, right)
    }

    private static func chainedUnchecked(_ left: Expression, _ right: Expression) -> Expression {
        if case .binary(.divide, .number(1), let denominator) = right {
            // a*(1/b) is a/b.
            return .binary(.divide, left, denominator)
        }
        if case .binary(.multiply, let first, let second) = right {
            return .binary(.multiply, chainedUnchecked(left, first), second)
        }
        return .binary(.multiply, left, right)
    }

    /// Whether the numbers a product multiplies first have a product
    /// that neither overflows nor underflows.
    ///
    /// Gathering a coefficient reorders a product: `(0.7*1e308/x)*48`
    /// becomes `48*0.7*1e308/x`, which multiplies the numbers first. The
    /// original never forms `48*0.7*1e308` (infinite) and is finite at
    /// `x = 100`; the reordered one is infinite everywhere. So the
    /// builders keep the original order when the numbers at the start of
    /// the reordered product (the bottom of its left spine, up to a
    /// division; any constant part counts, `constantPartValue`) multiply
    /// to infinity, or to 0 or a subnormal number from factors that are
    /// not 0.
    var hasSafeNumericPrefix: Bool {
        var node = self
        var laterFactors: [Expression] = []
        descent: while true {
            switch node {
            case .binary(.multiply, let left, let right):
                laterFactors.append(right)
                node = left
            case .binary(.divide, let numerator, _):
                // The division comes between the numerator's numbers and
                // the factors after it.
                laterFactors.removeAll()
                node = numerator
            case .negate(let inner):
                node = inner
            default:
                break descent
            }
        }
        guard var product = node.constantPartValue, product.isFinite else {
            return node.constantPartValue == nil
        }
        for factor in laterFactors.reversed() {
            guard let value = factor.constantPartValue else { break }
            let before = product
            product *= value
            let underflows = before != 0 && value != 0
                && Swift.abs(product) < Double.leastNormalMagnitude
            if !product.isFinite || underflows { return false }
        }
        return true
    }

    /// The value of a constant part: a tree without `x` or parameters
    /// (numbers, named constants, and any operation or function of them:
    /// `0.7*1e308`, `3.4^8`, `exp(2)`, which stay unfolded because their
    /// values are not short), computed as the constant check computes it
    /// (`Simplifier.constantValue`); nil for anything else.
    ///
    /// Every kind of constant part counts: a prefix check that knew only
    /// products and quotients let `1e308*3.4^8` form (`3.4^8` was "not a
    /// number"), an infinite constant part that no longer parses.
    var constantPartValue: Double? {
        var values: [Double?] = []
        for child in children {
            guard let value = child.constantPartValue else { return nil }
            values.append(value)
        }
        return Simplifier.constantValue(of: self, children: values)
    }

    /// For an expression whose value is plainly negated (a negative
    /// number, `-a`, `-2*a`, `-a/b`), the expression without the sign;
    /// else nil.
    var negatedIfNegative: Expression? {
        let (coefficient, rest) = splitCoefficient
        guard coefficient < 0 else { return nil }
        return Expression.scaled(rest, by: -coefficient)
    }
}
