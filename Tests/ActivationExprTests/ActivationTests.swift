import Testing
@testable import ActivationExpr

// Reference values were computed with Python's mpmath at 30 significant
// digits from the closed forms named beside them.

/// `actual` within `ulps` units in the last place of `expected`.
private func within(_ ulps: Double, _ actual: Double, _ expected: Double) -> Bool {
    Swift.abs(actual - expected) <= ulps * expected.ulp
}

@Test func activationParsesBindsDifferentiatesAndCompiles() throws {
    let sine = try Activation(parsing: "sin(w0*x)", parameters: ["w0": 30])
    #expect(sine.source == "sin(w0*x)")
    #expect(sine.expression.description == "sin(30*x)")
    #expect(sine.derivativeExpression.description == "30*cos(30*x)")
    // sin(15) = 0.650287840157116865829740270989, 30 cos(15) = -22.7906373857646382154443921090
    #expect(within(1, sine.function(0.5), 0.650287840157116865829740270989))
    #expect(within(2, sine.derivative(0.5), -22.7906373857646382154443921090))
}

@Test func activationValuesMatchClosedForms() throws {
    let cases: [(String, Double, Double, Double)] = [
        // (source, x, φ(x), φ'(x))
        ("silu(x)", 0.3, 0.172332755043497696145621379570, 0.647780010318882747871867056050),
        ("gelu(x)", 0.3, 0.185373426656685791191958688936, 0.732327766827109862988938115973),
        ("softplus(x)", 0.3, 0.854355244468527118814588435576, 0.574442516811658987152071265235),
        ("elu(x)", -0.3, -0.259181779318282133933126220682, 0.740818220681717866066873779318),
        ("cos(x)*exp(-x^2)", 1.25,
         0.0660951577814334295531809738739, -0.364155876901764556064119473304),
        ("exp(-x^2/(2*0.05^2))", 0.1,
         0.135335283236612691893999494972, -5.41341132946450767575997979890),
    ]
    for (source, x, value, slope) in cases {
        let activation = try Activation(parsing: source)
        #expect(within(4, activation.function(x), value), "\(source) at \(x)")
        #expect(within(8, activation.derivative(x), slope), "\(source)' at \(x)")
        let block = CompilerCheck.blockValues(activation.function, at: [x])[0]
        let blockSlope = CompilerCheck.blockValues(activation.derivative, at: [x])[0]
        #expect(within(4, block, value), "\(source) block at \(x)")
        #expect(within(8, blockSlope, slope), "\(source)' block at \(x)")
    }
}

@Test func activationReportsASyntaxErrorWithItsCaret() {
    do {
        _ = try Activation(parsing: "sin(30*x")
        Issue.record("expected an error")
    } catch {
        guard case .invalidSyntax(let parseError) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(error.diagnostic == parseError.diagnostic)
        #expect(error.diagnostic.split(separator: "\n").count == 3)
        #expect(error.summary == "\(parseError.message) (\(parseError.position))")
    }
}

@Test func activationReportsParameterProblems() {
    #expect(throws: ActivationError.invalidExpression(.unboundParameters(["w0"]))) {
        try Activation(parsing: "sin(w0*x)")
    }
    #expect(throws: ActivationError.self) {
        try Activation(parsing: "sin(w0*x)", parameters: ["w0": 1, "w1": 2])
    }
    #expect(throws: ActivationError.self) {
        try Activation(parsing: "sin(w0*x)", parameters: ["w0": .infinity])
    }
    // A constant part that is only infinite once the parameter has its value.
    #expect(throws: ActivationError.self) {
        try Activation(parsing: "x/s", parameters: ["s": 0])
    }
}

@Test func activationFromATree() throws {
    let tree = Expression.call(.relu, [.binary(.subtract, .variable, .parameter("t"))])
    let activation = try Activation(expression: tree, source: "relu(x - t)", parameters: ["t": 1])
    #expect(activation.expression.description == "relu(x - 1)")
    #expect(activation.function(3) == 2)
    #expect(activation.derivative(3) == 1)
    #expect(activation.derivative(1) == 0)
}

@Test func breakpointsCoverTheFunctionAndItsDerivative() throws {
    let relu = try Activation(parsing: "relu(x - 1)")
    let kinds = relu.breakpoints.map(\.kind)
    #expect(kinds.contains(.kink))
    #expect(kinds.contains(.jump), "relu' = step(x - 1) jumps where relu has its kink")
    for breakpoint in relu.breakpoints {
        // Every locator is x - 1: it changes sign at 1.
        #expect(breakpoint.locator(0.5) < 0 && breakpoint.locator(1.5) > 0)
        #expect(breakpoint.locator(1) == 0)
    }
    let onlyInDerivative = relu.breakpoints.filter { $0.description.hasPrefix("derivative: ") }
    #expect(onlyInDerivative.map(\.kind) == [.jump])

    let sinc = try Activation(parsing: "sin(x)/x")
    #expect(sinc.breakpoints.first?.kind == .pole)
    #expect(sinc.breakpoints.first?.locator(0) == 0)

    let root = try Activation(parsing: "sqrt(x)")
    #expect(root.breakpoints.contains { $0.kind == .domainEdge })

    let smooth = try Activation(parsing: "tanh(x)")
    #expect(smooth.breakpoints.isEmpty)
}

@Test func breakpointLocatorsHaveBlockKernelsToo() throws {
    let activation = try Activation(parsing: "abs(sin(x))")
    let locator = try #require(activation.breakpoints.first).locator
    let values = CompilerCheck.blockValues(locator, at: [0, .pi / 2, -.pi / 2])
    #expect(values[0] == 0 && values[1] > 0 && values[2] < 0)
}
