import Foundation
import Testing
@testable import ActivationExpr

// Foundation has its own `Expression`; in this file the name means ours.
private typealias Expression = ActivationExpr.Expression

/// The example files in `Grammar/`, found from this file's path.
enum GrammarFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Grammar")

    /// The non-comment, non-blank lines of a file, with their numbers.
    static func examples(_ name: String) throws -> [(line: Int, text: String)] {
        let url = directory.appendingPathComponent(name)
        let content = try String(contentsOf: url, encoding: .utf8)
        return content.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
            .map { (line: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.hasPrefix("#") && !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Replaces `\t`, `\n` and `\u{XXXX}` with the characters they name.
    static func unescape(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let backslash = rest.firstIndex(of: "\\") {
            result += rest[..<backslash]
            let after = rest[rest.index(after: backslash)...]
            if after.hasPrefix("t") {
                result += "\t"
                rest = after.dropFirst()
            } else if after.hasPrefix("n") {
                result += "\n"
                rest = after.dropFirst()
            } else if after.hasPrefix("u{"), let close = after.firstIndex(of: "}"),
                      let code = UInt32(after[after.index(after.startIndex, offsetBy: 2)..<close],
                                        radix: 16),
                      let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
                rest = after[after.index(after: close)...]
            } else {
                result += "\\"
                rest = after
            }
        }
        return result + rest
    }

    /// Splits at " ; " from the right into at most `count` fields.
    static func fields(_ line: String, count: Int) -> [String] {
        var parts: [String] = []
        var rest = line
        while parts.count < count - 1, let range = rest.range(of: " ; ", options: .backwards) {
            parts.insert(String(rest[range.upperBound...]), at: 0)
            rest = String(rest[..<range.lowerBound])
        }
        parts.insert(rest, at: 0)
        return parts
    }
}

@Suite("Grammar example files")
struct GrammarExampleTests {
    @Test("every line of Grammar/valid.txt parses and has its value")
    func validExamples() throws {
        let examples = try GrammarFiles.examples("valid.txt")
        #expect(examples.count > 50)
        for (lineNumber, text) in examples {
            let parts = text.components(separatedBy: " ; ")
            try #require(parts.count >= 3, "valid.txt:\(lineNumber) is malformed")
            let source = GrammarFiles.unescape(parts[0])
            let expected = try #require(Double(parts[parts.count - 1]), "valid.txt:\(lineNumber)")
            var x = 0.0
            var parameters: [String: Double] = [:]
            for binding in parts[1..<(parts.count - 1)] {
                let pair = binding.split(separator: "=", maxSplits: 1).map(String.init)
                let value = try #require(Double(pair[1]), "valid.txt:\(lineNumber)")
                if pair[0] == "x" { x = value } else { parameters[pair[0]] = value }
            }

            let expression: Expression
            do {
                expression = try Expression.parse(source)
            } catch {
                Issue.record("valid.txt:\(lineNumber): \(source) did not parse:\n\(error.diagnostic)")
                continue
            }
            let bound = try expression.bindingParameters(parameters)
            let value = bound.evaluate(at: x)
            let error = expected == 0 ? Swift.abs(value) : Swift.abs(value - expected) / Swift.abs(expected)
            #expect(error <= 1e-14, "valid.txt:\(lineNumber): \(source) = \(value), want \(expected)")

            // Every valid example also survives printing and parsing again.
            let reparsed = try Expression.parse(expression.description)
            #expect(reparsed == expression, "valid.txt:\(lineNumber): printed as \(expression)")
        }
    }

    @Test("every line of Grammar/invalid.txt fails at its column with its message")
    func invalidExamples() throws {
        let examples = try GrammarFiles.examples("invalid.txt")
        #expect(examples.count > 30)
        for (lineNumber, text) in examples {
            let parts = GrammarFiles.fields(text, count: 3)
            try #require(parts.count == 3, "invalid.txt:\(lineNumber) is malformed")
            let source = GrammarFiles.unescape(parts[0])
            let position = parts[1].split(separator: ":").compactMap { Int($0) }
            let (line, column) = position.count == 2 ? (position[0], position[1]) : (1, position[0])
            let fragment = parts[2]

            do {
                let expression = try Expression.parse(source)
                Issue.record("invalid.txt:\(lineNumber): \(source) parsed as \(expression)")
            } catch {
                #expect(error.line == line && error.column == column,
                        "invalid.txt:\(lineNumber): \(source) failed at \(error.line):\(error.column)")
                #expect(error.message.contains(fragment),
                        "invalid.txt:\(lineNumber): message was: \(error.message)")
            }
        }
    }
}
