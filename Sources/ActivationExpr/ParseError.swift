/// An expression that could not be read, with where and why.
///
/// `diagnostic` renders the message, the source line and a caret under
/// the fault:
///
///     unknown function 'sinn'; did you mean 'sin'? (column 1)
///     sinn(30*x)
///     ^~~~
///
/// Lines and columns count from 1; columns count Unicode scalars, so a
/// caret under text with wide or combining characters can sit slightly
/// off, while the column number stays exact.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in one sentence: "expected ')' to close the '(' at
    /// column 4, found end of input".
    public let message: String

    /// The line of the fault, from 1.
    public let line: Int

    /// The column of the fault within its line, from 1, in Unicode
    /// scalars.
    public let column: Int

    /// How many columns the fault spans (at least 1).
    public let length: Int

    /// The source line of the fault as shown in `diagnostic`: control
    /// characters and tabs replaced so that the caret lines up, and a
    /// very long line cut to a window around the fault (marked with `…`).
    public let sourceLine: String

    /// Where in `sourceLine` the caret goes, from 0.
    let caretOffset: Int

    /// Three lines: the message with its position, the source line, and a
    /// caret (`^`, with `~` under the rest of the faulty token).
    public var diagnostic: String {
        let caret = String(repeating: " ", count: caretOffset) + "^"
            + String(repeating: "~", count: max(0, length - 1))
        return "\(message) (\(position))\n\(sourceLine)\n\(caret)"
    }

    /// `line 2, column 5`, or just `column 5` for one-line input.
    public var position: String {
        line == 1 && !isMultiline ? "column \(column)" : "line \(line), column \(column)"
    }

    /// `1:5: message`.
    public var description: String { "\(line):\(column): \(message)" }

    /// True when the source had more than one line.
    let isMultiline: Bool
}

extension ParseError {
    /// The error for `range` (offsets into `scalars`) with `message`.
    init(message: String, range: Range<Int>, in scalars: [Unicode.Scalar]) {
        let offset = min(range.lowerBound, scalars.count)

        // Find the line holding the fault.
        var lineNumber = 1
        var lineStart = 0
        for index in 0..<offset where scalars[index] == "\n" {
            lineNumber += 1
            lineStart = index + 1
        }
        var lineEnd = offset
        while lineEnd < scalars.count && scalars[lineEnd] != "\n" && scalars[lineEnd] != "\r" {
            lineEnd += 1
        }
        let column = offset - lineStart + 1
        let length = max(1, min(range.upperBound, lineEnd) - offset)

        // Show at most a window of the line around the fault.
        let window = ParseError.displayWindow
        var shownStart = lineStart
        var prefix = ""
        if offset - lineStart > window {
            shownStart = offset - window
            prefix = "…"
        }
        var shownEnd = lineEnd
        var suffix = ""
        if lineEnd - offset > window {
            shownEnd = offset + window
            suffix = "…"
        }
        let shown = scalars[shownStart..<shownEnd].map(ParseError.displayed)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: shown)

        self.init(
            message: message,
            line: lineNumber,
            column: column,
            length: min(length, shownEnd - offset + 1),
            sourceLine: prefix + String(text) + suffix,
            caretOffset: offset - shownStart + (prefix.isEmpty ? 0 : 1),
            isMultiline: scalars.contains("\n")
        )
    }

    /// How many scalars on each side of the fault a diagnostic shows.
    static let displayWindow = 60

    /// A scalar as the diagnostic shows it: one visible column for each
    /// scalar, so that the caret stays under the fault.
    static func displayed(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" || scalar.properties.isWhitespace { return " " }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator,
             .nonspacingMark, .enclosingMark, .surrogate, .unassigned:
            return "\u{FFFD}"
        default:
            return scalar
        }
    }
}
