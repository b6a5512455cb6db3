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
