import Foundation
import Testing
@testable import ActivationExpr

// Foundation has its own `Expression`; in this file the name means ours.
private typealias Expression = ActivationExpr.Expression

/// Runs `body` on a new thread with a 512 KiB stack, the size of a
/// Dispatch worker thread's stack on Linux, and waits for it. A pass that
/// recursed too deeply would crash the test process here.
func onWorkerSizedStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
}

private func parseError(_ source: String) -> ParseError? {
    do {
        _ = try Expression.parse(source)
        return nil
    } catch {
        return error
    }
}

@Suite("Limits on size and depth")
struct LimitsTests {
    let depthMessage = "the expression is nested more than \(ExpressionLimits.maximumDepth) levels deep"
    let lengthMessage = "the expression is longer than the limit of 10000 characters"

    @Test("10^5 opening parentheses: the length limit")
    func manyParentheses() {
        let error = parseError(String(repeating: "(", count: 100_000) + "x")
        #expect(error?.message == lengthMessage)
        #expect(error?.column == 10_001)
    }

    @Test("4000 opening parentheses, under the length limit: the depth limit")
    func deepParentheses() {
        let source = String(repeating: "(", count: 4000) + "x" + String(repeating: ")", count: 4000)
        #expect(parseError(source)?.message == depthMessage)
    }

    @Test("10^5 and 5000 unary minuses")
    func manyMinuses() {
        #expect(parseError(String(repeating: "-", count: 100_000) + "x")?.message == lengthMessage)
        #expect(parseError(String(repeating: "-", count: 5000) + "x")?.message == depthMessage)
        #expect(parseError(String(repeating: "- ", count: 4000) + "x")?.message == depthMessage)
    }

    @Test("a sum of 10^5 terms and one of 2000 terms")
    func longSums() {
        let huge = Array(repeating: "x", count: 100_000).joined(separator: "+")
        #expect(parseError(huge)?.message == lengthMessage)
        let long = Array(repeating: "x", count: 2000).joined(separator: "+")
        #expect(parseError(long)?.message == depthMessage)
        let fine = Array(repeating: "x", count: 90).joined(separator: "+")
        #expect(parseError(fine) == nil)
    }

    @Test("long chains of every nesting construct stop at the depth limit")
    func otherChains() {
        let powers = Array(repeating: "x", count: 1000).joined(separator: "^")
        #expect(parseError(powers)?.message == depthMessage)
        let calls = String(repeating: "sin(", count: 1000) + "x" + String(repeating: ")", count: 1000)
        #expect(parseError(calls)?.message == depthMessage)
        let conditionals = String(repeating: "x > 0 ? x : ", count: 500) + "x"
        #expect(parseError(conditionals)?.message == depthMessage)
        let products = Array(repeating: "x", count: 1000).joined(separator: "*")
        #expect(parseError(products)?.message == depthMessage)
    }

    @Test("megabytes of text are turned away without reading them all")
    func megabytes() {
        let source = String(repeating: "sin(x) + ", count: 500_000)
        #expect(parseError(source)?.message == lengthMessage)
        let oneLine = String(repeating: "x", count: 3_000_000)
        #expect(parseError(oneLine)?.message == lengthMessage)
    }

    @Test("odd characters end in an error, not a crash", arguments: [
        "\u{0000}", "x\u{0000}", "\u{FEFF}x", "x + 😀", "x\u{0301}", "\u{202E}x", "x\u{200D}x",
        "\u{FFFF}", "𝑥", "x ⊕ 1", "\u{1F468}\u{200D}\u{1F469}", "(\u{0085}x", "x\r\n+",
    ])
    func oddCharacters(source: String) {
        // Either a result or a ParseError; both are fine, a crash is not.
        if let error = parseError(source) {
            #expect(!error.message.isEmpty)
            #expect(error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
        }
    }

