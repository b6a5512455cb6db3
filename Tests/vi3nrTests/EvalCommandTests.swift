import Foundation
import Testing

// Reference values in these tests were computed with Python's mpmath at 40
// significant digits, e.g. mpmath.sin(15) and 30*mpmath.cos(15).

@Test func evalPrintsValueAndDerivativeFromClosedForms() throws {
    let run = try ToolRunner.run("eval", "sin(30*x)", "--at", "0.5", "--json")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    #expect(object.expression == "sin(30*x)")
    #expect(object.derivative == "30*cos(30*x)")
    #expect(object.x == 0.5)
    // sin(15) = 0.65028784015711686583..., 30 cos(15) = -22.790637385764638215...
    let value = try #require(object.value)
    let slope = try #require(object.derivativeValue)
    #expect(isWithin(1, ulpsOf: 0.6502878401571168658, value))
    #expect(isWithin(2, ulpsOf: -22.79063738576463821, slope))
}

@Test func evalOfTheGaussianBumpWithAParameter() throws {
    let run = try ToolRunner.run(
        "eval", "exp(-x^2/(2*s^2))", "--param", "s=0.05", "--at", "0.1", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    // exp(-2) = 0.13533528323661269189..., and -(x/s²)·exp(-2) = -40·exp(-2).
    #expect(isWithin(2, ulpsOf: 0.1353352832366126919, try #require(object.value)))
    #expect(isWithin(4, ulpsOf: -5.413411329464507676, try #require(object.derivativeValue)))
}

@Test func evalTakesAGreekParameterName() throws {
    // The name the unbound-parameter error asks for (--param ω=VALUE)
    // must be accepted.
    let run = try ToolRunner.run("eval", "sin(ω*x)", "--param", "ω=30", "--at", "0.5", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    // sin(15) = 0.65028784015711686583... (mpmath).
    #expect(isWithin(1, ulpsOf: 0.6502878401571168658, try #require(object.value)))

    let unbound = try ToolRunner.run("eval", "sin(ω*x)", "--at", "0.5")
    #expect(unbound.status == 1)
    #expect(unbound.standardError.contains("--param ω="))
}

@Test func evalAtKinksUsesAutogradsValues() throws {
    let relu = try ToolRunner.decode(
        EvalJSON.self, from: try ToolRunner.run("eval", "relu(x)", "--at", "0", "--json"))
    #expect(relu.value == 0)
    #expect(relu.derivativeValue == 0)
    let sigmoid = try ToolRunner.decode(
        EvalJSON.self, from: try ToolRunner.run("eval", "sigmoid(x)", "--at", "0", "--json"))
    #expect(sigmoid.value == 0.5)
    #expect(sigmoid.derivativeValue == 0.25)
}

@Test func evalJSONHasExactlyTheDocumentedKeysInOrder() throws {
    let run = try ToolRunner.run("eval", "tanh(x)", "--at", "0.7", "--json")
    #expect(run.standardOutput.hasPrefix(
        #"{"expression": "tanh(x)", "derivative": "1 - tanh(x)^2", "x": 0.7, "value": "#))
    #expect(try ToolRunner.jsonKeys(run)
        == ["expression", "derivative", "x", "value", "derivative_value"])
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    // tanh(0.7) = 0.60436777711716349630..., 1 - tanh² = 0.63473958998245858736...
    #expect(isWithin(2, ulpsOf: 0.6043677771171634963, try #require(object.value)))
    #expect(isWithin(4, ulpsOf: 0.6347395899824585873, try #require(object.derivativeValue)))
}

@Test func evalPlainTextShowsBothFunctionsAndValues() throws {
    let run = try ToolRunner.run("eval", "-x^2", "--at", "3")
    #expect(run.status == 0)
    #expect(run.standardOutput == """
        phi(x)  = -x^2
        phi'(x) = -2*x
        phi(3)  = -9
        phi'(3) = -6

        """)
}

@Test func evalPrintsANaNValueAsNullAndNamesTheLimitOfARemovableSingularity() throws {
    // sin(x)/x is 0/0 at 0; its limit there is 1, and the limit of its
    // derivative (x cos x - sin x)/x² is 0 (Taylor: -x/3 + O(x³)).
    let sinc = try ToolRunner.run("eval", "sin(x)/x", "--at", "0", "--json")
    #expect(sinc.status == 0)
    #expect(sinc.standardOutput.contains(#""value": null"#))
    let object = try ToolRunner.decode(EvalJSON.self, from: sinc)
    #expect(object.value == nil)
    #expect(object.derivativeValue == nil)
    #expect(object.valueError
        == "not a number (NaN); its limit at 0 is 1 (a removable singularity)")
    #expect(object.derivativeValueError
        == "not a number (NaN); its limit at 0 is 0 (a removable singularity)")
    #expect(sinc.errorLines == [
        "warning: phi(0) is not a number (NaN); its limit at 0 is 1 (a removable singularity)",
        "warning: phi'(0) is not a number (NaN); its limit at 0 is 0 (a removable singularity)",
    ])
    #expect(!sinc.standardError.contains("pole"))

    // The same shifted to x = 1, in text.
    let shifted = try ToolRunner.run("eval", "sin(x-1)/(x-1)", "--at", "1")
    #expect(shifted.status == 0)
    #expect(shifted.standardOutput.contains("phi(1)  = nan\n"))
    #expect(shifted.errorLines.first
        == "warning: phi(1) is not a number (NaN); its limit at 1 is 1 (a removable singularity)")
}

@Test func evalExplainsANaNWithoutALimitByItsPolesAndDomainEdges() throws {
    let root = try ToolRunner.run("eval", "sqrt(x)", "--at", "-1", "--json")
    #expect(root.status == 0)
    let object = try ToolRunner.decode(EvalJSON.self, from: root)
    #expect(object.value == nil)
    #expect(object.valueError == "not a number (NaN)")
    #expect(root.errorLines.first == "warning: phi(-1) is not a number (NaN): "
        + "sqrt has a domain edge where x = 0 (undefined below)")

    // sin(x)/x² runs to ±infinity beside 0: a real pole, and said to be one.
    let pole = try ToolRunner.run("eval", "sin(x)/x^2", "--at", "0")
    #expect(pole.status == 0)
    #expect(pole.errorLines.first
        == "warning: phi(0) is not a number (NaN): division has a pole where x^2 = 0")
}

@Test func evalMarksAnInfiniteValueAsNull() throws {
    let run = try ToolRunner.run("eval", "log(x)", "--at", "0", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    #expect(object.value == nil)
    #expect(object.valueError == "negative infinity")
    #expect(object.derivativeValueError == "positive infinity")
}

@Test func evalMarksANonFiniteDerivativeInJSON() throws {
    let run = try ToolRunner.run("eval", "sqrt(x)", "--at", "0", "--json")
    #expect(run.status == 0)
    #expect(run.standardOutput.contains(#""derivative_value": null"#))
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    #expect(object.value == 0)
    #expect(object.derivativeValue == nil)
    #expect(object.derivativeValueError == "positive infinity")
    #expect(run.standardError == "warning: phi'(0) is positive infinity\n")
}

@Test func evalReportsABadExpressionWithItsCaret() throws {
    let run = try ToolRunner.run("eval", "sin(30*x", "--at", "1")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    let lines = run.errorLines
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("error: ") == true)
    #expect(lines.dropFirst().first == "sin(30*x")
    #expect(lines.last?.trimmingCharacters(in: .whitespaces).hasPrefix("^") == true)
}

@Test func evalReportsAnUnknownFunctionWithASuggestion() throws {
    let run = try ToolRunner.run("eval", "sigmoidd(x)", "--at", "1")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first?.hasPrefix("error: unknown function 'sigmoidd'") == true)
    #expect(run.errorLines.first?.contains("did you mean 'sigmoid'?") == true)
    #expect(run.errorLines.dropFirst() == ["sigmoidd(x)", "^~~~~~~~"])
}

@Test func evalRejectsAnUnknownOptionAsAUsageError() throws {
    let run = try ToolRunner.run("eval", "x", "--att", "1")
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines == [
        "error: unknown option '--att' for 'eval'; did you mean '--at'?",
        "Run 'vi3nr eval --help' for usage.",
    ])
}

@Test(arguments: ["abc", "nan", "inf", "1e999", "0x10", ""])
func evalRejectsAMalformedNumberAsAUsageError(text: String) throws {
    let run = try ToolRunner.run("eval", "x", "--at", text)
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first
        == "error: invalid value '\(text)' for --at: expected a finite number")
}

@Test func evalNeedsItsPoint() throws {
    let missing = try ToolRunner.run("eval", "x")
    #expect(missing.status == 2)
    #expect(missing.errorLines.first == "error: missing --at X")
    let noValue = try ToolRunner.run("eval", "x", "--at")
    #expect(noValue.status == 2)
    #expect(noValue.errorLines.first == "error: --at needs a value (X)")
}

@Test func evalReadsNegativeNumbersAndExpressionsStartingWithMinus() throws {
    let run = try ToolRunner.run("eval", "-x", "--at", "-2", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(EvalJSON.self, from: run)
    #expect(object.value == 2)
    #expect(object.derivativeValue == -1)
}

@Test func evalNamesAnUnboundParameter() throws {
    let run = try ToolRunner.run("eval", "sin(w0*x)", "--at", "1")
    #expect(run.status == 1)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines == [
        "error: no value for the parameter 'w0'",
        "Give it a value with --param w0=VALUE.",
    ])
}

@Test func evalRejectsAParameterTheExpressionDoesNotHave() throws {
    let run = try ToolRunner.run(
        "eval", "sin(w0*x)", "--param", "w0=1", "--param", "w1=2", "--at", "1")
    #expect(run.status == 1)
    #expect(run.errorLines.first?.hasPrefix("error: the expression has no parameter 'w1'") == true)
}
