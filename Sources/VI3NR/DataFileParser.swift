#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The field-by-field reading of a numeric text file, fed a piece at a
/// time so that a file of any size passes through a fixed buffer.
///
/// Each piece handed to `parse` must end just after a line end or a field
/// separator, or within a comment line, so that no field is cut in two;
/// the reader keeps the rest for the next piece. The parser carries what
/// it needs across pieces: the line number, the fields seen on the
/// current line, whether a comma is waiting for its field, whether the
/// line is a comment. Numbers are read with `strtod` where they
/// lie in the buffer, without copying.
struct DataFileParser {
    /// The format in use; `.automatic` until the first content line
    /// decides it.
    private(set) var format: DataFileFormat

    /// The statistics of the numbers read so far.
    var statistics = DataStatisticsAccumulator()

    /// The line being read, from 1.
    private(set) var line = 1

    /// The line of the header, if the file has one.
    private(set) var headerLine: Int?

    /// The number of fields of the first row (or the header).
    private(set) var expectedFields: Int?

    /// Whether any content line (data or header) has been seen.
    var hasContent: Bool { expectedFields != nil }

    /// The fields seen so far on the current line.
    private(set) var fieldsOnLine = 0

    private let fastPath = DecimalFastPath()

    private var lineKind = LineKind.undecided

    /// Whether the current line is a comment; then the next piece starts
    /// inside it (after a cut at a blank), not at a line start.
    private(set) var isCommentLine = false
    private var commaAwaitsField = false

    private enum LineKind {
        case undecided, header, data
    }

    init(format: DataFileFormat) {
        self.format = format
    }

    /// Reads the complete fields in `bytes[0..<count]`.
    ///
    /// `bytes[count]` must be readable (the reader keeps a spare byte),
    /// and `bytes[count − 1]` a line end or a separator.
    mutating func parse(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int
    ) throws(InputDataError) {
        // A piece that starts inside a comment line must not have the
        // comment's tail taken for the first content line.
        if format == .automatic,
           let detected = Self.detectFormat(bytes, count: count, startsInComment: isCommentLine) {
            format = detected
        }
        let isCommaSeparated = format == .commaSeparated

        var position = 0
        while position < count {
            let byte = bytes[position]
            if byte == ASCII.newline {
                try endLine()
                position += 1
            } else if isCommentLine || ASCII.isBlank(byte) {
                position += 1
            } else if fieldsOnLine == 0 && !commaAwaitsField && byte == ASCII.hash {
                isCommentLine = true
                position += 1
            } else if isCommaSeparated && byte == ASCII.comma {
                if fieldsOnLine == 0 || commaAwaitsField {
                    throw .emptyCell(line: line, column: fieldsOnLine + 1)
                }
                commaAwaitsField = true
                position += 1
            } else {
                if isCommaSeparated && fieldsOnLine > 0 && !commaAwaitsField {
                    // Two fields without a comma between them: "1 2,3".
                    // Report the text from the previous field's end.
                    let end = Self.fieldEnd(bytes, from: position, count: count, comma: true)
                    throw .textCell(
                        line: line, column: fieldsOnLine,
                        text: Self.text(bytes, from: position, to: end))
                }
                position = try readField(bytes, at: position, count: count)
                commaAwaitsField = false
            }
        }
    }

}

// MARK: - Fields and lines

