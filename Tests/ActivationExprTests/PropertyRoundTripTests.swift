import Testing
@testable import ActivationExpr

/// Print → parse is the identity, on more than the parser-shaped trees of
/// `PrinterTests.roundTrip`: on trees the simplifier and the derivative
/// build through their constructors (which the parser never produces
/// directly), on several seeds, and on the same text respelt the ways the
/// grammar allows (white space, `×`, `−`, `**`, `≤`, `π`, superscripts).
@Suite("Properties: print → parse")
struct PropertyRoundTripTests {
    static let parameterNames = ["a", "w0", "s_1"]

    /// Whether a parse error is one of the refusals a random tree may
    /// earn: a constant part that is not finite, or a division by 0.
    static func isConstantRefusal(_ error: ParseError) -> Bool {
        error.message.hasPrefix("the constant part") || error.message.hasPrefix("division by zero")
    }

    @Test("parsed, simplified and differentiated trees print as text that parses back equal",
          arguments: propertySeeds)
    func derivedTreesRoundTrip(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed)
        random.parameters = Self.parameterNames
        var checked = (parsed: 0, simplified: 0, derivative: 0)

        for _ in 0..<400 {
            let tree = random.expression(depth: 6)
            let parsed: Expression
            do {
                parsed = try Expression.parse(tree.description)
            } catch {
                #expect(Self.isConstantRefusal(error), "\(tree): \(error)")
                continue
            }
            #expect(parsed == tree, "\(tree.description) read back as \(parsed)")
            checked.parsed += 1

            let values = random.values(for: parsed.parameterNames)
            guard let simplified = try? parsed.bindingParameters(values).simplified() else {
                continue
            }
            if try roundTrips(simplified) { checked.simplified += 1 }
            guard let derivative = try? simplified.derivative() else { continue }
            if try roundTrips(derivative) { checked.derivative += 1 }
        }
        #expect(checked.parsed > 250)
        #expect(checked.simplified > 200)
        #expect(checked.derivative > 150)
    }

    /// Checks that `tree` prints and parses back equal; false when the
    /// printed text is beyond the parser's limits (a derivative may be).
    func roundTrips(_ tree: Expression) throws -> Bool {
        let printed = tree.description
        do {
            let reparsed = try Expression.parse(printed)
            #expect(reparsed == tree, "\(printed) read back as \(reparsed)")
            return true
        } catch {
            let isLimit = error.message.contains("nested more than")
                || error.message.contains("longer than the limit")
            #expect(isLimit, "\(printed) does not parse: \(error)")
            return false
        }
    }

    @Test("respelt text (white space, ×, −, **, ≤, π, superscripts) parses to the same tree",
          arguments: propertySeeds)
    func respeltTextParsesTheSame(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed &+ 1)
        random.parameters = Self.parameterNames
        var respeller = Respeller(generator: SeededGenerator(seed: seed &+ 2))
        var checked = 0

        for _ in 0..<400 {
            let tree = random.expression(depth: 6)
            guard let parsed = try? Expression.parse(tree.description) else { continue }
            let respelt = try respeller.respell(parsed.description)
            do {
                let reparsed = try Expression.parse(respelt)
                #expect(reparsed == parsed, "\(respelt.debugDescription) read as \(reparsed)")
                checked += 1
            } catch {
                Issue.record(
                    "\(respelt.debugDescription) (from \(parsed)) does not parse: \(error)")
            }
        }
        #expect(checked > 250)
    }
}

/// Rewrites printed text token by token into another spelling the
/// grammar gives the same meaning: random white space between tokens
/// (including line breaks and Unicode spaces) and the alternative
/// spellings of operators, `pi` and small integer powers.
struct Respeller {
    var generator: SeededGenerator

    static let spaces = ["", "", "", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2003}"]
    static let spellings: [String: [String]] = [
        "*": ["*", "×", "·", "⋅", "∗"],
        "/": ["/", "÷", "∕"],
        "-": ["-", "−", "–"],
        "^": ["^", "**"],
        "<=": ["<=", "≤"],
        ">=": [">=", "≥"],
        "!=": ["!=", "≠"],
        "pi": ["pi", "π"],
    ]
    static let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    mutating func respell(_ text: String) throws -> String {
        let scalars = Array(text.unicodeScalars)
        let tokens = try Lexer.tokenize(scalars)
        let pieces = tokens.map { token in
            String(String.UnicodeScalarView(scalars[token.range]))
        }

        var output = ""
        var index = 0
        while index < tokens.count {
            output += Self.spaces.randomElement(using: &generator)!
            if let superscript = superscriptPower(pieces, tokens, at: index) {
                output += superscript.text
                index += superscript.tokenCount
                continue
            }
            let piece = pieces[index]
            output += Self.spellings[piece]?.randomElement(using: &generator) ?? piece
            index += 1
        }
        return output
    }

    /// `^2` as `²` and `^-12` as `⁻¹²`, half the time, where the exponent
    /// is a plain integer literal and no further `^` follows (a
    /// superscript power takes no exponent of its own).
    mutating func superscriptPower(
        _ pieces: [String], _ tokens: [Token], at index: Int
    ) -> (text: String, tokenCount: Int)? {
        guard pieces[index] == "^", Bool.random(using: &generator) else { return nil }
        var next = index + 1
        var text = ""
        if next < pieces.count, pieces[next] == "-" {
            text = "⁻"
            next += 1
        }
        guard next < pieces.count, case .number = tokens[next].kind,
              pieces[next].allSatisfy(\.isASCII), pieces[next].allSatisfy(\.isNumber),
              next + 1 >= pieces.count || pieces[next + 1] != "^" else { return nil }
        for digit in pieces[next] {
            text.append(Self.superscripts[Int(String(digit))!])
        }
        return (text, next + 1 - index)
    }
}
