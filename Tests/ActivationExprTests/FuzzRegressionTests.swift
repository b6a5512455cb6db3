import Testing
@testable import ActivationExpr

/// Inputs that once broke a promise of the expression pipeline, found by
/// the fuzzer (scripts/fuzz.sh) or by reading the code it pointed at.
/// Each test is named after what broke; the fuzzer's own input is also
/// kept in Fuzz/Corpus/FuzzExpression/.
@Suite("Fuzz regressions: expressions")
struct FuzzRegressionTests {
    /// `1^a → 1` made the node above it constant (`0^-(1^…)` became
    /// `0^-1`) after the simplifier had decided it was not, so the
    /// infinite constant part escaped the check and the simplified tree
    /// printed as text that no longer parses.
    @Test("an identity that reveals an infinite constant part is an error")
    func identityRevealingInfiniteConstant() throws {
        let source = "0-0^\t\t\t-0^\t\t\t-1^\t\t\t-0^\t\t\t\t\tx\t"
        let parsed = try Expression.parse(source)
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "0^-1", value: .infinity)) {
            try parsed.simplified()
        }
        #expect(throws: ActivationError.invalidExpression(
            .nonFiniteConstant(subexpression: "0^-1", value: .infinity))) {
            try Activation(parsing: source)
        }
    }

    /// The same through the conditional: `(1 > 0 ? x : 2)` is not a
    /// constant, but a branch chosen by a constant condition may be.
    @Test("a constant branch chosen by a constant condition is checked")
    func chosenConstantBranch() throws {
        let parsed = try Expression.parse("log((x^0 > 0 ? 0 : x))")
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "log(0)", value: -.infinity)) {
            try parsed.simplified()
        }
    }

    /// The product of two numeric factors that underflows to 0 made the
    /// whole product 0 (`(1e-200*x)*(1e-200*x)` is 1 at `x = 1e200`).
    @Test("numeric factors whose product underflows do not make a product 0")
    func underflowingCoefficients() throws {
        let parsed = try Expression.parse("(1e-200*x)*(1e-200*x)")
        let simplified = try parsed.simplified()
        #expect(parsed.evaluate(at: 1e200) == 1)
        #expect(simplified.evaluate(at: 1e200) == 1, "simplified to \(simplified)")
    }
}
