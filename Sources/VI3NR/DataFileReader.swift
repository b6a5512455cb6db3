#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a data file through a fixed buffer into a `DataFileParser`.
///
/// The buffer is filled, cut after its last line end (or, for a line
/// longer than the buffer, after its last field separator, or anywhere in
/// a comment line), the complete part parsed, and the rest moved to the
/// front before the next read.
/// Memory stays at the buffer's size whatever the file's.
enum DataFileReader {
    /// Bytes read at a time; also the longest field accepted.
    static let bufferCapacity = 1 << 20

    /// Reads an open file to its end.
    static func read(
        descriptor: Int32, path: String, into parser: inout DataFileParser,
        bufferCapacity capacity: Int = bufferCapacity
    ) throws(InputDataError) {
        // Two spare bytes: a line end added after a last line without
        // one, and a NUL that stops `strtod` at the end of the data.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 2)
        defer { buffer.deallocate() }
        var filled = 0
        var isAtStart = true

        while true {
            let count = Glibc.read(descriptor, buffer + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: path, reason: String(cString: strerror(errno)))
            }
            filled += count
            let isAtEnd = count == 0
            if isAtStart && (filled >= 3 || isAtEnd) {
                filled = skipByteOrderMark(buffer, count: filled)
                isAtStart = false
            }
            if isAtEnd {
                try parseLast(buffer, count: filled, into: &parser)
                return
            }
            guard filled == capacity else { continue }

            let cut = cutPoint(buffer, count: filled, parser: parser)
            guard cut > 0 else {
                try rejectBinary(buffer, count: filled, line: parser.line)
                throw .cellTooLong(
                    line: parser.line, column: parser.fieldsOnLine + 1, limit: capacity)
            }
            try rejectBinary(buffer, count: cut, line: parser.line)
            try parser.parse(buffer, count: cut)
            memmove(buffer, buffer + cut, filled - cut)
            filled -= cut
        }
    }

    /// Reads bytes held in memory.
    static func read(
        bytes: inout [UInt8], path: String, into parser: inout DataFileParser
    ) throws(InputDataError) {
        bytes.append(contentsOf: [0, 0])
        let result: Result<Void, InputDataError> = bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .success(()) }
            let count = skipByteOrderMark(base, count: buffer.count - 2)
            do throws(InputDataError) {
                try parseLast(base, count: count, into: &parser)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}

private extension DataFileReader {
    /// Parses the final piece, with a line end added when the file does
    /// not end with one. `buffer` must have two spare bytes.
    ///
    /// An empty final piece gets a line end too: the previous piece may
    /// have ended at a field separator of a last line without a line end
    /// (`3 4 ` filling the buffer exactly), and that line must still be
    /// finished, or its row is lost. After a line end the extra one is a
    /// blank line, which changes nothing.
    static func parseLast(
        _ buffer: UnsafeMutablePointer<UInt8>, count: Int, into parser: inout DataFileParser
    ) throws(InputDataError) {
        var count = count
        if count == 0 || buffer[count - 1] != ASCII.newline {
            buffer[count] = ASCII.newline
            count += 1
        }
        buffer[count] = 0
        try rejectBinary(buffer, count: count, line: parser.line)
        try parser.parse(buffer, count: count)
    }

    /// Drops a UTF-8 byte-order mark at the start; returns the new count.
    static func skipByteOrderMark(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else {
            return count
        }
        memmove(buffer, buffer + 3, count - 3)
        return count - 3
    }

    /// Where to cut a full buffer: after the last line end, else (one
    /// line fills it) anywhere in a comment line, else after the last
    /// field separator; 0 when there is none.
    static func cutPoint(
        _ buffer: UnsafeMutablePointer<UInt8>, count: Int, parser: DataFileParser
    ) -> Int {
        var index = count
        while index > 0 {
            index -= 1
            if buffer[index] == ASCII.newline { return index + 1 }
        }
        if parser.isWithinCommentLine(buffer, count: count) { return count }

        // Not in a comment, so the buffer starts at a line start, after
        // blanks, or within a content line whose format is already known.
        let resolved = parser.format == .automatic
            ? DataFileParser.detectFormat(buffer, count: count) ?? .whitespaceSeparated
            : parser.format
        index = count
        while index > 0 {
            index -= 1
            let byte = buffer[index]
            let isSeparator = resolved == .commaSeparated
                ? byte == ASCII.comma
                : byte == ASCII.space || byte == ASCII.tab
            if isSeparator { return index + 1 }
        }
        return 0
    }

    /// Throws `.binaryContent` when `buffer[0..<count]` holds a NUL byte,
    /// naming its line (`line` is the line at the start of the buffer).
    static func rejectBinary(
        _ buffer: UnsafeMutablePointer<UInt8>, count: Int, line: Int
    ) throws(InputDataError) {
        guard count > 0, let found = memchr(buffer, 0, count) else { return }
        let offset = UnsafeMutableRawPointer(found) - UnsafeMutableRawPointer(buffer)
        var newlines = 0
        for index in 0..<offset where buffer[index] == ASCII.newline { newlines += 1 }
        throw .binaryContent(line: line + newlines)
    }
}
