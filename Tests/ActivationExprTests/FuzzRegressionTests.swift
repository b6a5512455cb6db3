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
        let infinite = ExpressionError.nonFiniteConstant(subexpression: "0^-1", value: .infinity)
        #expect(throws: infinite) { try parsed.simplified() }
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
        let infinite = ExpressionError.nonFiniteConstant(subexpression: "log(0)", value: -.infinity)
        #expect(throws: infinite) { try parsed.simplified() }
    }

    /// Gathering the coefficient 48 of `(0.7*1e308/x)*48` into the
    /// numerator made `48*0.7*1e308/x`, whose numbers multiply to
    /// infinity: the simplified tree had an infinite constant part, was
    /// infinite where the expression is not (at `x = 100`), and printed as
    /// text that does not parse.
    @Test("gathering a coefficient does not overflow a product of numbers")
    func gatheringOverflowingCoefficient() throws {
        let source = "2-p*1e308/\tx*\n48/\tx**4*\n481e40^x^x0*q + s ^x0*q + s"
        let parsed = try Expression.parse(source)
        let values = ["p": 0.7, "q": 1.3, "s": 0.05, "x0": 30.0]
        let simplified = try parsed.bindingParameters(values).simplified()
        #expect(try Expression.parse(simplified.description) == simplified)

        let product = try Expression.parse("p*1e308/x*48").bindingParameters(["p": 0.7])
        let gathered = try product.simplified()
        #expect(gathered.evaluate(at: 100) == product.evaluate(at: 100), "\(gathered)")
        #expect(gathered.evaluate(at: 100).isFinite)
    }

    /// Found after the fix above: the same overflow reached by other
    /// paths, a coefficient scaled onto a product that starts with 1e308
    /// (through a negation, or chaining two products), made constant parts
    /// like `884736*1e308` and `-1e308*48`.
    @Test("scaling and chaining products keep their numeric prefixes finite", arguments: [
        "erf(2-2-x*1e308/Mx*\n48/\tx*4**\n484/\tx)",
        "2-x*1e308/\tx*\n48/\tx**4*\n2-x*1e308/\tx*\nx*\n48/\tx**4*\n48/\tx*\n\n48/\tx*\n"
            + "4./\tx*48/\tx**4*-2/x  ? x : -x*\n48/\tx*\n8448/\tx*\n84/\tx",
    ])
    func scaledProductsKeepFiniteConstants(source: String) throws {
        let parsed = try Expression.parse(source)
        let values = Dictionary(
            uniqueKeysWithValues: parsed.parameterNames.sorted().map { ($0, 0.7) })
        let simplified = try parsed.bindingParameters(values).simplified()
        #expect(try Expression.parse(simplified.description) == simplified, "\(simplified)")
        let derivative = try simplified.derivative()
        #expect(throws: Never.self) { try derivative.foldingConstants() }
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

/// Derivatives that were NaN where the function is smooth, found by the
/// derivative property tests (PropertyDerivativeTests).
@Suite("Property regressions: derivatives")
struct DerivativeRegressionTests {
    /// `pi >= 1.5` is constant, but only comparisons of plain numbers
    /// were folded, so the exponent kept its conditional, its derivative
    /// was `pi >= 1.5 ? 0 : 0` rather than 0, and the general power rule
    /// (through `log(u)`) made the derivative NaN for a negative base.
    @Test("a conditional on a constant comparison selects its branch")
    func constantComparisonSelectsBranch() throws {
        let simplified = try Expression.parse("x^(pi >= 1.5 ? 2 : 0.5)").simplified()
        #expect(simplified.description == "x^2")
        let activation = try Activation(parsing: "x^(pi >= 1.5 ? 2 : 0.5)")
        #expect(activation.derivative(-1.5) == -3)
    }

    /// `c ? 2 : 3` has derivative `c ? 0 : 0`, which was not recognised
    /// as 0, so `u^(c ? 2 : 3)` went through the general power rule.
    @Test("a conditional between constants has derivative 0")
    func conditionalBetweenConstants() throws {
        let derivative = try Expression.parse("(x - 3)^(x > 0 ? 2 : 3)").derivative()
        #expect(derivative.evaluate(at: 1) == -4, "\(derivative)")
        #expect(derivative.evaluate(at: -1) == 48, "\(derivative)")
    }

    /// The slope of `leaky_relu` and the `alpha` of `elu` are not used
    /// where the first argument is positive, but their derivatives were
    /// multiplied by a selected 0 there, so an undefined slope
    /// (`sqrt(x)` at `x < 0`) made the derivative NaN.
    @Test("an unused slope or alpha does not leak NaN into the derivative",
          arguments: ["leaky_relu(1 + x^2, sqrt(x))", "elu(1 + x^2, log(x))"])
    func unusedSlope(source: String) throws {
        let activation = try Activation(parsing: source)
        #expect(activation.function(-1) == 2)
        #expect(activation.derivative(-1) == -2, "\(activation.derivativeExpression)")
        // Where the slope is used, it still counts: d/dx (x*sqrt(-x)) at -1.
        let negative = try Activation(parsing: "leaky_relu(x, sqrt(-x))")
        #expect(Swift.abs(negative.derivative(-1) - 1.5) <= 1e-15)
    }

    /// Gathering 1e308 into `3.4^8/x*1e308/x` formed `1e308*3.4^8/x/x`:
    /// the overflow check of the numbers a product starts with knew only
    /// products and quotients of numbers, not the power `3.4^8` (a constant
    /// part left unfolded, as 17857.93904896 is not short), so the
    /// simplified tree had the infinite constant part `1e308*3.4^8` and
    /// printed as text that does not parse.
    @Test("a gathered coefficient does not overflow against a constant power", arguments: [
        "3.4^8/x*1e308/x",
        "softplus(tan242-3.4^8/x*1e308/\tx*\n48/\tx**4*2-x*1e308/\tx*\n48/\tx**4*\n48/\tx*"
            + "\n\n48/\tx*\n48/\tx*\n\u{05B0}/\t8/\tx*\n\n48/\tx*fa4/8+-x)-x48/f",
    ])
    func gatheringAgainstConstantPower(source: String) throws {
        let parsed = try Expression.parse(source)
        // The fuzzer's parameter values, given to the names in sorted order.
        let values = [0.7, 1.3, 0.05, 30, -2]
        var parameters: [String: Double] = [:]
        for (index, name) in parsed.parameterNames.sorted().enumerated() {
            parameters[name] = values[index % values.count]
        }
        let bound = try parsed.bindingParameters(parameters)
        let simplified = try bound.simplified()
        #expect(try Expression.parse(simplified.description) == simplified)
        #expect(simplified.evaluate(at: 1e10).isFinite == bound.evaluate(at: 1e10).isFinite)
    }

    /// The value of the simplified form of the first input above.
    @Test("3.4^8/x*1e308/x keeps its value after simplifying")
    func constantPowerValue() throws {
        let simplified = try Expression.parse("3.4^8/x*1e308/x").simplified()
        // 3.4^8 = 6975757441/390625 exactly; at x = 1e10 the value is
        // 3.4^8·1e288 = 1.785793904896e292 (exact rational arithmetic,
        // Python's fractions module).
        let value = simplified.evaluate(at: 1e10)
        #expect(Swift.abs(value - 1.785793904896e292) <= 1e-14 * 1.785793904896e292)
    }
}

/// Limits reported by other helpers, verified here (see also LimitsTests).
@Suite("Reported limits: clear errors")
struct ReportedLimitTests {
    /// Nested max doubles its derivative per level; at 25 levels the
    /// derivative is refused. The message used to say "the expression
    /// would have more than 200000 nodes" of an expression of 25 calls.
    @Test("a derivative too large to build says it is the derivative, and why")
    func nestedMaximumDerivative() {
        var source = "x"
        for level in 0..<25 { source = "max(\(source), \(level % 3)*x)" }
        let error = #expect(throws: ActivationError.self) { try Activation(parsing: source) }
        #expect(error?.summary == "the expression's derivative would have more than 200000 nodes "
                + "(each level of max or min nested in each other doubles it)")
    }
}