    @Test("trees deeper than the working depth are refused by every throwing pass")
    func handBuiltDeepTrees() {
        var tree = Expression.variable
        for _ in 0..<(ExpressionLimits.maximumWorkingDepth + 1) {
            tree = .call(.sin, [tree])
        }
        let deep = tree
        #expect(deep.depth == ExpressionLimits.maximumWorkingDepth + 2)
        #expect(throws: ExpressionError.tooDeep(limit: ExpressionLimits.maximumWorkingDepth)) {
            try deep.simplified()
        }
        #expect(throws: ExpressionError.tooDeep(limit: ExpressionLimits.maximumWorkingDepth)) {
            try deep.derivative()
        }
        #expect(throws: ExpressionError.tooDeep(limit: ExpressionLimits.maximumWorkingDepth)) {
            try deep.nonSmoothPoints()
        }
        #expect(throws: ExpressionError.tooDeep(limit: ExpressionLimits.maximumWorkingDepth)) {
            try deep.foldingConstants()
        }
        #expect(deep.evaluate(at: 1).isNaN)
    }

    /// Inputs at the depth limit, each built of the construct whose
    /// derivative grows fastest.
    static let deepestInputs: [String] = {
        func nested(_ open: String, _ close: String, _ count: Int, _ core: String = "x") -> String {
            String(repeating: open, count: count) + core + String(repeating: close, count: count)
        }
        // Each count puts the tree (or the parser's nesting) at the limit.
        let limit = ExpressionLimits.maximumDepth
        return [
            nested("gelu(", ")", limit - 2),
            nested("sigmoid(", ")", limit - 2),
            nested("max(x, ", ")", 12),
            nested("elu(", ", 0.5)", limit - 2),
            nested("x^(", ")", limit / 2 - 1),
            nested("(1 + 1/", ")", limit / 2 - 1),
            nested("x/(", ")", limit / 2 - 1),
            nested("(x > 0 ? x*(", ") : -x)", limit / 3),
            nested("sinc(", ")", limit - 2),
            nested("log(", ")", limit - 4, "2 + x^2"),
            Array(repeating: "x", count: limit - 1).joined(separator: "*"),
            Array(repeating: "x", count: limit - 1).joined(separator: "^"),
            Array(repeating: "sin(x)", count: limit - 1).joined(separator: "/"),
            String(repeating: "-", count: limit - 2) + "x",
            // At the depths up to which the passes run on the caller's
            // stack (`LargeStack`), so those paths are measured too.
            nested("sin(", ")", LargeStack.inlineParserRecursion - 1),
            nested("(1 + 1/", ")", LargeStack.inlineParserRecursion / 3),
            nested("gelu(", ")", LargeStack.inlineTreeDepth - 1),
            Array(repeating: "sin(x)", count: LargeStack.inlineTreeDepth / 2).joined(separator: "/"),
        ]
    }()

    @Test("every pass over the deepest parsed trees, and their derivatives, fits a 512 KiB stack")
    func passesOnWorkerStack() {
        for source in Self.deepestInputs {
            onWorkerSizedStack {
                do {
                    let expression = try Expression.parse(source)
                    #expect(expression.depth <= ExpressionLimits.maximumDepth)
                    let derivative = try expression.derivative()
                    #expect(derivative.depth <= ExpressionLimits.maximumWorkingDepth)
                    for tree in [expression, derivative] {
                        _ = try tree.simplified()
                        _ = try tree.foldingConstants()
                        _ = try tree.nonSmoothPoints()
                        _ = tree.evaluate(at: 0.5)
                        let printed = tree.description
                        #expect(!printed.contains("…"))
                        // A derivative may be deeper or longer than the
                        // parser accepts.
                        if tree.depth <= ExpressionLimits.maximumDepth / 2,
                           printed.unicodeScalars.count <= ExpressionLimits.maximumSourceLength {
                            #expect(try Expression.parse(printed) == tree)
                        }
                    }
                } catch {
                    Issue.record("\(source.prefix(40))…: \(error)")
                }
            }
        }
    }

    @Test("the derivative of max nested far too deep is refused as too large, quickly")
    func nestedMaxDerivative() throws {
        let source = String(repeating: "max(x, ", count: 90) + "x" + String(repeating: ")", count: 90)
        let expression = try Expression.parse(source)
        #expect(throws: ExpressionError.tooLarge(limit: ExpressionLimits.maximumWorkingSize)) {
            try expression.derivative()
        }
    }

    @Test("releasing the deepest trees on a 512 KiB stack does not overflow")
    func release() {
        onWorkerSizedStack {
            // A chain of calls is the costliest to release (each level
            // also frees an argument array).
            var tree = Expression.variable
            for _ in 0..<ExpressionLimits.maximumWorkingDepth {
                tree = .call(.sin, [tree])
            }
            #expect(tree.depth > ExpressionLimits.maximumWorkingDepth)
            tree = .number(0)
            #expect(tree == .number(0))
        }
    }
}
