import Testing
@testable import ActivationExpr

@Suite("Simplifier")
struct SimplifierTests {
    @Test("identities and folds, as printed", arguments: [
        ("x + 0", "x"), ("0 + x", "x"), ("x - 0", "x"), ("0 - x", "-x"),
        ("x*1", "x"), ("1*x", "x"), ("x/1", "x"), ("x^1", "x"), ("x^0", "1"),
        ("0*sin(x)", "0"), ("sin(x)*0", "0"), ("0/x", "0"), ("--x", "x"), ("-(-(x))", "x"),
        ("-(x - 1)", "1 - x"), ("2*(3*x)", "6*x"), ("(2*x)*3", "6*x"), ("-2*(-x)", "2*x"),
        ("x + -2*s", "x - 2*s"), ("x - -s", "x + s"), ("-s + x", "x - s"),
        ("(2*x)/(2*s)", "x/s"), ("(3*x)/(2*s)", "1.5*x/s"), ("x/(-s)", "-x/s"),
        ("x/-1", "-x"), ("-1*x", "-x"), ("2*3 + x", "6 + x"), ("sqrt(4)*x", "2*x"),
        ("1^x", "1"), ("(1 > 0) ? x : 2", "x"), ("(1 < 0) ? x : 2", "2"), ("(2 > 1) + x", "1 + x"),
        ("x*(s*x)", "x*s*x"), ("2*pi*x", "2*pi*x"), ("1/3*x", "1/3*x"),
        ("exp(-x^2/(2*0.05^2))", "exp(-x^2/(2*0.05^2))"), ("0.1*3*x", "0.1*3*x"), ("0.5*3*x", "1.5*x"),
        ("elu(x)", "elu(x, 1)"), ("x > 0 ? x : x", "x > 0 ? x : x"), ("x - x", "x - x"),
    ])
    func identities(source: String, printed: String) throws {
        #expect(try Expression.parse(source).simplified().description == printed)
    }

    @Test("a constant part that is not finite is an error naming it")
    func nonFiniteConstants() throws {
        let exponential = try Expression.parse("x + exp(1000*s)")
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "exp(1000)", value: .infinity)) {
            try exponential.bindingParameters(["s": 1]).simplified()
        }
        // The innermost part is named, even where an identity would drop it.
        let hidden = try Expression.parse("0*exp(1000*s) + x")
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "exp(1000)", value: .infinity)) {
            try hidden.bindingParameters(["s": 1]).simplified()
        }
        let reciprocal = try Expression.parse("1/s + x")
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "1/0", value: .infinity)) {
            try reciprocal.bindingParameters(["s": 0]).simplified()
        }
        // NaN is not equal to itself, so this one is checked by its text.
        let logarithm = try Expression.parse("x*log(s)")
        let error = #expect(throws: ExpressionError.self) {
            try logarithm.bindingParameters(["s": -1]).simplified()
        }
        #expect(error?.description == "the constant part log(-1) is not a number (NaN)")
        #expect(throws: ExpressionError.divisionByZero(subexpression: "x/0")) {
            try Expression.parse("x/s").bindingParameters(["s": 0]).simplified()
        }
    }

    @Test("error messages of the expression errors, exactly")
    func errorMessages() {
        #expect(ExpressionError.nonFiniteConstant(subexpression: "1/0", value: .infinity).description
            == "the constant part 1/0 evaluates to infinity")
        #expect(ExpressionError.nonFiniteConstant(subexpression: "log(-1)", value: .nan).description
            == "the constant part log(-1) is not a number (NaN)")
        #expect(ExpressionError.divisionByZero(subexpression: "x/0").description
            == "division by zero in x/0")
        #expect(ExpressionError.tooDeep(limit: 100).description
            == "the expression is nested more than 100 levels deep")
    }

    @Test("folding every constant leaves values unchanged, bit for bit")
    func foldingConstants() throws {
        let expression = try Expression.parse("2*pi*x + sqrt(2)*exp(-x^2/(2*0.05^2)) + (1 > 0 ? e : 3)")
        let folded = try expression.foldingConstants()
        #expect(folded.description
            == "6.283185307179586*x + 1.4142135623730951*exp(-x^2/0.005000000000000001) + 2.718281828459045")
        for x in [-1.0, -0.03, 0, 0.01, 2.5] {
            #expect(folded.evaluate(at: x) == expression.evaluate(at: x))
        }
    }

    @Test("simplifying keeps the value, on 3000 random trees")
    func keepsValues() throws {
        var trees = RandomTrees(generator: SplitMix64(state: 77))
        let bindings = Dictionary(uniqueKeysWithValues: RandomTrees.names.enumerated().map {
            ($0.element, 0.3 + Double($0.offset) * 0.45)
        })
        var compared = 0
        for _ in 0..<3000 {
            let tree = trees.tree(depth: 5)
            let bound = try tree.bindingParameters(bindings.filter { tree.parameterNames.contains($0.key) })
            guard let simplified = try? bound.simplified() else { continue }
            for x in [-1.3, 0.7, 2.1] {
                let original = bound.evaluate(at: x)
                guard original.isFinite, Swift.abs(original) < 1e6 else { continue }
                let value = simplified.evaluate(at: x)
                compared += 1
                #expect(Swift.abs(value - original) <= 1e-9 * (1 + Swift.abs(original)),
                        "\(bound) at \(x): \(original), simplified \(simplified): \(value)")
            }
        }
        #expect(compared > 3000)
    }
}
