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
        try checkWorkingDepth()

        var points: [NonSmoothPoint] = []
        var seen: Set<Locus> = []
        var pending: [Expression] = [self]
        while let node = pending.popLast() {
            for point in NonSmoothPoints.points(of: node) where point.locator.containsVariable {
                if seen.insert(Locus(kind: point.kind, locator: point.locator)).inserted {
                    points.append(point)
                }
            }
            pending.append(contentsOf: NonSmoothPoints.childrenToVisit(of: node).reversed())
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

    /// The children to look into. A comparison that is the condition of a
    /// conditional is reported by the conditional, so the walk goes past
    /// it to its operands.
    static func childrenToVisit(of node: Expression) -> [Expression] {
        if case .conditional(let condition, let whenTrue, let whenFalse) = node,
           case .comparison(_, let left, let right) = condition {
            return [left, right, whenTrue, whenFalse]
        }
        return node.children
    }
}
