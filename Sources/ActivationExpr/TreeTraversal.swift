/// Walks over trees without recursion, so that these walks are safe on a
/// tree of any depth (they are what the recursive passes use to check a
/// tree's depth before they start).
extension Expression {
    /// The direct subexpressions, in order.
    var children: [Expression] {
        switch self {
        case .number, .variable, .constant, .parameter:
            return []
        case .negate(let operand):
            return [operand]
        case .binary(_, let left, let right), .comparison(_, let left, let right):
            return [left, right]
        case .conditional(let condition, let whenTrue, let whenFalse):
            return [condition, whenTrue, whenFalse]
        case .call(_, let arguments):
            return arguments
        }
    }

    /// The number of nodes on the longest path from this node to a leaf
    /// (a leaf has depth 1). Computed with an explicit stack.
    public var depth: Int {
        var deepest = 0
        var pending: [(node: Expression, level: Int)] = [(self, 1)]
        while let (node, level) = pending.popLast() {
            deepest = Swift.max(deepest, level)
            for child in node.children {
                pending.append((child, level + 1))
            }
        }
        return deepest
    }

    /// True when some node of the tree satisfies `predicate`. Walks with
    /// an explicit stack and stops at the first match.
    func contains(where predicate: (Expression) -> Bool) -> Bool {
        var pending: [Expression] = [self]
        while let node = pending.popLast() {
            if predicate(node) { return true }
            pending.append(contentsOf: node.children)
        }
        return false
    }

    /// True when the expression depends on `x`.
    public var containsVariable: Bool {
        contains { if case .variable = $0 { return true } else { return false } }
    }

    /// Throws `ExpressionError.tooDeep` for a tree deeper than
    /// `ExpressionLimits.maximumWorkingDepth`, or `.tooLarge` for one with
    /// more than `ExpressionLimits.maximumWorkingSize` nodes (counting a
    /// shared subtree once per use): the check every pass over a whole
    /// tree makes before it starts. The walk stops as soon as a limit is
    /// passed, so it costs at most that many steps whatever the tree.
    @discardableResult
    func checkWorkingLimits() throws(ExpressionError) -> Int {
        var size = 0
        var deepest = 0
        var pending: [(node: Expression, level: Int)] = [(self, 1)]
        while let (node, level) = pending.popLast() {
            size += 1
            guard size <= ExpressionLimits.maximumWorkingSize else {
                throw ExpressionError.tooLarge(limit: ExpressionLimits.maximumWorkingSize)
            }
            guard level <= ExpressionLimits.maximumWorkingDepth else {
                throw ExpressionError.tooDeep(limit: ExpressionLimits.maximumWorkingDepth)
            }
            deepest = Swift.max(deepest, level)
            for child in node.children {
                pending.append((child, level + 1))
            }
        }
        return deepest
    }

    /// Runs a recursive pass over this tree, whose depth is `depth`: on the
    /// calling thread when the tree is shallow, else on a thread with a
    /// large stack (see `LargeStack`).
    func withStackFor<Value, Failure: Error>(
        depth: Int, _ pass: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        depth <= LargeStack.inlineTreeDepth ? try pass() : try LargeStack.run(pass)
    }

    /// The same node with its children replaced (in the order of
    /// `children`); the caller supplies as many as there were.
    func replacingChildren(_ replacements: [Expression]) -> Expression {
        switch self {
        case .number, .variable, .constant, .parameter:
            return self
        case .negate:
            return .negate(replacements[0])
        case .binary(let operation, _, _):
            return .binary(operation, replacements[0], replacements[1])
        case .comparison(let comparison, _, _):
            return .comparison(comparison, replacements[0], replacements[1])
        case .conditional:
            return .conditional(replacements[0], replacements[1], replacements[2])
        case .call(let function, _):
            return .call(function, replacements)
        }
    }
}
