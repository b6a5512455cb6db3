import Testing
@testable import ActivationExpr

@Suite("Parser on random input")
struct ParserFuzzTests {
    /// Pieces of the language and of things that are not, glued at random.
    static let pieces = [
        "x", "x", "2", ".5", "1e-3", "3.", "pi", "e", "w0", "(", "(", ")", ")", "+", "-", "*", "/",
        "^", "**", "<", "<=", "==", "!=", ">", "?", ":", ",", "sin(", "elu(", "max(", "sinc(",
        " ", "\n", "\t", "−", "×", "π", "²", "⁻", "=", "!", "@", "\u{0000}", "😀", "1e400", "..",
        "sinn(", "X", "nan", "0", "/0", "exp(1000)",
    ]

    @Test("20000 random strings parse or fail with a located error, never crash")
    func randomStrings() {
        var generator = SplitMix64(state: 4_242)
        var parsed = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...14, using: &generator)
            let source = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }
                .joined()
            do {
                let expression = try Expression.parse(source)
                parsed += 1
                // Whatever parses prints as something that parses back equal.
                let reparsed = try Expression.parse(expression.description)
                #expect(reparsed == expression, "\(source) printed as \(expression)")
            } catch {
                let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(error.line >= 1 && error.line <= lineCount, "\(source): \(error)")
                #expect(error.column >= 1, "\(source): \(error)")
                #expect(!error.message.isEmpty)
                #expect(error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false)
                    .count == 3, "\(source): \(error.diagnostic)")
            }
        }
        #expect(parsed > 300)
    }
}
