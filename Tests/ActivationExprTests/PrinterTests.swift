import Testing
@testable import ActivationExpr

/// SplitMix64: a small seeded generator, so the corpus is the same on
/// every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random trees of the shapes the parser produces. Every operator node
/// has an operand that depends on `x` or a parameter, so no part is
/// constant (the parser would fold-check it) and no denominator is 0.
struct RandomTrees {
    var generator: SplitMix64

    static let numbers: [Double] = [
        0, 1, 2, 3, 0.5, 0.01, 0.1, 1.5, 30, 1e-5, 2.5e16, 123.456, 1e300, .leastNonzeroMagnitude,
        -1, -2, -0.5, -1e-5, 0.30000000000000004,
    ]
    static let names = ["a", "w0", "s_1", "α", "Beta"]

    mutating func leaf(constantAllowed: Bool) -> Expression {
        switch constantAllowed ? Int.random(in: 0..<5, using: &generator) : Int.random(in: 0..<2, using: &generator) {
        case 0: return .variable
        case 1: return .parameter(Self.names.randomElement(using: &generator)!)
        case 2, 3: return .number(Self.numbers.randomElement(using: &generator)!)
        default: return .constant(NamedConstant.allCases.randomElement(using: &generator)!)
        }
    }

    /// A tree of at most `depth` levels; when `mustVary` it depends on `x`
    /// or a parameter.
    mutating func tree(depth: Int, mustVary: Bool = true) -> Expression {
        if depth <= 1 || Int.random(in: 0..<4, using: &generator) == 0 {
            return leaf(constantAllowed: !mustVary)
        }
        let next = depth - 1
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            return .negate(tree(depth: next, mustVary: mustVary))
        case 1...4:
            let operation = BinaryOperator.allCases.randomElement(using: &generator)!
            // The varying operand goes on a random side; a denominator
            // always varies.
            let leftVaries = operation == .divide ? Bool.random(using: &generator)
                : Bool.random(using: &generator)
            let left = tree(depth: next, mustVary: leftVaries)
            let right = tree(depth: next, mustVary: !leftVaries || operation == .divide)
            return .binary(operation, left, right)
        case 5:
            let comparison = ComparisonOperator.allCases.randomElement(using: &generator)!
            return .comparison(comparison, tree(depth: next), tree(depth: next, mustVary: false))
        case 6:
            return .conditional(tree(depth: next), tree(depth: next), tree(depth: next, mustVary: false))
        default:
            let function = BuiltinFunction.allCases.randomElement(using: &generator)!
            let count = function.definition.parameters.count
            var arguments = [tree(depth: next)]
            for _ in 1..<Swift.max(1, count) {
                arguments.append(tree(depth: next, mustVary: false))
            }
            return .call(function, arguments)
        }
    }
}

@Suite("Printer")
struct PrinterTests {
    @Test("printing and parsing gives an equal tree, on 5000 random trees")
    func roundTrip() throws {
        var trees = RandomTrees(generator: SplitMix64(state: 20_261_204))
        for _ in 0..<5000 {
            let tree = trees.tree(depth: 7)
            let printed = tree.description
            do {
                let reparsed = try Expression.parse(printed)
                #expect(reparsed == tree, "\(printed) read back as \(reparsed)")
            } catch {
                Issue.record("\(printed) does not parse: \(error.message)")
            }
        }
    }

    @Test("minimal parentheses", arguments: [
        "a - (b - c)", "a - b - c", "(a + b)*c", "a*(b + c)", "a/(b*c)", "a/b*c",
        "a^b^c", "(a^b)^c", "-(a + b)", "-a^2", "(-a)^2", "-a*b", "-(a*b)",
        "(a ? b : c) + 1", "a ? b : c ? d : f", "(a ? b : c) ? d : f", "a ? b ? c : d : f",
        "(a < b) < c", "a < b + c", "-(-a)", "2^-a", "a - -b", "a*-b", "sin(a ? b : c)",
        "max(a, b)^2", "-sin(a)", "(-2)^a", "-2*a", "-(2)", "x^-0.5", "1e-5*x", "2.5e16 + x",
    ])
    func minimalParentheses(source: String) throws {
        #expect(try Expression.parse(source).description == source)
    }

    @Test("numbers print in their shortest round-trip form", arguments: [
        (1.0, "1"), (0.5, "0.5"), (-2.0, "-2"), (1e-5, "1e-5"), (2.5e16, "2.5e16"),
        (0.1 + 0.2, "0.30000000000000004"), (.leastNonzeroMagnitude, "5e-324"), (1e300, "1e300"),
        (123456789.0, "123456789"), (-0.0, "-0"),
    ])
    func numbers(value: Double, printed: String) throws {
        #expect(NumberFormatting.shortest(value) == printed)
        #expect(Double(printed) == value)
    }

    @Test("a tree deeper than the working depth prints without overflowing")
    func deepTree() {
        var tree = Expression.variable
        for _ in 0..<(ExpressionLimits.maximumWorkingDepth + 5) {
            tree = .call(.sin, [tree])
        }
        #expect(tree.description.contains("…"))
    }
}
