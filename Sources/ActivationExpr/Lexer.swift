/// An error found in the source text, with the scalars it concerns; the
/// parser turns it into a `ParseError` with line, column and caret.
struct SourceError: Error {
    let message: String
    let range: Range<Int>

    /// Set on the error that stops a parse running on the caller's stack
    /// when the input nests deeper than `LargeStack.inlineParserRecursion`: the
    /// parse then starts again on a large stack.
    var requiresLargeStack = false
}

/// Splits source text into tokens.
///
/// Characters that people paste from papers are read as they mean: the
/// minus sign `−` and the en dash `–` as `-`, `×`, `·`, `⋅` and `∗` as
/// `*`, `÷` as `/`, `≤ ≥ ≠` as the comparisons, `π` as `pi`, and
/// superscript digits as a power (`x²` is `x^2`, `x⁻¹` is `x^-1`). Any
/// Unicode white space separates tokens.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var tokens: [Token] = []

    /// Tokenizes `scalars`, ending with an `.end` token.
    static func tokenize(_ scalars: [Unicode.Scalar]) throws(SourceError) -> [Token] {
        var lexer = Lexer(scalars: scalars)
        try lexer.run()
        return lexer.tokens
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private mutating func run() throws(SourceError) {
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar.properties.isWhitespace {
                position += 1
            } else if scalar.isASCIIDigit || (scalar == "." && isDigit(at: position + 1)) {
                try lexNumber()
            } else if Lexer.startsName(scalar) {
                lexIdentifier()
            } else if Lexer.superscriptDigits[scalar] != nil || scalar == "⁻" {
                try lexSuperscript()
            } else {
                try lexSymbol(scalar)
            }
        }
        tokens.append(Token(kind: .end, range: scalars.count..<scalars.count))
    }

    // MARK: - Numbers and names

    /// `3`, `3.`, `.5`, `1e-3`, `2.5E+4`. An `e` after the digits starts
    /// an exponent only when digits follow it (with an optional sign), so
    /// that `2e` is the number 2 followed by the name `e`.
    private mutating func lexNumber() throws(SourceError) {
        let start = position
        skipDigits()
        if position < scalars.count && scalars[position] == "." {
            position += 1
            skipDigits()
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var exponentDigits = position + 1
            if exponentDigits < scalars.count,
               scalars[exponentDigits] == "+" || scalars[exponentDigits] == "-" {
                exponentDigits += 1
            }
            if isDigit(at: exponentDigits) {
                position = exponentDigits
                skipDigits()
            }
        }
        if position < scalars.count, scalars[position] == "." {
            throw SourceError(
                message: "malformed number: a second decimal point",
                range: start..<(position + 1)
            )
        }

        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Double(text), value.isFinite else {
            throw SourceError(
                message: "number \(text) is too large to be represented",
                range: start..<position
            )
        }
        tokens.append(Token(kind: .number(value), range: start..<position))
    }

    private mutating func lexIdentifier() {
        let start = position
        position += 1
        while position < scalars.count {
            guard Lexer.continuesName(scalars[position]) else { break }
            position += 1
        }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        tokens.append(Token(kind: .identifier(name), range: start..<position))
    }

    /// A name starts with an underscore or any Unicode letter (`ω`,
    /// `σ`), except `π`, which is the constant.
    static func startsName(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.properties.isAlphabetic && scalar != "π")
    }

    /// After its first character a name may also hold ASCII digits (`w0`);
    /// superscript digits are a power (`x²`), not part of the name.
    static func continuesName(_ scalar: Unicode.Scalar) -> Bool {
        startsName(scalar) || scalar.isASCIIDigit
    }

    /// A run of superscript digits, optionally after `⁻`, is a power:
    /// `x²` lexes as `x ^ 2`.
    private mutating func lexSuperscript() throws(SourceError) {
        let start = position
        var isNegative = false
        if scalars[position] == "⁻" {
            isNegative = true
            position += 1
        }
        var value = 0.0
        let digitsStart = position
        while position < scalars.count, let digit = Lexer.superscriptDigits[scalars[position]] {
            value = value * 10 + Double(digit)
            position += 1
        }
        guard position > digitsStart else {
            throw SourceError(message: "'⁻' must be followed by superscript digits",
                              range: start..<position)
        }
        tokens.append(Token(kind: .caret, range: start..<(start + 1)))
        if isNegative {
            tokens.append(Token(kind: .minus, range: start..<(start + 1)))
        }
        tokens.append(Token(kind: .number(value), range: digitsStart..<position))
    }

    // MARK: - Symbols

    private mutating func lexSymbol(_ scalar: Unicode.Scalar) throws(SourceError) {
        let start = position
        let next: Unicode.Scalar? = position + 1 < scalars.count ? scalars[position + 1] : nil
        position += 1

        let kind: Token.Kind
        switch scalar {
        case "+": kind = .plus
        case "-", "−", "–": kind = .minus
        case "*" where next == "*":
            position += 1
            kind = .caret
        case "*", "×", "·", "⋅", "∗": kind = .star
        case "/", "÷", "∕": kind = .slash
        case "^": kind = .caret
        case "(": kind = .leftParenthesis
        case ")": kind = .rightParenthesis
        case ",": kind = .comma
        case "?": kind = .question
        case ":": kind = .colon
        case "π": kind = .identifier("pi")
        case "<" where next == "=", "≤":
            position += scalar == "<" ? 1 : 0
            kind = .comparison(.lessOrEqual)
        case "<": kind = .comparison(.less)
        case ">" where next == "=", "≥":
            position += scalar == ">" ? 1 : 0
            kind = .comparison(.greaterOrEqual)
        case ">": kind = .comparison(.greater)
        case "=" where next == "=":
            position += 1
            kind = .comparison(.equal)
        case "!" where next == "=", "≠":
            position += scalar == "!" ? 1 : 0
            kind = .comparison(.notEqual)
        case "=":
            throw SourceError(message: "unexpected '='; did you mean '=='?",
                              range: start..<position)
        case "!":
            throw SourceError(message: "unexpected '!'; did you mean '!='?",
                              range: start..<position)
        default:
            throw SourceError(message: Lexer.describeUnexpected(scalar), range: start..<position)
        }
        tokens.append(Token(kind: kind, range: start..<position))
    }

    /// "unexpected character '@'", with the code point for characters
    /// that do not show themselves (control characters, odd spaces).
    private static func describeUnexpected(_ scalar: Unicode.Scalar) -> String {
        let hexadecimal = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hexadecimal.count))
            + hexadecimal
        switch scalar.properties.generalCategory {
        case .control: return "unexpected control character \(code)"
        case .format: return "unexpected invisible character \(code)"
        default: return "unexpected character '\(scalar)' (\(code))"
        }
    }

    // MARK: - Helpers

    private func isDigit(at index: Int) -> Bool {
        index < scalars.count && scalars[index].isASCIIDigit
    }

    private mutating func skipDigits() {
        while isDigit(at: position) { position += 1 }
    }

    private static let superscriptDigits: [Unicode.Scalar: Int] = [
        "⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4,
        "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
    ]
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
