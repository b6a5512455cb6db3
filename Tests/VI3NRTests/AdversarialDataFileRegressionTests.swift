import Foundation
import Testing
@testable import VI3NR

/// Data files that the fuzzer (scripts/fuzz.sh 600 FuzzDataFile) found
/// read differently through a small buffer than in one piece.
@Suite("Adversarial data files: fuzz regressions")
struct AdversarialDataFileRegressionTests {
    /// Reads `text` from a temporary file through a buffer of `capacity`
    /// bytes.
    func read(
        _ text: String, format: DataFileFormat, capacity: Int
    ) throws -> Result<InputDataStatistics, InputDataError> {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile(text, named: "data.txt", in: directory)
        do throws(InputDataError) {
            return .success(try InputDataStatistics(
                contentsOfFile: path, format: format, bufferCapacity: capacity))
        } catch {
            return .failure(error)
        }
    }

    /// Reads raw `bytes` (which need not be UTF-8) through a buffer of
    /// `capacity` bytes.
    func read(
        bytes: [UInt8], format: DataFileFormat, capacity: Int
    ) throws -> Result<InputDataStatistics, InputDataError> {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile(bytes: bytes, named: "data.txt", in: directory)
        do throws(InputDataError) {
            return .success(try InputDataStatistics(
                contentsOfFile: path, format: format, bufferCapacity: capacity))
        } catch {
            return .failure(error)
        }
    }

    /// A comment line cut at a blank left its tail at the start of the
    /// next piece, and automatic detection took that tail for the first
    /// content line: `# c…<tab>…` then `1,2` was read as whitespace-
    /// separated ('2,4' is not a number) through a 5-byte buffer, and
    /// `#rly ,3` then ` 4` as comma-separated.
    @Test("automatic format detection skips the tail of a comment cut at a blank")
    func commentTailIsNotTheFirstContentLine() throws {
        // The fuzzer's input: invalid UTF-8 in the comment, a tab to cut at.
        let bytes: [UInt8] = Array("# c".utf8) + [0xFF, 0xFF, 0xFF, 0x09, 0xFF]
            + Array("\n1,2\n2,4\n".utf8)
        for capacity in [5, 2, 3, 4, 6, 7, 8, 13, 1 << 13] {
            let statistics = try read(bytes: bytes, format: .automatic, capacity: capacity).get()
            // Cells 1, 2, 2, 4: mean 9/4, mean of squares (1+4+4+16)/4 = 25/4.
            #expect(statistics.format == .commaSeparated, "capacity \(capacity)")
            #expect(statistics.rows == 2 && statistics.columns == 2, "capacity \(capacity)")
            #expect(statistics.mean == 2.25 && statistics.secondMoment == 6.25)
            #expect(statistics.minimum == 1 && statistics.maximum == 4)
            #expect(statistics.headerLine == nil)
        }

        // The other way round: a comma in the comment's tail, none in the data.
        for capacity in [5, 2, 3, 4, 6, 8, 1 << 13] {
            let statistics = try read("#rly ,3\n 4", format: .automatic, capacity: capacity).get()
            #expect(statistics.format == .whitespaceSeparated, "capacity \(capacity)")
            #expect(statistics.rows == 1 && statistics.columns == 1 && statistics.mean == 4)
        }
    }

    /// A comment line longer than the buffer with no blank to cut at was
    /// refused as a field too long; a comment has no fields, and its
    /// bytes are skipped wherever the buffer cuts it.
    @Test("a comment line longer than the buffer, without blanks")
    func longCommentWithoutBlanks() throws {
        let comment = "#" + String(repeating: "x", count: 100)
        // Cells 1, 2, 3, 4: mean 5/2, mean of squares 30/4.
        let cases: [(text: String, format: DataFileFormat, expected: DataFileFormat)] = [
            (comment + "\n1 2\n3 4\n", .automatic, .whitespaceSeparated),
            ("  \t" + comment + ",,\n1,2\n3,4\n", .automatic, .commaSeparated),
            ("1,2\n" + comment + "\n3,4\n", .commaSeparated, .commaSeparated),
            ("1 2\n " + comment + "\n3 4", .whitespaceSeparated, .whitespaceSeparated),
        ]
        for (text, format, expected) in cases {
            for capacity in [3, 5, 8, 32] {
                let statistics = try read(text, format: format, capacity: capacity).get()
                #expect(statistics.format == expected, "capacity \(capacity): \(text)")
                #expect(statistics.rows == 2 && statistics.columns == 2)
                #expect(statistics.mean == 2.5 && statistics.secondMoment == 7.5)
            }
        }

        // A long field is still refused: only comments may be cut anywhere.
        let field = "1 " + String(repeating: "7", count: 40) + "\n"
        let refused = try read(field, format: .automatic, capacity: 8)
        #expect(refused == .failure(.cellTooLong(line: 1, column: 2, limit: 8)))
    }

    /// When the last piece of a file without a final line end ended at a
    /// separator, the buffer was empty at the end of the file, no line
    /// end was added, and the last line was never finished: its row was
    /// dropped (or, for a header, the file called empty).
    @Test("a last line without a line end, ending at a separator at a buffer boundary")
    func lastLineEndingAtSeparator() throws {
        // "3 4 " fills the second 4-byte buffer exactly.
        let whitespace = try read("1 2\n3 4 ", format: .whitespaceSeparated, capacity: 4).get()
        #expect(whitespace.rows == 2 && whitespace.columns == 2)
        #expect(whitespace.mean == 2.5)

        // The fuzzer's input: a header whose trailing comma ends the file.
        let header = try read("x,Opt,oani,", format: .commaSeparated, capacity: 5)
        #expect(header == .failure(.emptyCell(line: 1, column: 4)))
        let whole = try read("x,Opt,oani,", format: .commaSeparated, capacity: 1 << 13)
        #expect(whole == header)
    }

    /// A file of one number, 9.99e213, was read as a success with a NaN
    /// standard deviation and second moment (x² overflows); the input
    /// gain then failed with "standard deviation nan".
    @Test("numbers whose squares overflow are refused with the reason")
    func overflowingSecondMoment() throws {
        let single = try read(" 999e211\n", format: .whitespaceSeparated, capacity: 1 << 13)
        guard case .failure(.secondMomentOverflow(_, let largest)) = single else {
            Issue.record("got \(single)")
            return
        }
        #expect(largest == 9.99e213)
        #expect(single.failureDescription?.contains("too large for statistics") == true)

        let pair = try read("1e160 -1e160\n", format: .automatic, capacity: 1 << 13)
        guard case .failure(.secondMomentOverflow(_, 1e160)) = pair else {
            Issue.record("got \(pair)")
            return
        }

        // Large but representable: mean² + s² = (1e150² + 2e150²)/2 = 2.5e300.
        let large = try read("1e150\n2e150\n", format: .automatic, capacity: 1 << 13).get()
        #expect(Swift.abs(large.secondMoment - 2.5e300) <= 1e-15 * 2.5e300)
        #expect(large.secondMomentStandardError?.isNaN == false)
    }
}

private extension Result where Failure == InputDataError {
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