private extension DataFileParser {
    /// Reads the field starting at `start` and returns the position just
    /// after it (at the separator or line end).
    mutating func readField(
        _ bytes: UnsafeMutablePointer<UInt8>, at start: Int, count: Int
    ) throws(InputDataError) -> Int {
        let isCommaSeparated = format == .commaSeparated
        fieldsOnLine += 1
        if lineKind == .undecided {
            lineKind = expectedFields == nil ? .undecided : .data
        }

        if let (value, end) = Self.number(
            bytes, at: start, count: count, comma: isCommaSeparated, fastPath: fastPath) {
            switch lineKind {
            case .undecided:
                lineKind = .data
            case .header:
                throw .mixedHeader(
                    line: line, column: fieldsOnLine, text: Self.text(bytes, from: start, to: end))
            case .data:
                break
            }
            guard value.isFinite else {
                throw .nonFiniteCell(
                    line: line, column: fieldsOnLine, text: Self.text(bytes, from: start, to: end))
            }
            statistics.add(value)
            return end
        }

        // Not a plain decimal number: binary, a non-finite word, or text.
        let end = Self.fieldEnd(bytes, from: start, count: count, comma: isCommaSeparated)
        if Self.containsControlBytes(bytes, from: start, to: end) {
            throw .binaryContent(line: line)
        }
        let text = Self.text(bytes, from: start, to: end)
        if Self.isNonFiniteWord(text) {
            if lineKind == .header {
                throw .mixedHeader(line: line, column: fieldsOnLine, text: text)
            }
            throw .nonFiniteCell(line: line, column: fieldsOnLine, text: text)
        }
        switch lineKind {
        case .undecided:
            lineKind = .header
        case .header:
            break
        case .data:
            throw .textCell(line: line, column: fieldsOnLine, text: text)
        }
        return end
    }

    /// Ends the current line: checks its field count and closes the row.
    mutating func endLine() throws(InputDataError) {
        if commaAwaitsField {
            throw .emptyCell(line: line, column: fieldsOnLine + 1)
        }
        if fieldsOnLine > 0 {
            if let expected = expectedFields, fieldsOnLine != expected {
                throw .raggedRow(line: line, expected: expected, found: fieldsOnLine)
            }
            if expectedFields == nil { expectedFields = fieldsOnLine }
            if lineKind == .header { headerLine = line } else { statistics.endRow() }
        }
        line += 1
        fieldsOnLine = 0
        lineKind = .undecided
        isCommentLine = false
    }
}

// MARK: - Bytes

private extension DataFileParser {
    /// A plain decimal number at `start` followed by the end of its field,
    /// and the position after its digits; nil for anything else (`inf`,
    /// `nan`, hexadecimal, trailing text), which the caller classifies.
    static func number(
        _ bytes: UnsafeMutablePointer<UInt8>, at start: Int, count: Int, comma: Bool,
        fastPath: DecimalFastPath
    ) -> (value: Double, end: Int)? {
        var digitsStart = start
        if bytes[start] == ASCII.plus || bytes[start] == ASCII.minus {
            guard start + 1 < count else { return nil }
            digitsStart += 1
        }
        let first = bytes[digitsStart]
        guard ASCII.isDigit(first) || first == ASCII.dot else { return nil }
        // strtod would read hexadecimal; the format is decimal only.
        if first == ASCII.zero
            && (bytes[digitsStart + 1] == ASCII.lowerX || bytes[digitsStart + 1] == ASCII.upperX) {
            return nil
        }

        let parsed = fastPath.parse(bytes, at: start) ?? Self.strtodNumber(bytes, at: start)
        guard let (value, end) = parsed, end > start, end <= count else { return nil }

        // The field must end here: a separator or a line end next; in CSV
        // blanks may come first.
        var index = end
        if comma {
            while ASCII.isBlank(bytes[index]) { index += 1 }
            guard bytes[index] == ASCII.comma || bytes[index] == ASCII.newline else { return nil }
        } else {
            guard ASCII.isBlank(bytes[index]) || bytes[index] == ASCII.newline else { return nil }
        }
        return (value, end)
    }

    /// C's `strtod` at `start`: the value and the position after it, nil
    /// when it reads nothing.
    static func strtodNumber(
        _ bytes: UnsafeMutablePointer<UInt8>, at start: Int
    ) -> (value: Double, end: Int)? {
        var endPointer: UnsafeMutablePointer<CChar>?
        let startPointer = UnsafeMutableRawPointer(bytes + start)
            .assumingMemoryBound(to: CChar.self)
        let value = strtod(startPointer, &endPointer)
        guard let endPointer else { return nil }
        let end = start + (UnsafeMutableRawPointer(endPointer)
            - UnsafeMutableRawPointer(bytes + start))
        return end > start ? (value, end) : nil
    }

