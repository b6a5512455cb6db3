import Testing
@testable import ActivationExpr

/// Random expressions over the whole language (every operator, comparison,
/// conditional and built-in), generated from a fixed seed.
struct RandomExpressionGenerator {
    var generator: SeededGenerator

    /// Numbers chosen to reach the interesting cases: signed zeros, the
    /// small integer exponents, and ordinary constants.
    static let numbers: [Double] = [0, -0.0, 1, -1, 2, 3, 4, -2, 0.5, 1.5, 30, 0.05, 1e-3]

    mutating func expression(depth: Int) -> Expression {
        if depth == 0 || Int.random(in: 0..<6, using: &generator) == 0 {
            return leaf()
        }
        let next = depth - 1
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            return .negate(expression(depth: next))
        case 1, 2, 3:
            let operation = BinaryOperator.allCases.randomElement(using: &generator)!
            if operation == .power, Bool.random(using: &generator) {
                // Constant exponents, often small integers: the block
                // kernel multiplies those.
                let exponent = Self.numbers.randomElement(using: &generator)!
                return .binary(.power, expression(depth: next), .number(exponent))
            }
            return .binary(operation, expression(depth: next), expression(depth: next))
        case 4:
            let comparison = ComparisonOperator.allCases.randomElement(using: &generator)!
            return .comparison(comparison, expression(depth: next), expression(depth: next))
        case 5:
            let condition: Expression
            if Bool.random(using: &generator) {
                let comparison = ComparisonOperator.allCases.randomElement(using: &generator)!
                condition = .comparison(comparison, expression(depth: next), leaf())
            } else {
                condition = expression(depth: next)
            }
            return .conditional(condition, expression(depth: next), expression(depth: next))
        default:
            let function = BuiltinFunction.allCases.randomElement(using: &generator)!
            let count = function.definition.parameters.count
            var arguments = [expression(depth: next)]
            if count == 2 {
                arguments.append(Bool.random(using: &generator) ? leaf() : expression(depth: next))
            }
            return .call(function, arguments)
        }
    }

    mutating func leaf() -> Expression {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0, 1: return .variable
        case 2: return .constant(NamedConstant.allCases.randomElement(using: &generator)!)
        default: return .number(Self.numbers.randomElement(using: &generator)!)
        }
    }
}

/// The corpus: 3,000 trees of depth up to 6, and the points to evaluate
/// them at.
let corpus: [Expression] = {
    var random = RandomExpressionGenerator(generator: SeededGenerator(seed: 2024))
    return (0..<3_000).map { _ in random.expression(depth: 6) }
}()

let corpusPoints: [Double] = [0, -0.0, 1, -1, 1e-3, -2.5, 3, .pi, 700, -1e10, .infinity, .nan]
    + randomPoints(count: 120, range: 5, seed: 11)

@Test func scalarClosureMatchesEvaluatorOnRandomCorpus() throws {
    var mismatches = 0
    for expression in corpus {
        let compiled = try CompiledFunction(compiling: expression)
        for x in corpusPoints {
            let expected = expression.evaluate(at: x)
            let actual = compiled.evaluate(x)
            if !CompilerCheck.isSameValue(actual, expected) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(expression) at \(x): \(actual), evaluator \(expected)")
                }
            }
        }
    }
    #expect(mismatches == 0)
}

/// The block kernel, one point per call, against the SLEEF tree walk.
///
/// One point per call because SLEEF chooses its argument reduction per
/// group of four lanes (a faster one when all four arguments are small),
/// and the two reductions can differ in the last bit: a value in a full
/// buffer may depend on its three neighbours. A one-element buffer fills
/// all four lanes with the same argument, as the reference's calls do.
@Test func blockKernelMatchesVectorMathReferenceOnRandomCorpus() throws {
    var mismatches = 0
    for expression in corpus {
        let compiled = try CompiledFunction(compiling: expression)
        for x in corpusPoints {
            let actual = CompilerCheck.blockValues(compiled, at: [x])[0]
            let expected = VectorMathReference.value(of: expression, at: x)
            if !CompilerCheck.isSameValue(actual, expected) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(expression) at \(x): \(actual), reference \(expected)")
                }
            }
        }
    }
    #expect(mismatches == 0)
}
