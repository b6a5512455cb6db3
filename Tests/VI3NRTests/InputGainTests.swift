import Foundation
import Testing
@testable import VI3NR

/// The pooled statistics of `rows`, computed directly (two passes, exact
/// enough for the small tables here).
private func pooled(_ rows: [[Double]]) -> (mean: Double, variance: Double, second: Double) {
    let cells = rows.flatMap { $0 }
    let mean = cells.reduce(0, +) / Double(cells.count)
    let variance = cells.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(cells.count)
    let second = cells.map { $0 * $0 }.reduce(0, +) / Double(cells.count)
    return (mean, variance, second)
}

@Suite("Input gain")
struct InputGainTests {
    let table: [[Double]] = [[1.5, -2, 0.25], [3, 4.5, -0.125], [-1, 0, 2.75], [0.5, 1, -3]]

    @Test("from a mean and standard deviation: σ_p² / (μ² + s²)")
    func fromMoments() throws {
        let gain = try InputGain(mean: 0.5, standardDeviation: 2, preactivationStd: 3)
        #expect(gain.gainSquared == 9 / 4.25)
        #expect(relativeError(gain.gain, 3 / 4.25.squareRoot()) < 1e-15)
        #expect(gain.gainSquaredStandardError == nil)
    }

    @Test("invalid input statistics and σ_p are typed errors")
    func invalidMoments() {
        #expect(throws: VI3NRError.invalidInputStatistics(mean: 0, standardDeviation: 0)) {
            try InputGain(mean: 0, standardDeviation: 0)
        }
        #expect(throws: VI3NRError.invalidInputStatistics(mean: 1, standardDeviation: -1)) {
            try InputGain(mean: 1, standardDeviation: -1)
        }
        #expect(throws: VI3NRError.self) { try InputGain(mean: .nan, standardDeviation: 1) }
        #expect(throws: VI3NRError.invalidPreactivationStd(0)) {
            try InputGain(mean: 1, standardDeviation: 1, preactivationStd: 0)
        }
    }

    @Test("a CSV file with a header: pooled statistics and the gain")
    func csvWithHeader() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = ["\u{FEFF}alpha, \"beta\",gamma"] + table.map {
            $0.map { String($0) }.joined(separator: ", ")
        }
        let path = try writeFile(lines.joined(separator: "\r\n") + "\r\n", named: "a.csv",
                                 in: directory)
        let gain = try InputGain(contentsOfFile: path, preactivationStd: 2)
        let statistics = try #require(gain.statistics)
        let expected = pooled(table)

        #expect(statistics.rows == 4)
        #expect(statistics.columns == 3)
        #expect(statistics.headerLine == 1)
        #expect(statistics.format == .commaSeparated)
        #expect(relativeError(statistics.mean, expected.mean) < 1e-14)
        #expect(relativeError(statistics.standardDeviation, expected.variance.squareRoot()) < 1e-14)
        #expect(relativeError(statistics.secondMoment, expected.second) < 1e-14)
        #expect(statistics.minimum == -3 && statistics.maximum == 4.5)
        #expect(relativeError(gain.gainSquared, 4 / expected.second) < 1e-14)

        // The standard error from the rows' own means of x².
        let rowMeans = table.map { row in row.map { $0 * $0 }.reduce(0, +) / 3 }
        let rowMean = rowMeans.reduce(0, +) / 4
        let rowVariance = rowMeans.map { ($0 - rowMean) * ($0 - rowMean) }.reduce(0, +) / 3
        let standardError = (rowVariance / 4).squareRoot()
        #expect(relativeError(try #require(statistics.secondMomentStandardError), standardError)
            < 1e-12)
        #expect(relativeError(
            try #require(gain.gainSquaredStandardError), gain.gainSquared * standardError
                / expected.second) < 1e-12)
    }

    @Test("a whitespace file with tabs, comments, blank lines and no final line end")
    func whitespaceFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "# measurements\n\n" + table.map {
            $0.map { String($0) }.joined(separator: " \t  ")
        }.joined(separator: "\n  \n") + "   "
        let path = try writeFile(text, named: "a.txt", in: directory)
        let statistics = try InputDataStatistics(contentsOfFile: path)
        #expect(statistics.format == .whitespaceSeparated)
        #expect(statistics.headerLine == nil)
        #expect(statistics.rows == 4 && statistics.columns == 3)
        #expect(relativeError(statistics.secondMoment, pooled(table).second) < 1e-14)
    }

    @Test("pieces cut at line ends and separators: the same statistics through a 64-byte buffer",
          arguments: [DataFileFormat.commaSeparated, .whitespaceSeparated])
    func tinyBuffer(format: DataFileFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let separator = format == .commaSeparated ? "," : " "
        let wide = (0..<50).map { Double($0) * 0.37 - 4 }
        let rows = [wide, wide.map { -$0 }, wide.map { $0 * 2 }]
        let text = rows.map { $0.map { String($0) }.joined(separator: separator) }
            .joined(separator: "\n")
        let path = try writeFile(text, named: "wide", in: directory)
        let statistics = try InputDataStatistics(
            contentsOfFile: path, format: format, bufferCapacity: 64)
        #expect(statistics.rows == 3 && statistics.columns == 50)
        #expect(relativeError(statistics.secondMoment, pooled(rows).second) < 1e-14)
        #expect(relativeError(statistics.mean, pooled(rows).mean) < 1e-12)
    }

    @Test("from an open descriptor, as from a pipe")
    func fromDescriptor() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("1 2\n3 4\n", named: "d", in: directory)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let statistics = try InputDataStatistics(
            fileDescriptor: handle.fileDescriptor, name: "<stdin>")
        #expect(statistics.secondMoment == 7.5)
        #expect(statistics.rows == 2)
    }

    @Test("a large mean and a small spread: the pooled deviation stays accurate")
    func largeMean() throws {
        let rows: [[Double]] = (0..<1000).map { index in
            let first: Double = 1e6 + Double(index % 7) * 1e-3
            let second: Double = 1e6 - Double(index % 5) * 1e-3
            return [first, second]
        }
        let text = rows.map { "\($0[0]),\($0[1])" }.joined(separator: "\n")
        let statistics = try InputDataStatistics(text: text)
        #expect(relativeError(statistics.standardDeviation, pooled(rows).variance.squareRoot())
            < 1e-6)
    }
}
