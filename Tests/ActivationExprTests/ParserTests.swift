import Testing
@testable import ActivationExpr

@Suite("Parser")
struct ParserTests {
    private func value(_ source: String, at x: Double = 0) throws -> Double {
        try Expression.parse(source).evaluate(at: x)
    }

    @Test("precedence and associativity, by value", arguments: [
        ("-x^2", 3.0, -9.0),
        ("2^-1", 0, 0.5),
        ("2^3^2", 0, 512),
        ("(2^3)^2", 0, 64),
        ("-2^2", 0, -4),
        ("2*-x^2", 3, -18),
        ("10 - 4 - 3", 0, 3),
        ("64/8/2", 0, 4),
        ("64/(8/2)", 0, 16),
        ("2 + 3*4^2", 0, 50),
        ("1 - x*2", 5, -9),
        ("(x > 1) == 1", 2, 1),
        ("1 + 1 > 1", 0, 1),
        ("x < 0 ? -1 : x > 0 ? 1 : 0", -5, -1),
        ("x < 0 ? -1 : x > 0 ? 1 : 0", 5, 1),
        ("x < 0 ? -1 : x > 0 ? 1 : 0", 0, 0),
        ("x > 0 ? x < 1 ? 10 : 20 : 30", 0.5, 10),
        ("x > 0 ? x < 1 ? 10 : 20 : 30", 5, 20),
        ("x > 0 ? x < 1 ? 10 : 20 : 30", -1, 30),
        ("(x > 0 ? 2 : 3)^2", 1, 4),
    ])
    func precedence(source: String, x: Double, expected: Double) throws {
        #expect(try value(source, at: x) == expected)
    }

    @Test("the trees of precedence cases")
    func trees() throws {
        let x = Expression.variable
        #expect(try Expression.parse("-x^2") == .negate(.binary(.power, x, .number(2))))
        #expect(try Expression.parse("2^-1") == .binary(.power, .number(2), .number(-1)))
        #expect(try Expression.parse("a - b - c") == .binary(
            .subtract, .binary(.subtract, .parameter("a"), .parameter("b")), .parameter("c")))
        #expect(try Expression.parse("a/b/c") == .binary(
            .divide, .binary(.divide, .parameter("a"), .parameter("b")), .parameter("c")))
        #expect(try Expression.parse("a ? b : c ? d : f") == .conditional(
            .parameter("a"), .parameter("b"),
            .conditional(.parameter("c"), .parameter("d"), .parameter("f"))))
        #expect(try Expression.parse("-2*x") == .binary(.multiply, .number(-2), x))
        #expect(try Expression.parse("-(2)") == .negate(.number(2)))
        #expect(try Expression.parse("elu(x)") == .call(.elu, [x, .number(1)]))
        #expect(try Expression.parse("leaky_relu(x)") == .call(.leakyRelu, [x, .number(0.01)]))
        #expect(try Expression.parse("π") == .constant(.pi))
        #expect(try Expression.parse("x²") == .binary(.power, x, .number(2)))
    }

    @Test("parameters are named, constants are not parameters")
    func parameterNames() throws {
        #expect(try Expression.parse("w0*sin(w0*x) + s*e - pi").parameterNames == ["w0", "s"])
        #expect(try Expression.parse("α*x").parameterNames == ["α"])
    }

    @Test("an unknown function: message, column and caret, exactly")
    func unknownFunctionDiagnostic() {
        do {
            _ = try Expression.parse("1 + sigmod(30*x)")
            Issue.record("parsed")
        } catch {
            #expect(error.message == "unknown function 'sigmod'; did you mean 'sigmoid'?")
            #expect(error.line == 1)
            #expect(error.column == 5)
            #expect(error.diagnostic == """
                unknown function 'sigmod'; did you mean 'sigmoid'? (column 5)
                1 + sigmod(30*x)
                    ^~~~~~
                """)
        }
    }

    @Test("implicit multiplication: message and caret, exactly")
    func implicitMultiplicationDiagnostic() {
        do {
            _ = try Expression.parse("sin(30x)")
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostic == """
                missing operator before 'x'; did you mean 30*x? (column 7)
                sin(30x)
                      ^
                """)
        }
    }

    @Test("a fault on a later line shows that line, exactly")
    func multilineDiagnostic() {
        do {
            _ = try Expression.parse("sin(x) +\n  exp(1000)")
            Issue.record("parsed")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 3)
            #expect(error.description == "2:3: the constant part exp(1000) evaluates to infinity")
            #expect(error.diagnostic == """
                the constant part exp(1000) evaluates to infinity (line 2, column 3)
                  exp(1000)
                  ^~~~~~~~~
                """)
        }
    }

    @Test("control characters and tabs are shown so the caret lines up")
    func controlCharacterDiagnostic() {
        do {
            _ = try Expression.parse("x\t+ \u{0007}")
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostic == """
                unexpected control character U+0007 (column 5)
                x + \u{FFFD}
                    ^
                """)
        }
    }

    @Test("source text quoted in a message stays on one line")
    func quotedTextOnOneLine() {
        do {
            _ = try Expression.parse("(x\n  + 1)(x)")
            Issue.record("parsed")
        } catch {
            #expect(error.message == "missing operator before '('; did you mean (x + 1)*(…?")
            #expect(error.line == 2 && error.column == 7)
        }
        do {
            _ = try Expression.parse("exp(\t1000)")
            Issue.record("parsed")
        } catch {
            #expect(error.message == "the constant part exp( 1000) evaluates to infinity")
        }
    }

    @Test("a very long line is cut to a window around the fault")
    func longLineDiagnostic() throws {
        let source = String(repeating: "x + ", count: 40) + "@" + String(repeating: " + x", count: 40)
        do {
            _ = try Expression.parse(source)
            Issue.record("parsed")
        } catch {
            #expect(error.column == 161)
            let lines = error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
            #expect(lines[1].count == 1 + 60 + 60 + 1)
            // The caret sits under the '@'.
            let caretColumn = try #require(lines[2].firstIndex(of: "^"))
            let shown = Array(lines[1])
            #expect(shown[lines[2].distance(from: lines[2].startIndex, to: caretColumn)] == "@")
        }
    }
}
