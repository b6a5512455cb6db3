extension Expression {
    /// Every place where the expression may stop being smooth, as the sign
    /// changes of locator functions of `x`, collected over the whole tree.
    ///
    /// Each built-in function contributes its own points in terms of its
    /// arguments (the table's non-smooth rules: `relu(u)` a kink where
    /// `u = 0`, `log(u)` a pole, `sqrt(u)` a domain edge, `max(a, b)` a
    /// kink where `a - b = 0`, `step`/`sign` a jump); so do the operators:
    /// `a/b` a pole where `b = 0`, `u^v` per `PowerRule`, a comparison
    /// `p < q` a jump where `p - q = 0`, and a conditional `p > q ? u : v`
    /// a switch of branches where `p - q = 0` (reported as a jump: a kink
    /// when the branches agree there, which the tree alone cannot tell).
    ///
    /// Examples: `abs(sin(x))` has a kink where `sin(x)` changes sign,
    /// `relu(x - 1)` where `x - 1` does, `sin(x)/x` a (removable) pole
    /// where `x` does. Locators that do not depend on `x` (`relu(s)` for a
    /// parameter `s`) are left out, and duplicates are reported once.
    ///
    /// The list over-approximates: a point may turn out smooth (`sin(x)/x`
    /// at 0, `elu` with `alpha = 1` has a continuous slope). It is meant for
    /// splitting integrals and plots, where an extra split costs little.
    ///
    /// - Throws: `ExpressionError.tooDeep` for a tree over
    ///   `ExpressionLimits.maximumWorkingDepth`.
    public func nonSmoothPoints() throws(ExpressionError) -> [NonSmoothPoint] {
        try checkWorkingLimits()

        // A derivative shares subtrees, and walked as a tree it repeats
        // them many times; applying the rules once per distinct subtree
        // keeps this linear in the tree's size.
        var points: [NonSmoothPoint] = []
        var seenPoints: Set<Locus> = []
        var seenNodes: Set<Fingerprint> = []
        SubtreeWalk.visitPostOrder(self) { node, fingerprint, isConditionOfConditional in
            guard seenNodes.insert(fingerprint).inserted else { return }
            // A comparison that is the condition of a conditional is
            // reported by the conditional, which says more.
            if case .comparison = node, isConditionOfConditional { return }
            for point in NonSmoothPoints.points(of: node) where point.locator.containsVariable {
                if seenPoints.insert(Locus(kind: point.kind, locator: point.locator)).inserted {
                    points.append(point)
                }
            }
        }
        return points
    }
}

/// The identity of a non-smooth point, for reporting each once.
private struct Locus: Hashable {
    let kind: BreakpointLocator.Kind
    let locator: Expression
}

enum NonSmoothPoints {
    /// The points a single node contributes, in terms of its children.
    static func points(of node: Expression) -> [NonSmoothPoint] {
        switch node {
        case .number, .variable, .constant, .parameter, .negate:
            return []
        case .binary(.divide, _, let denominator):
            return [NonSmoothPoint(.pole, "division", "has a pole", where: denominator)]
        case .binary(.power, let base, let exponent):
            return PowerRule.nonSmoothPoints(base: base, exponent: exponent)
        case .binary:
            return []
        case .comparison(let comparison, let left, let right):
            let locator = Expression.difference(left, right)
            return [NonSmoothPoint(.jump, "the comparison '\(comparison.rawValue)'", "jumps",
                                   where: locator)]
        case .conditional(let condition, _, _):
            let locator: Expression
            if case .comparison(_, let left, let right) = condition {
                locator = .difference(left, right)
            } else {
                locator = condition
            }
            return [NonSmoothPoint(.jump, "the conditional", "switches branches",
                                   where: locator,
                                   note: " (a jump unless both branches agree there)")]
        case .call(let function, let arguments):
            return function.definition.nonSmoothRule(arguments)
        }
    }

}

/// A 128-bit structural hash of a subtree, built bottom-up in O(1) per
/// node, with the subtree's size.
struct Fingerprint: Hashable {
    let first: Int
    let second: Int
    let size: Int
}

/// A post-order walk that gives each node its structural fingerprint.
enum SubtreeWalk {
    private struct Frame {
        let node: Expression
        let children: [Expression]
        let isConditionOfConditional: Bool
        var next = 0
        var first = Hasher()
        var second = Hasher()
        var size = 1
    }

    /// Calls `visit` for every node, children before parents, with the
    /// node's fingerprint and whether it is the condition of a
    /// conditional. Uses an explicit stack, so any depth is safe.
    static func visitPostOrder(
        _ root: Expression,
        _ visit: (Expression, Fingerprint, Bool) -> Void
    ) {
        var stack = [frame(for: root, isConditionOfConditional: false)]
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next < stack[top].children.count {
                let child = stack[top].children[stack[top].next]
                var isCondition = false
                if case .conditional = stack[top].node, stack[top].next == 0 { isCondition = true }
                stack[top].next += 1
                stack.append(frame(for: child, isConditionOfConditional: isCondition))
                continue
            }

            let finished = stack.removeLast()
            let fingerprint = Fingerprint(
                first: finished.first.finalize(),
                second: finished.second.finalize(),
                size: finished.size
            )
            visit(finished.node, fingerprint, finished.isConditionOfConditional)
            if !stack.isEmpty {
                stack[stack.count - 1].first.combine(fingerprint.first)
                stack[stack.count - 1].second.combine(fingerprint.second)
                stack[stack.count - 1].size += fingerprint.size
            }
        }
    }

    /// A frame whose hashers already hold the node's own label (its case
    /// and payload other than children), salted differently for the two
    /// halves of the fingerprint.
    private static func frame(for node: Expression, isConditionOfConditional: Bool) -> Frame {
        var frame = Frame(node: node, children: node.children,
                          isConditionOfConditional: isConditionOfConditional)
        frame.first.combine(1)
        frame.second.combine(2)
        switch node {
        case .number(let value):
            combine(&frame, 10, value.bitPattern)
        case .variable:
            combine(&frame, 11, 0)
        case .constant(let constant):
            combine(&frame, 12, constant.rawValue)
        case .parameter(let name):
            combine(&frame, 13, name)
        case .negate:
            combine(&frame, 14, 0)
        case .binary(let operation, _, _):
            combine(&frame, 15, operation.rawValue)
        case .comparison(let comparison, _, _):
            combine(&frame, 16, comparison.rawValue)
        case .conditional:
            combine(&frame, 17, 0)
        case .call(let function, let arguments):
            combine(&frame, 18, function.rawValue + "/\(arguments.count)")
        }
        return frame
    }

    private static func combine<Label: Hashable>(_ frame: inout Frame, _ tag: Int, _ label: Label) {
        frame.first.combine(tag)
        frame.first.combine(label)
        frame.second.combine(label)
        frame.second.combine(tag)
    }
}