    /// The end of the field starting at `start`: the next separator or
    /// line end (for CSV, trailing blanks are left to the main loop).
    static func fieldEnd(
        _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, count: Int, comma: Bool
    ) -> Int {
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.newline { break }
            if comma ? byte == ASCII.comma : (byte == ASCII.space || byte == ASCII.tab) { break }
            index += 1
        }
        return index
    }

    /// Whether `bytes[start..<end]` holds a control byte other than tab
    /// and carriage return (NUL, escape, DEL, ...).
    static func containsControlBytes(
        _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int
    ) -> Bool {
        for index in start..<end {
            let byte = bytes[index]
            if (byte < 0x20 && byte != ASCII.tab && byte != ASCII.carriageReturn) || byte == 0x7F {
                return true
            }
        }
        return false
    }

    /// The field's text for a message: blanks trimmed, at most 40
    /// characters, invalid UTF-8 repaired.
    static func text(_ bytes: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> String {
        var last = end
        while last > start, ASCII.isBlank(bytes[last - 1]) {
            last -= 1
        }
        let field = String(decoding: UnsafeBufferPointer(start: bytes + start, count: last - start),
                           as: UTF8.self)
        return field.count > 40 ? String(field.prefix(40)) + "…" : field
    }

    /// `nan`, `inf`, `infinity` in any case, with an optional sign.
    static func isNonFiniteWord(_ text: String) -> Bool {
        var word = text.lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return ["nan", "inf", "infinity"].contains(word)
    }
}

extension DataFileParser {
    /// The format of the first content line in `bytes[0..<count]`:
    /// comma-separated when it has a comma; nil when there is no content
    /// line in it.
    ///
    /// `startsInComment`: the bytes up to the first line end are the tail
    /// of a comment line begun in an earlier piece (the reader cuts a long
    /// line at a blank), so they are skipped whatever they hold.
    ///
    /// Known limit: a first content line longer than the piece is judged
    /// on the part in the piece (about 1 MiB with the default buffer): a
    /// comma only beyond it is not seen, and the file is read as
    /// whitespace-separated. `DataFileFormat` can be given explicitly.
    static func detectFormat(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int, startsInComment: Bool = false
    ) -> DataFileFormat? {
        var lineStart = 0
        if startsInComment {
            while lineStart < count && bytes[lineStart] != ASCII.newline { lineStart += 1 }
            lineStart += 1
        }
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, ASCII.isBlank(bytes[first]) {
                first += 1
            }
            if first < lineEnd && bytes[first] != ASCII.hash {
                for index in first..<lineEnd where bytes[index] == ASCII.comma {
                    return .commaSeparated
                }
                return .whitespaceSeparated
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Whether all of `bytes[0..<count]`, a piece without a line end, lies
    /// in a comment line: the current line is one, or the piece is its
    /// start (blanks so far, then `#`). Such a piece may be cut anywhere,
    /// as its bytes are skipped; so a comment line has no length limit.
    func isWithinCommentLine(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        if isCommentLine { return true }
        guard fieldsOnLine == 0 && !commaAwaitsField else { return false }
        var index = 0
        while index < count, ASCII.isBlank(bytes[index]) {
            index += 1
        }
        return index < count && bytes[index] == ASCII.hash
    }
}

/// The bytes the parser looks for (computed, so that they fold to
/// constants in the byte loops).
enum ASCII {
    static var newline: UInt8 { 0x0A }
    static var carriageReturn: UInt8 { 0x0D }
    static var space: UInt8 { 0x20 }
    static var tab: UInt8 { 0x09 }
    static var comma: UInt8 { 0x2C }
    static var hash: UInt8 { 0x23 }
    static var plus: UInt8 { 0x2B }
    static var minus: UInt8 { 0x2D }
    static var dot: UInt8 { 0x2E }
    static var zero: UInt8 { 0x30 }
    static var lowerE: UInt8 { 0x65 }
    static var upperE: UInt8 { 0x45 }
    static var lowerX: UInt8 { 0x78 }
    static var upperX: UInt8 { 0x58 }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    /// Space, tab or carriage return: blanks within a line.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
