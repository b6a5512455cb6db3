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
}
