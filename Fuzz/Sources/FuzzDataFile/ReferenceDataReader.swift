import VI3NR

/// A second reader of data files, written from the rules documented on
/// `InputDataStatistics` rather than from its code, as simply as
/// possible: the whole file in memory, split into lines, lines into
/// fields, each field parsed by Swift's `Double(String)`.
///
/// It says only whether a file is acceptable and, if so, its shape and
/// cells; it does not try to name the same error. Where the rules leave
/// a case open it answers `.ambiguous` and the fuzzer compares nothing:
/// a carriage return inside a line (the reader treats it as a blank
/// between numbers but as part of a text field), and numbers so large
/// that the second moment is near the top of the range of doubles.
enum ReferenceDataReader {
    enum Outcome {
        case success(rows: Int, columns: Int, cells: [Double])
        case failure(String)
        case ambiguous
    }

    static func read(_ contents: [UInt8], format: DataFileFormat) -> Outcome {
        var bytes = contents[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0) { return .failure("a NUL byte") }
        for (index, byte) in zip(bytes.indices, bytes) where byte == 0x0D {
            let next = index + 1
            if next < bytes.endIndex && bytes[next] != 0x0A { return .ambiguous }
        }

        var resolvedFormat = format
        var expectedColumns: Int?
        var sawHeader = false
        var rows = 0
        var cells: [Double] = []

        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let content = line.drop(while: isBlank)
            guard let first = content.first, first != 0x23 else { continue }  // blank, comment

            if resolvedFormat == .automatic {
                resolvedFormat = line.contains(0x2C) ? .commaSeparated : .whitespaceSeparated
            }
            guard let fields = fields(of: line, format: resolvedFormat) else {
                return .failure("an empty CSV field")
            }
            if fields.contains(where: isNonFiniteWord) { return .failure("nan or inf") }
            if fields.contains(where: hasControlByte) { return .failure("a control byte") }
            let numbers = fields.map(number)

            if expectedColumns == nil {
                expectedColumns = fields.count
                if numbers.allSatisfy({ $0 == nil }) {
                    sawHeader = true
                    continue
                }
            }
            guard fields.count == expectedColumns else { return .failure("a ragged row") }
            guard numbers.allSatisfy({ $0 != nil }) else { return .failure("a text cell") }
            guard numbers.allSatisfy({ $0!.isFinite }) else { return .failure("a huge number") }
            cells += numbers.map { $0! }
            rows += 1
        }
        guard rows > 0, let columns = expectedColumns else {
            return .failure(sawHeader ? "a header and no numbers" : "no content")
        }

        // The second moment mean(x²), scaled so that it cannot overflow
        // on the way: beyond the range of doubles the file is refused;
        // close to it, the reader's own sums may overflow first.
        let largest = cells.reduce(0) { max($0, abs($1)) }
        if largest > 0 {
            let scaled = cells.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }
            let secondMoment = scaled / Double(cells.count) * largest * largest
            if !secondMoment.isFinite { return .failure("a second moment beyond doubles") }
            if secondMoment > 1e300 || largest > 1e150 { return .ambiguous }
        }
        return .success(rows: rows, columns: columns, cells: cells)
    }

    /// Space, tab and carriage return.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    /// The fields of a line; nil for an empty CSV field.
    static func fields(of line: ArraySlice<UInt8>, format: DataFileFormat) -> [String]? {
        if format == .commaSeparated {
            var result: [String] = []
            for field in line.split(separator: 0x2C, omittingEmptySubsequences: false) {
                let trimmed = field.drop(while: isBlank).reversed().drop(while: isBlank).reversed()
                if trimmed.isEmpty { return nil }
                result.append(String(decoding: trimmed, as: UTF8.self))
            }
            return result
        }
        return line.split(whereSeparator: isBlank).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A decimal number: an optional sign, then a digit or a point, no
    /// hexadecimal prefix, and the whole field read by `Double(String)`.
    static func number(_ field: String) -> Double? {
        var body = Substring(field)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else {
            return nil
        }
        if body.hasPrefix("0x") || body.hasPrefix("0X") { return nil }
        return Double(field)
    }

    static func isNonFiniteWord(_ field: String) -> Bool {
        var word = field.lowercased()[...]
        if word.first == "+" || word.first == "-" { word = word.dropFirst() }
        return ["nan", "inf", "infinity"].contains(word)
    }

    /// A control byte other than tab and carriage return.
    static func hasControlByte(_ field: String) -> Bool {
        field.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F }
    }
}
