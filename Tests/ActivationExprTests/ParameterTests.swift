import Testing
@testable import ActivationExpr

@Suite("Parameters")
struct ParameterTests {
    @Test("binding replaces every parameter by its value")
    func binding() throws {
        let expression = try Expression.parse("w0*sin(w0*x) + s")
        #expect(expression.parameterNames == ["w0", "s"])
        let bound = try expression.bindingParameters(["w0": 30, "s": 0.5])
        #expect(bound.parameterNames.isEmpty)
        #expect(bound.description == "30*sin(30*x) + 0.5")
        #expect(try Expression.parse("x").bindingParameters([:]) == .variable)
    }

    @Test("unbound parameters are listed, sorted")
    func unbound() throws {
        let expression = try Expression.parse("a*x + b*c")
        #expect(throws: ExpressionError.unboundParameters(["a", "c"])) {
            try expression.bindingParameters(["b": 1])
        }
        #expect(ExpressionError.unboundParameters(["a", "c"]).description
            == "no value for the parameters 'a', 'c'")
        #expect(ExpressionError.unboundParameters(["s"]).description == "no value for the parameter 's'")
        // A name that looks like a misspelled built-in gets a hint.
        #expect(ExpressionError.unboundParameters(["sigmod", "w0"]).description
            == "no value for the parameters 'sigmod', 'w0' "
            + "('sigmod': did you mean the function 'sigmoid'?)")
        #expect(ExpressionError.unboundParameters(["pj"]).description
            == "no value for the parameter 'pj' ('pj': did you mean the constant 'pi'?)")
    }

    @Test("a supplied name the expression does not have suggests the closest")
    func unknown() throws {
        let expression = try Expression.parse("w0*sin(w0*x)")
        #expect(throws: ExpressionError.unknownParameter(name: "wo", suggestion: "w0")) {
            try expression.bindingParameters(["w0": 1, "wo": 2])
        }
        #expect(throws: ExpressionError.unknownParameter(name: "sigma", suggestion: nil)) {
            try expression.bindingParameters(["w0": 1, "sigma": 2])
        }
        #expect(ExpressionError.unknownParameter(name: "wo", suggestion: "w0").description
            == "the expression has no parameter 'wo'; did you mean 'w0'?")
    }

    @Test("parameter values must be finite")
    func nonFinite() throws {
        #expect(throws: ExpressionError.nonFiniteParameter(name: "s", value: .infinity)) {
            try Expression.parse("s*x").bindingParameters(["s": .infinity])
        }
        #expect(ExpressionError.nonFiniteParameter(name: "s", value: .nan).description
            == "the parameter 's' must be finite, not nan")
    }

    @Test("parse, bind and simplify in one call")
    func convenience() throws {
        let expression = try Expression.parse("exp(-x^2/(2*s^2))", binding: ["s": 0.5])
        #expect(expression.description == "exp(-x^2/0.5)")
        #expect(throws: ParseError.self) { try Expression.parse("sin(", binding: [:]) }
        #expect(throws: ExpressionError.self) { try Expression.parse("s*x", binding: [:]) }
    }
}

@Suite("Parameter names")
struct ParameterNameTests {
    @Test("isName accepts what the parser reads as one parameter, and nothing else")
    func namesAgreeWithTheParser() throws {
        // Each accepted name, written alone, parses to exactly that parameter.
        for name in ["w0", "ω", "σ_p", "_a", "Ω2", "αβγ", "w_0_1"] {
            #expect(Expression.isName(name), "\(name)")
            #expect(try Expression.parse(name) == .parameter(name), "\(name)")
        }
        // Each rejected text is not a single name: a digit first, π (the
        // constant), a superscript (a power), a space, a sign, an empty text.
        for text in ["2a", "π", "x²", "w 0", "w-0", "", "ω=1", "a.b"] {
            #expect(!Expression.isName(text), "\(text)")
            let single = try? Expression.parse(text)
            #expect(single != .parameter(text), "\(text)")
        }
    }
}

@Suite("Function-name hints")
struct FunctionNameHintTests {
    @Test("another tool's name for a function is hinted with this language's name")
    func aliases() {
        // swish is SiLU (Ramachandran et al.); it is also two edits from
        // sinh, which must not win.
        #expect(NameSuggestion.function(meantBy: "swish") == .silu)
        #expect(NameSuggestion.function(meantBy: "ln") == .log)
        #expect(NameSuggestion.function(meantBy: "sigmod") == .sigmoid)
        #expect(ExpressionError.unboundParameters(["ln"]).description
            == "no value for the parameter 'ln' ('ln': did you mean the function 'log'?)")
        // An alias is a hint, not a function.
        #expect(throws: ParseError.self) { try Expression.parse("swish(x)") }
    }
}
