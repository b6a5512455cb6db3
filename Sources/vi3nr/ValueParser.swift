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

extension ValueParser where Value == Int {
    /// A whole number greater than zero (a sample count, a depth).
    static let positiveInteger = ValueParser(expectation: "a whole number greater than 0") {
        text in
        Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}

/// `NAME=VALUE` for `--param`: the value of one parameter of the
/// expression.
struct ParameterAssignment: Equatable, Sendable {
    let name: String
    let value: Double
}

extension ValueParser where Value == ParameterAssignment {
    /// `NAME=VALUE` with a name of letters, digits and underscores that
    /// does not start with a digit, and a finite number.
    static let parameterAssignment = ValueParser(
        expectation: "NAME=VALUE with a finite number, e.g. w0=30"
    ) { text in
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        let valueText = String(text[text.index(after: equals)...])
        guard isIdentifier(name), let value = parseDecimal(valueText) else { return nil }
        return ParameterAssignment(name: name, value: value)
    }
}

// MARK: - Lexical checks

/// A finite decimal number, or nil. Swift's `Double(_:)` also reads `nan`,
/// `inf` and hexadecimal floats, which are not numbers a user means here.
func parseDecimal(_ text: String) -> Double? {
    let allowed = Set("0123456789+-.eE")
    guard !text.isEmpty, text.allSatisfy(allowed.contains),
          let value = Double(text), value.isFinite else { return nil }
    return value
}

/// Letters, digits and underscores, not starting with a digit.
func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
}
