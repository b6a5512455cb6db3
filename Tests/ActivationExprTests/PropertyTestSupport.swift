@testable import ActivationExpr

/// Random well-formed expressions for the property tests, with knobs the
/// older generators (`RandomTrees`, `RandomExpressionGenerator`) do not
/// have: which built-ins may appear, how often conditionals and
/// parameters do, and several seeds per property.
///
/// Every tree is built from what the parser can produce: numbers are
/// finite and non-negative where a minus sign would join them (the
/// printer writes `-2` as a literal only where the parser reads it back
/// as one), and calls have their full argument lists.
struct PropertyTreeGenerator {
    var generator: SeededGenerator

    /// The built-ins that may appear.
    var functions: [BuiltinFunction] = BuiltinFunction.allCases

    /// Parameter names that may appear (none by default).
    var parameters: [String] = []

    /// Out of 10 inner nodes, how many are conditionals.
    var conditionalWeight = 1

    /// Out of 10 inner nodes, how many are calls.
    var callWeight = 4

    /// Whether `^` may appear (the block kernel multiplies for small
    /// integer exponents, where the scalar closure calls `pow`).
    var allowsPower = true

    /// The numbers leaves may hold.
    var numbers = PropertyTreeGenerator.allNumbers

    /// Numbers chosen for the interesting cases: small integer exponents,
    /// values on both sides of thresholds, and large and tiny magnitudes.
    static let allNumbers: [Double] = [
        0, 1, 2, 3, 4, 0.5, 1.5, 0.05, 1e-3, 30, 1e-5, 123.456, 2.5e16, 1e300, -1, -2, -0.5,
        0.30000000000000004,
    ]

    /// Moderate numbers only. `x + 2.5e16` is a step function in
    /// floating point (doubles there are 4 apart) and `x + 1e300` a
    /// constant, so no finite difference can check a derivative of them.
    static let moderateNumbers: [Double] = [
        0, 1, 2, 3, 4, 0.5, 1.5, 0.05, 1e-3, 30, 123.456, -1, -2, -0.5,
    ]

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    mutating func expression(depth: Int) -> Expression {
        if depth <= 1 || Int.random(in: 0..<5, using: &generator) == 0 {
            return leaf()
        }
        let next = depth - 1
        let roll = Int.random(in: 0..<10, using: &generator)
        if roll < conditionalWeight {
            let comparison = ComparisonOperator.allCases.randomElement(using: &generator)!
            let condition = Expression.comparison(
                comparison, expression(depth: next), expression(depth: 2))
            return .conditional(condition, expression(depth: next), expression(depth: next))
        }
        if roll < conditionalWeight + callWeight, !functions.isEmpty {
            let function = functions.randomElement(using: &generator)!
            var arguments = [expression(depth: next)]
            if function.definition.parameters.count == 2 {
                arguments.append(expression(depth: Swift.min(next, 3)))
            }
            return .call(function, arguments)
        }
        switch Int.random(in: 0..<8, using: &generator) {
        case 0:
            return .negate(expression(depth: next))
        case 1 where allowsPower:
            // A constant exponent: small integers (products in the block
            // kernel) and others (pow).
            let exponent = [2.0, 3, 4, -1, -2, 0.5, 1.5, 0, 1].randomElement(using: &generator)!
            return .binary(.power, expression(depth: next), .number(exponent))
        case 2:
            let comparison = ComparisonOperator.allCases.randomElement(using: &generator)!
            return .comparison(comparison, expression(depth: next), expression(depth: next))
        default:
            let operations = allowsPower
                ? BinaryOperator.allCases : BinaryOperator.allCases.filter { $0 != .power }
            let operation = operations.randomElement(using: &generator)!
            return .binary(operation, expression(depth: next), expression(depth: next))
        }
    }

    mutating func leaf() -> Expression {
        let roll = Int.random(in: 0..<10, using: &generator)
        switch roll {
        case 0..<4:
            return .variable
        case 4 where !parameters.isEmpty, 5 where !parameters.isEmpty:
            return .parameter(parameters.randomElement(using: &generator)!)
        case 6:
            return .constant(NamedConstant.allCases.randomElement(using: &generator)!)
        default:
            return .number(numbers.randomElement(using: &generator)!)
        }
    }

    /// Random values for `names`, over ordinary magnitudes of both signs.
    mutating func values(for names: Set<String>) -> [String: Double] {
        var values: [String: Double] = [:]
        for name in names.sorted() {
            values[name] = [0.25, 0.7, 1.3, 2, -0.6, 30, 0.05].randomElement(using: &generator)!
        }
        return values
    }
}

/// The seeds every property runs with: a handful, so that a property is
/// checked on several independent corpora, each reproducible.
let propertySeeds: [UInt64] = [1, 29, 4_099, 65_537, 0xDEC0DE]

/// The built-ins whose scalar and block forms perform the same IEEE
/// operations (no libm or SLEEF call): selects, `abs`, and one
/// multiplication at most.
let exactlyComputedFunctions: [BuiltinFunction] = [
    .abs, .sign, .step, .relu, .max, .min, .leakyRelu,
]

/// What happens inside an evaluation: the values of the nodes on the path
/// the evaluator takes (for a conditional, the condition and the branch
/// selected), for the properties that hold only where nothing inside
/// overflows, is undefined or underflows.
enum EvaluationPath {
    /// Whether some node on the evaluated path is infinite or NaN
    /// (`cosh(1e20)` inside `erfc(cosh(1e20))`, which is 0). The chain
    /// rule then multiplies an infinite factor by a zero one and the
    /// derivative is NaN where the function is not: a limit of symbolic
    /// differentiation in floating point, not a wrong rule.
    static func hasNonFiniteValue(_ expression: Expression, at x: Double) -> Bool {
        anyValue(expression, at: x) { !$0.isFinite }
    }

    /// Whether some node on the evaluated path is subnormal: there the
    /// math libraries' errors are absolute (`DBL_MIN`), not relative, and
    /// a first-order bound in ulps does not hold (`sqrt(log1p(5e-324))`).
    static func hasSubnormalValue(_ expression: Expression, at x: Double) -> Bool {
        anyValue(expression, at: x) { $0 != 0 && Swift.abs($0) < Double.leastNormalMagnitude }
    }

    static func anyValue(
        _ expression: Expression, at x: Double, _ predicate: (Double) -> Bool
    ) -> Bool {
        if predicate(expression.evaluate(at: x)) { return true }
        if case .conditional(let condition, let whenTrue, let whenFalse) = expression {
            if anyValue(condition, at: x, predicate) { return true }
            let selected = condition.evaluate(at: x) != 0 ? whenTrue : whenFalse
            return anyValue(selected, at: x, predicate)
        }
        return expression.children.contains { anyValue($0, at: x, predicate) }
    }
}
