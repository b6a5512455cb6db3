#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The field-by-field reading of a numeric text file, fed a piece at a
/// time so that a file of any size passes through a fixed buffer.
///
/// Each piece handed to `parse` must end just after a line end or a field
/// separator, so that no field is cut in two; the reader keeps the rest
/// for the next piece. The parser carries what it needs across pieces:
/// the line number, the fields seen on the current line, whether a comma
/// is waiting for its field. Numbers are read with `strtod` where they
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

    private var lineKind = LineKind.undecided
    private var isCommentLine = false
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
        if format == .automatic, let detected = Self.detectFormat(bytes, count: count) {
            format = detected
        }
        let isCommaSeparated = format == .commaSeparated

        var position = 0
        while position < count {
            let byte = bytes[position]
            if byte == ASCII.newline {
                try endLine()
                position += 1
            } else if isCommentLine || byte == ASCII.space || byte == ASCII.tab
                        || byte == ASCII.carriageReturn {
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

        if let (value, end) = Self.number(bytes, at: start, count: count, comma: isCommaSeparated) {
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
        _ bytes: UnsafeMutablePointer<UInt8>, at start: Int, count: Int, comma: Bool
    ) -> (value: Double, end: Int)? {
        var first = bytes[start]
        if first == ASCII.plus || first == ASCII.minus {
            guard start + 1 < count else { return nil }
            first = bytes[start + 1]
        }
        guard ASCII.isDigit(first) || first == ASCII.dot else { return nil }

        var endPointer: UnsafeMutablePointer<CChar>?
        let startPointer = UnsafeMutableRawPointer(bytes + start)
            .assumingMemoryBound(to: CChar.self)
        let value = strtod(startPointer, &endPointer)
        guard let endPointer else { return nil }
        let end = start + (UnsafeMutableRawPointer(endPointer)
            - UnsafeMutableRawPointer(bytes + start))
        guard end > start, end <= count else { return nil }
        for index in start..<end where bytes[index] == ASCII.lowerX || bytes[index] == ASCII.upperX {
            return nil
        }

        // The field must end here: a separator or a line end next.
        let next = bytes[end]
        let isFieldEnd = next == ASCII.newline || next == ASCII.space || next == ASCII.tab
            || next == ASCII.carriageReturn || (comma && next == ASCII.comma)
        guard isFieldEnd else { return nil }
        if comma {
            // Spaces may follow a CSV number, then a comma or the line end.
            var index = end
            while bytes[index] == ASCII.space || bytes[index] == ASCII.tab
                    || bytes[index] == ASCII.carriageReturn {
                index += 1
            }
            guard bytes[index] == ASCII.comma || bytes[index] == ASCII.newline else { return nil }
        }
        return (value, end)
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
        while last > start, [ASCII.space, ASCII.tab, ASCII.carriageReturn].contains(bytes[last - 1]) {
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
    static func detectFormat(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int
    ) -> DataFileFormat? {
        var lineStart = 0
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, [ASCII.space, ASCII.tab, ASCII.carriageReturn]
                    .contains(bytes[first]) {
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
}

/// The bytes the parser looks for.
enum ASCII {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let comma = UInt8(ascii: ",")
    static let hash = UInt8(ascii: "#")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let lowerX = UInt8(ascii: "x")
    static let upperX = UInt8(ascii: "X")

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
