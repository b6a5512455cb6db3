import Foundation
import Testing
@testable import VI3NR

/// Reads `text` from a temporary file and returns the error.
private func readError(
    _ text: String, format: DataFileFormat = .automatic
) throws -> InputDataError? {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try writeFile(text, named: "data", in: directory)
    do {
        _ = try InputDataStatistics(contentsOfFile: path, format: format)
        return nil
    } catch {
        return error
    }
}

@Suite("Data files: each fault named with its line")
struct DataFileErrorTests {
    @Test("a ragged row")
    func raggedRow() throws {
        let error = try readError("1,2,3\n4,5,6\n7,8\n")
        #expect(error == .raggedRow(line: 3, expected: 3, found: 2))
        #expect(error?.description
            == "line 3: 2 fields where the first row has 3; every row must have the same number "
            + "of fields")
    }

    @Test("a ragged row against the header, after comments and blank lines")
    func raggedAgainstHeader() throws {
        let error = try readError("# c\n\na b c\n1 2 3\n\n4 5 6 7\n")
        #expect(error == .raggedRow(line: 6, expected: 3, found: 4))
    }

    @Test("a text cell names line and column")
    func textCell() throws {
        let error = try readError("1,2\n3,abc\n")
        #expect(error == .textCell(line: 2, column: 2, text: "abc"))
        #expect(error?.description == "line 2, column 2: 'abc' is not a number")
    }

    @Test("numbers with trailing text, hexadecimal, two numbers in one CSV field")
    func almostNumbers() throws {
        #expect(try readError("1,2\n3,4.5kg\n") == .textCell(line: 2, column: 2, text: "4.5kg"))
        #expect(try readError("1 2\n0x10 4\n") == .textCell(line: 2, column: 1, text: "0x10"))
        #expect(try readError("1,2\n3 4,5\n") == .textCell(line: 2, column: 1, text: "3 4"))
    }

    @Test("NaN and infinite cells, in any spelling, and numbers beyond double range",
          arguments: ["nan", "NaN", "-inf", "Infinity", "1e999", "-2e400"])
    func nonFiniteCells(cell: String) throws {
        let error = try readError("1 2\n3 \(cell)\n")
        #expect(error == .nonFiniteCell(line: 2, column: 2, text: cell))
        #expect(error?.description.contains("not a finite number") == true)
    }

    @Test("an empty file, a file of blank lines and comments")
    func emptyFiles() throws {
        for text in ["", "\n  \n# only a comment\n", "\r\n\t\r\n"] {
            guard case .emptyFile = try readError(text) else {
                Issue.record("expected emptyFile for \(text.debugDescription)")
                continue
            }
        }
    }

    @Test("a header and no numbers")
    func headerOnly() throws {
        guard case let .noNumbers(_, line) = try readError("\nx,y,z\n") else {
            Issue.record("expected noNumbers")
            return
        }
        #expect(line == 2)
    }

    @Test("a first line mixing names and numbers is no header")
    func mixedHeader() throws {
        #expect(try readError("a,2,c\n1,2,3\n") == .mixedHeader(line: 1, column: 2, text: "2"))
        #expect(try readError("1,b,c\n1,2,3\n") == .textCell(line: 1, column: 2, text: "b"))
    }

    @Test("empty CSV fields: between commas, leading, trailing")
    func emptyFields() throws {
        #expect(try readError("1,2,3\n4,,6\n") == .emptyCell(line: 2, column: 2))
        #expect(try readError("1,2,3\n,5,6\n") == .emptyCell(line: 2, column: 1))
        #expect(try readError("1,2,3\n4,5,\n") == .emptyCell(line: 2, column: 3))
    }

    @Test("binary content: NUL bytes, control bytes")
    func binaryContent() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let withNul = try writeFile(
            bytes: Array("1 2\n3 4\n5 ".utf8) + [0, 0x89, 0x50] + Array("\n".utf8),
            named: "nul", in: directory)
        #expect(throws: InputDataError.binaryContent(line: 3)) {
            try InputDataStatistics(contentsOfFile: withNul)
        }
        // The PNG signature holds two line ends before its first NUL.
        let png = try writeFile(
            bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
            named: "png", in: directory)
        #expect(throws: InputDataError.binaryContent(line: 3)) {
            try InputDataStatistics(contentsOfFile: png)
        }
        let escape = try writeFile(bytes: Array("1,2\n3,\u{1B}[0m\n".utf8), named: "esc",
                                   in: directory)
        #expect(throws: InputDataError.binaryContent(line: 2)) {
            try InputDataStatistics(contentsOfFile: escape)
        }
    }

    @Test("a missing file and a directory")
    func unreadable() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.csv").path
        #expect(throws: InputDataError.cannotOpen(
            path: missing, reason: "No such file or directory")) {
            try InputDataStatistics(contentsOfFile: missing)
        }
        do {
            _ = try InputDataStatistics(contentsOfFile: directory.path)
            Issue.record("expected an error for a directory")
        } catch {
            guard case .readFailed(_, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reason == "Is a directory")
        }
    }

    @Test("the input gain carries the data error with its line")
    func inputGainCarriesTheLine() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("1 2\n3 x\n", named: "bad", in: directory)
        #expect(throws: VI3NRError.inputData(.textCell(line: 2, column: 2, text: "x"))) {
            try InputGain(contentsOfFile: path)
        }
    }

    @Test("a field longer than the buffer")
    func fieldTooLong() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile(
            "1,2\n3," + String(repeating: "7", count: 100) + "\n", named: "long", in: directory)
        #expect(throws: InputDataError.cellTooLong(line: 2, column: 2, limit: 32)) {
            try InputDataStatistics(contentsOfFile: path, format: .automatic, bufferCapacity: 32)
        }
    }
}
