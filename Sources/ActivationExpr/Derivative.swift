extension Expression {
    /// The derivative with respect to `x`, simplified.
    ///
    /// Every construct has a rule; parameters count as constants.
    /// - Sums, products, quotients by the usual rules; quotients as
    ///   `(a'·b − a·b')/b²`, or `a'/b` when `b` does not depend on `x`.
    /// - Powers: a constant exponent directly, `n·u^(n−1)·u'` (finite at
    ///   negative `u`: `x^2` gives `2*x`), never through
    ///   `exp(v·log(u))`; see `PowerRule` for the rest (`x^x`).
    /// - Built-in functions by the chain rule with the table's derivative
    ///   rules, in forms that cannot overflow (`sigmoid' =
    ///   sigmoid·(1 − sigmoid)`, `tanh' = 1 − tanh²`).
    /// - At kinks, the value PyTorch's autograd gives: `relu'(0) = 0`,
    ///   `abs'(0) = 0`, `step' = sign' = 0`, `leaky_relu'(0) = slope`,
    ///   `elu'(0) = alpha`, half to each argument of `max`/`min` at a tie.
    /// - A conditional: the derivative of the branch taken,
    ///   `c ? a' : b'`; a comparison: 0.
    ///
    /// The printed derivative of `exp(-x^2/(2*s^2))` is
    /// `-x/s^2*exp(-x^2/(2*s^2))`.
    ///
    /// Depth: the input may be as deep as a parsed tree,
    /// `ExpressionLimits.maximumDepth` levels. Each level of the input adds
    /// at most five levels to the raw derivative (the general power rule
    /// and the quotient rule are the deepest), plus six for the deepest
    /// built-in rule (GELU's), so the raw derivative of a parsed tree is at
    /// most `5·100 + 6 = 506` levels deep, inside
    /// `ExpressionLimits.maximumWorkingDepth`; the simplifier checks that
    /// bound again before it walks the result.
    ///
    /// - Throws: `ExpressionError.tooDeep` for an input deeper than
    ///   `ExpressionLimits.maximumDepth` (a second derivative of a very
    ///   deep expression); `.tooLarge` for a derivative of more than
    ///   `ExpressionLimits.maximumWorkingSize` nodes (`max` nested dozens
    ///   of levels deep doubles the size of its derivative per level);
    ///   `.nonFiniteConstant` when a constant part of the derivative is
    ///   infinite or NaN (`d/dx 0^x` needs `log(0)`).
    public func derivative() throws(ExpressionError) -> Expression {
        let depth = try checkWorkingLimits()
        guard depth <= ExpressionLimits.maximumDepth else {
            throw ExpressionError.tooDeep(limit: ExpressionLimits.maximumDepth)
        }
        // The raw derivative shares subtrees (`max` uses the derivative of
        // an argument in two branches), so nested `max` would double its
        // size per level if walked as a tree; the size check refuses such
        // a result before any pass walks it.
        let raw = withStackFor(depth: depth) { Differentiator.derivative(of: self) }
        try raw.checkWorkingLimits()
        return try raw.simplified()
    }
}

enum Differentiator {
    /// `d/dx expression`, built through the simplifying constructors.
    static func derivative(of expression: Expression) -> Expression {
        switch expression {
        case .number, .constant, .parameter, .comparison:
            return .number(0)
        case .variable:
            return .number(1)
        case .negate(let operand):
            return .negation(derivative(of: operand))
        case .binary(let operation, let left, let right):
            return binaryDerivative(operation, left, right)
        case .conditional(let condition, let whenTrue, let whenFalse):
            // Both branches constant: the derivative is 0, as for a
            // comparison and a call on constants. Kept as `c ? 0 : 0` it
            // would not count as 0 where that matters (an exponent
            // `u^(c ? 2 : 3)` would take the general power rule, NaN for
            // a negative base).
            let trueDerivative = derivative(of: whenTrue)
            let falseDerivative = derivative(of: whenFalse)
            if trueDerivative.isNumber(0) && falseDerivative.isNumber(0) { return .number(0) }
            return .choosing(condition, trueDerivative, falseDerivative)
        case .call(let function, let arguments):
            let derivatives = arguments.map(derivative(of:))
            if derivatives.allSatisfy({ $0.isNumber(0) }) { return .number(0) }
            return function.definition.derivativeRule(arguments, derivatives)
        }
    }

    static func binaryDerivative(
        _ operation: BinaryOperator, _ left: Expression, _ right: Expression
    ) -> Expression {
        let leftDerivative = derivative(of: left)
        let rightDerivative = derivative(of: right)

        switch operation {
        case .add:
            return .sum(leftDerivative, rightDerivative)
        case .subtract:
            return .difference(leftDerivative, rightDerivative)
        case .multiply:
            return .sum(
                .product(leftDerivative, right),
                .product(left, rightDerivative)
            )
        case .divide:
            if rightDerivative.isNumber(0) {
                return .quotient(leftDerivative, right)
            }
            let numerator = Expression.difference(
                .product(leftDerivative, right),
                .product(left, rightDerivative)
            )
            return .quotient(numerator, .power(right, .number(2)))
        case .power:
            return PowerRule.derivative(
                base: left, exponent: right,
                baseDerivative: leftDerivative, exponentDerivative: rightDerivative
            )
        }
    }
}
