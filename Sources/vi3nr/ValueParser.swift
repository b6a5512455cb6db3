import ActivationExpr

/// Turns an option's text into a typed value, or says what was expected.
struct ValueParser<Value>: Sendable {
    /// What a valid value looks like, for the error message
    /// ("a finite number").
    let expectation: String

    /// The value, or nil when the text is not one.
    let parse: @Sendable (String) -> Value?
}

extension ValueParser where Value == Double {
    /// A finite decimal number: `1`, `-0.5`, `2.5e-3`. Not `nan`, `inf`,
    /// hexadecimal or text with spaces.
    static let finiteNumber = ValueParser(expectation: "a finite number") { text in
        parseDecimal(text)
    }

    /// A finite number greater than zero (a standard deviation, a width).
    static let positiveNumber = ValueParser(expectation: "a finite number greater than 0") {
        text in
        parseDecimal(text).flatMap { $0 > 0 ? $0 : nil }
    }
}

extension ValueParser where Value == Double {
    /// A preactivation standard deviation: a finite number from
    /// `CommandLineLimits.smallestSigmaP` to `largestSigmaP`.
    static let preactivationStd = ValueParser(
        expectation: "a number greater than 0, from 1e-75 to 1e75"
    ) { text in
        parseDecimal(text).flatMap {
            (CommandLineLimits.smallestSigmaP...CommandLineLimits.largestSigmaP).contains($0)
                ? $0 : nil
        }
    }
}

extension ValueParser where Value == Int {
    /// A whole number greater than zero (a sample count, a depth).
    static let positiveInteger = ValueParser(expectation: "a whole number greater than 0") {
        text in
        Int(text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// A whole number in `range`, written in decimal digits or as a power
    /// of ten (`1e6`), so that sample counts read as people write them.
    static func wholeNumber(in range: ClosedRange<Int>, expectation: String) -> ValueParser {
        ValueParser(expectation: expectation) { text in
            parseWholeNumber(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// A Monte Carlo sample count: 2 (the least a standard error needs)
    /// to `CommandLineLimits.maximumSamples`.
    static let sampleCount = wholeNumber(
        in: 2...CommandLineLimits.maximumSamples,
        expectation: "a whole number of samples from 2 to 1e10")

    /// A number of σ_p points: 2 to `CommandLineLimits.maximumPoints`.
    static let pointCount = wholeNumber(
        in: 2...CommandLineLimits.maximumPoints,
        expectation: "a whole number of points from 2 to 10000")

    /// A fan-in: 1 to `CommandLineLimits.maximumFanIn`.
    static let fanIn = wholeNumber(
        in: 1...CommandLineLimits.maximumFanIn,
        expectation: "a whole number from 1 to 2^40")
}

extension ValueParser where Value == UInt64 {
    /// A seed: any whole number from 0 to 2^64 - 1.
    static let seed = ValueParser(expectation: "a whole number from 0 to 2^64 - 1") { text in
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(text)
    }
}

/// `NAME=VALUE` for `--param`: the value of one parameter of the
/// expression.
struct ParameterAssignment: Equatable, Sendable {
    let name: String
    let value: Double
}

extension ValueParser where Value == ParameterAssignment {
    /// `NAME=VALUE` with a name the expression language reads as a name
    /// (`Expression.isName`: `w0`, `ω`, `σ_p`) and a finite number.
    static let parameterAssignment = ValueParser(
        expectation: "NAME=VALUE with a finite number, e.g. w0=30"
    ) { text in
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        let valueText = String(text[text.index(after: equals)...])
        guard Expression.isName(name), let value = parseDecimal(valueText) else { return nil }
        return ParameterAssignment(name: name, value: value)
    }
}

// MARK: - Lexical checks

/// A finite decimal number, or nil. Swift's `Double(_:)` also reads `nan`,
/// `inf` and hexadecimal floats, which are not numbers a user means here.
/// A nonzero number too small for a double (`1e-400`) is nil too, as one
/// too large is: it would otherwise become 0 without a word.
func parseDecimal(_ text: String) -> Double? {
    let allowed = Set("0123456789+-.eE")
    guard !text.isEmpty, text.allSatisfy(allowed.contains),
          let value = Double(text), value.isFinite else { return nil }

    let significand = text.prefix { $0 != "e" && $0 != "E" }
    if value == 0, significand.contains(where: { ("1" ... "9").contains($0) }) { return nil }
    return value
}

/// A whole number written as decimal digits (`1000000`) or as digits
/// times a power of ten (`1e6`, `2.5e3`); nil for anything else, for a
/// fraction (`1.5`) and beyond the range of `Int`.
func parseWholeNumber(_ text: String) -> Int? {
    if text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
    guard text.contains(where: { $0 == "e" || $0 == "E" }),
          let value = parseDecimal(text), value >= 0, value < 9.2e18,
          value == value.rounded() else { return nil }
    return Int(value)
}

extension ValueParser where Value == Double {
    /// A finite number of at least zero (a standard deviation that may be
    /// 0).
    static let nonNegativeNumber = ValueParser(expectation: "a finite number >= 0") { text in
        parseDecimal(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}
