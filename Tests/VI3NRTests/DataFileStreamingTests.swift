import Foundation
import Testing
@testable import VI3NR

/// The peak resident set size of this process (VmHWM), in bytes.
private func peakResidentBytes() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    let kilobytes = try #require(Int(fields[1]))
    return kilobytes * 1024
}

@Suite("Data files are read as a stream")
struct DataFileStreamingTests {
    @Test("a ~200 MB file: exact statistics, and the peak memory does not grow with it")
    func largeFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("large.csv")

        // A block of 10 000 rows × 8 columns of short decimals (read exactly
        // as the doubles they name), written 420 times: 2.3 MB × 420.
        var values: [Double] = []
        var block = ""
        for row in 0..<10_000 {
            let cells = (0..<8).map { column in
                Double((row * 37 + column * 101) % 1000) / 100 - 5
            }
            values += cells
            block += cells.map { String(format: "%.2f", $0) }.joined(separator: ",") + "\n"
        }
        let repeats = 420
        try Data("a,b,c,d,e,f,g,h\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let blockData = Data(block.utf8)
        for _ in 0..<repeats { try handle.write(contentsOf: blockData) }
        try handle.close()
        let size = try #require(
            FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 180_000_000)

        let peakBefore = try peakResidentBytes()
        let statistics = try InputDataStatistics(contentsOfFile: url.path)
        let growth = try peakResidentBytes() - peakBefore

        #expect(statistics.rows == 10_000 * repeats)
        #expect(statistics.columns == 8)
        let secondMoment = values.map { $0 * $0 }.reduce(0, +) / Double(values.count)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(relativeError(statistics.secondMoment, secondMoment) < 1e-12)
        #expect(relativeError(statistics.mean, mean) < 1e-9)
        // Loosely: other tests run in the same process and may raise the
        // peak too, but reading the whole file would add over 190 MB.
        #expect(growth < 64 * 1024 * 1024, "peak resident memory grew by \(growth) bytes")
    }
}
