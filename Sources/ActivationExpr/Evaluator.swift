/// The reference evaluator: a plain walk over the tree, using the built-in
/// table's scalar functions.
///
/// It is the independent check for the compiler, so it is kept as simple
/// as possible: no caching, no rewriting, one switch per node.
extension Expression {
    /// The value of the expression at `x`.
    ///
    /// A parameter that has not been bound (see `bindingParameters(_:)`)
    /// evaluates to NaN, as does a tree deeper than
    /// `ExpressionLimits.maximumWorkingDepth` (the parser and the other
    /// passes never build one; the check keeps a hand-built tree from
    /// overflowing the stack). Comparisons give 1 or 0, or NaN when an
    /// operand is NaN; a conditional selects its branch and never blends,
    /// and a NaN condition gives NaN.
    public func evaluate(at x: Double) -> Double {
        // Shallow trees are walked on the calling thread; a walk that
        // reaches `LargeStack.inlineTreeDepth` starts again on a large stack.
        var evaluator = Evaluator(limit: LargeStack.inlineTreeDepth)
        let value = evaluator.value(of: self, at: x, depth: 0)
        guard evaluator.wentTooDeep else { return value }
        return LargeStack.run {
            var deepEvaluator = Evaluator(limit: ExpressionLimits.maximumWorkingDepth)
            return deepEvaluator.value(of: self, at: x, depth: 0)
        }
    }
}

private struct Evaluator {
    /// The deepest level this walk goes to; below it, the value is NaN.
    let limit: Int

    /// Set when the walk met the limit.
    var wentTooDeep = false

    init(limit: Int) {
        self.limit = limit
    }

    mutating func value(of expression: Expression, at x: Double, depth: Int) -> Double {
        guard depth < limit else {
            wentTooDeep = true
            return .nan
        }
        let next = depth + 1

        switch expression {
        case .number(let value):
            return value
        case .variable:
            return x
        case .constant(let constant):
            return constant.value
        case .parameter:
            return .nan
        case .negate(let operand):
            return -value(of: operand, at: x, depth: next)
        case .binary(let operation, let left, let right):
            return ScalarMath.apply(
                operation,
                value(of: left, at: x, depth: next),
                value(of: right, at: x, depth: next)
            )
        case .comparison(let comparison, let left, let right):
            return ScalarMath.compare(
                comparison,
                value(of: left, at: x, depth: next),
                value(of: right, at: x, depth: next)
            )
        case .conditional(let condition, let whenTrue, let whenFalse):
            return ScalarMath.select(
                value(of: condition, at: x, depth: next),
                value(of: whenTrue, at: x, depth: next),
                value(of: whenFalse, at: x, depth: next)
            )
        case .call(let function, let arguments):
            let definition = function.definition
            if let unary = definition.unary, arguments.count == 1 {
                return unary(value(of: arguments[0], at: x, depth: next))
            }
            if let binary = definition.binary, arguments.count == 2 {
                return binary(
                    value(of: arguments[0], at: x, depth: next),
                    value(of: arguments[1], at: x, depth: next)
                )
            }
            return .nan
        }
    }
}
