@testable import VI3NR

#if canImport(Glibc)
import Glibc
#endif

/// The promises of the data-file reader that the fuzzer checks:
///
/// - A file read through a small buffer (many pieces, cut at line ends
///   and separators) gives exactly what one piece gives: the
///   same statistics, bit for bit (the accumulator sees the same numbers
///   in the same order), or the same error. Exceptions, each a documented
///   limit: a field longer than the small buffer (`cellTooLong`); a NUL
///   byte, which the reader finds a whole buffer at a time, so it may be
///   reported before or after an earlier parse error; and automatic
///   format detection on a first line longer than the buffer (it decides
///   on the part it sees).
/// - Reading the same bytes from memory (`init(text:)`) gives the same
///   outcome as reading them from a file.
/// - Statistics are sane: at least one row and column, finite values,
///   `minimum ≤ mean ≤ maximum`, `secondMoment = mean² + sd²`.
/// - An independent reader written from the documented rules
///   (`ReferenceDataReader`) accepts exactly the files the reader
///   accepts, with the same shape and values.
enum DataFileChecks {
    static let smallCapacities = [5, 8, 13, 32, 64]
    static let wholeCapacity = 1 << 13
    static let formats: [DataFileFormat] = [.automatic, .commaSeparated, .whitespaceSeparated]

    static func check(selector: UInt8, contents: [UInt8]) {
        let format = formats[Int(selector) % formats.count]
        let capacity = smallCapacities[Int(selector / 3) % smallCapacities.count]
        let path = ScratchFile.shared.write(contents)

        // A buffer larger than any input (-max_len is 4096) reads the file
        // in one piece, as the default 1 MiB buffer does, at a fraction of
        // the cost of allocating 1 MiB per input.
        let whole = outcome { () throws(InputDataError) in
            try InputDataStatistics(
                contentsOfFile: path, format: format, bufferCapacity: wholeCapacity)
        }
        let pieces = outcome { () throws(InputDataError) in
            try InputDataStatistics(
                contentsOfFile: path, format: format, bufferCapacity: capacity)
        }
        compareWholeAndPieces(whole, pieces, contents: contents, format: format,
                              capacity: capacity)

        if let text = String(validating: contents, as: UTF8.self) {
            let fromText = outcome { () throws(InputDataError) in
                try InputDataStatistics(text: text, format: format, name: path)
            }
            guard fromText == whole else {
                fail("text \(fromText) but file \(whole)", contents: contents)
            }
        }

        if case .success(let statistics) = whole {
            checkSanity(statistics, contents: contents)
        }
        compareWithReference(whole, contents: contents, format: format)
    }

    typealias Outcome = Result<InputDataStatistics, InputDataError>

    static func outcome(_ read: () throws(InputDataError) -> InputDataStatistics) -> Outcome {
        do throws(InputDataError) {
            return .success(try read())
        } catch {
            return .failure(error)
        }
    }

    static func compareWholeAndPieces(
        _ whole: Outcome, _ pieces: Outcome, contents: [UInt8], format: DataFileFormat,
        capacity: Int
    ) {
        if whole == pieces { return }
        if case .failure(.cellTooLong) = pieces { return }
        if case .failure(.binaryContent) = pieces, case .failure = whole { return }
        if case .failure(.binaryContent) = whole, case .failure = pieces { return }
        if format == .automatic, firstContentLineLength(contents) >= capacity { return }
        fail("through a \(capacity)-byte buffer \(pieces), in one piece \(whole)",
             contents: contents)
    }

    /// The length of the first line that is not blank or a comment.
    static func firstContentLineLength(_ contents: [UInt8]) -> Int {
        for line in contents.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let content = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if let first = content.first, first != 0x23 { return line.count }
        }
        return 0
    }

    static func checkSanity(_ statistics: InputDataStatistics, contents: [UInt8]) {
        let values = [statistics.mean, statistics.standardDeviation, statistics.secondMoment,
                      statistics.minimum, statistics.maximum]
        let spread = Swift.max(Swift.abs(statistics.minimum), Swift.abs(statistics.maximum))
        let slack = 1e-12 * spread
        let identity = statistics.mean * statistics.mean
            + statistics.standardDeviation * statistics.standardDeviation
        guard statistics.rows >= 1, statistics.columns >= 1,
              values.allSatisfy(\.isFinite), statistics.standardDeviation >= 0,
              statistics.minimum - slack <= statistics.mean,
              statistics.mean <= statistics.maximum + slack,
              Swift.abs(identity - statistics.secondMoment)
                <= 1e-12 * Swift.max(statistics.secondMoment, Double.leastNormalMagnitude)
        else {
            fail("insane statistics \(statistics)", contents: contents)
        }
    }

    static func compareWithReference(
        _ whole: Outcome, contents: [UInt8], format: DataFileFormat
    ) {
        let reference = ReferenceDataReader.read(contents, format: format)
        switch (whole, reference) {
        case (.failure, .failure), (_, .ambiguous):
            return
        case (.success(let statistics), .success(let rows, let columns, let cells)):
            let mean = cells.reduce(0, +) / Double(cells.count)
            let scale = cells.reduce(0) { Swift.max($0, Swift.abs($1)) }
            guard statistics.rows == rows, statistics.columns == columns,
                  statistics.minimum == cells.min(), statistics.maximum == cells.max(),
                  Swift.abs(statistics.mean - mean) <= 1e-12 * scale
            else {
                fail("reader \(statistics), reference \(rows)×\(columns) mean \(mean)",
                     contents: contents)
            }
        case (.success(let statistics), .failure(let reason)):
            fail("reader accepted \(statistics), reference refuses: \(reason)", contents: contents)
        case (.failure(let error), .success):
            fail("reader refused (\(error)), reference accepts", contents: contents)
        }
    }
}

/// One scratch file per process, rewritten for every input.
final class ScratchFile: @unchecked Sendable {
    static let shared = ScratchFile()

    let path: String
    let descriptor: Int32

    private init() {
        var template = Array("/tmp/vi3nr-fuzz-data-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func write(_ bytes: [UInt8]) -> String {
        ftruncate(descriptor, 0)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + written, bytes.count - written, off_t(written))
            }
            guard count > 0 else { break }
            written += count
        }
        return path
    }
}

/// Ends the process with a message naming the broken promise and the
/// input, so that libFuzzer records the input as a crash.
func fail(_ message: String, contents: [UInt8]) -> Never {
    let shown = String(decoding: contents.prefix(300), as: UTF8.self).debugDescription
    let report = "FUZZ FAILURE: \(message)\n  file: \(shown)\n"
    _ = report.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}
