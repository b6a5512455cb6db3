import Foundation
import Testing
@testable import ActivationExpr

// Foundation has its own `Expression`; in this file the name means ours.
private typealias Expression = ActivationExpr.Expression

@Suite("Reference evaluator")
struct EvaluatorTests {
    private let x = Expression.variable

    @Test("arithmetic, constants and calls")
    func arithmetic() {
        let polynomial = Expression.binary(
            .add,
            .binary(.multiply, .number(3), .binary(.power, x, .number(2))),
            .negate(.number(1))
        )
        #expect(polynomial.evaluate(at: 2) == 11)
        #expect(polynomial.evaluate(at: -2) == 11)
        #expect(Expression.constant(.pi).evaluate(at: 0) == Double.pi)
        #expect(Expression.constant(.e).evaluate(at: 0) == 2.718281828459045)
        #expect(Expression.binary(.divide, .number(1), x).evaluate(at: 0) == .infinity)
        #expect(Expression.call(.elu, [x, .number(1)]).evaluate(at: 2) == 2)
    }

    @Test("comparisons give 1 or 0, and NaN for a NaN operand")
    func comparisons() {
        func compare(_ comparison: ComparisonOperator, _ a: Double, _ b: Double) -> Double {
            Expression.comparison(comparison, .number(a), x).evaluate(at: b)
        }
        #expect(compare(.less, 1, 2) == 1)
        #expect(compare(.less, 2, 2) == 0)
        #expect(compare(.lessOrEqual, 2, 2) == 1)
        #expect(compare(.greater, 3, 2) == 1)
        #expect(compare(.greaterOrEqual, 1, 2) == 0)
        #expect(compare(.equal, 2, 2) == 1)
        #expect(compare(.notEqual, 2, 2) == 0)
        #expect(compare(.less, 1, .nan).isNaN)
        #expect(compare(.notEqual, 1, .nan).isNaN)
    }

    @Test("a conditional selects and never blends")
    func conditionalSelects() {
        // x > 0 ? log(x) : 0 at x = -1: log(-1) is NaN but is not taken.
        let guarded = Expression.conditional(
            .comparison(.greater, x, .number(0)), .call(.log, [x]), .number(0)
        )
        #expect(guarded.evaluate(at: -1) == 0)
        #expect(guarded.evaluate(at: 1) == 0)
        #expect(guarded.evaluate(at: Double.pi) == Double.pi.logNaturally)
        #expect(guarded.evaluate(at: .nan).isNaN)
        // Any non-zero condition is true.
        let truthy = Expression.conditional(x, .number(1), .number(2))
        #expect(truthy.evaluate(at: -0.5) == 1)
        #expect(truthy.evaluate(at: 0) == 2)
    }

    @Test("an unbound parameter evaluates to NaN")
    func unboundParameter() {
        #expect(Expression.binary(.multiply, .parameter("w0"), x).evaluate(at: 1).isNaN)
    }

    @Test("a tree as deep as the working limit evaluates (on a large stack)")
    func deepTreeWithinLimit() {
        var tree = Expression.variable
        var expected = 0.3
        for level in 0..<(ExpressionLimits.maximumWorkingDepth - 1) {
            tree = level % 2 == 0 ? .call(.sin, [tree]) : .binary(.add, tree, .number(0.5))
            expected = level % 2 == 0 ? Foundation.sin(expected) : expected + 0.5
        }
        #expect(tree.depth == ExpressionLimits.maximumWorkingDepth)
        #expect(tree.evaluate(at: 0.3) == expected)
        #expect(!tree.description.contains("…"))
    }

    @Test("a hand-built tree deeper than the working limit gives NaN, not a crash")
    func deepTree() {
        var tree = Expression.variable
        for _ in 0..<(ExpressionLimits.maximumWorkingDepth + 10) {
            tree = .negate(tree)
        }
        #expect(tree.evaluate(at: 1).isNaN)
    }
}

private extension Double {
    var logNaturally: Double { BuiltinFunction.log.definition.evaluate([self]) }
}
