import Testing
@testable import vi3nr_bench

@Suite("Summary rows, medians and formatting")
struct SummaryTableTests {
    @Test("the median of odd, even and empty lists")
    func median() {
        #expect(Stopwatch.median(of: [5, 1, 3]) == 3)
        #expect(Stopwatch.median(of: [4, 1, 3, 2]) == 2.5)
        #expect(Stopwatch.median(of: []) == 0)
    }

    @Test("ratio is peer over ours; a target is met at or above it")
    func ratioAndTarget() {
        let row = SummaryRow(
            item: "1", activation: "tanh", ours: 10, peer: "numpy", peerTime: 30,
            requiredRatio: 3, targetText: "≥ 3x")
        #expect(row.ratio == 3)
        #expect(row.isMet == true)

        let slower = SummaryRow(
            item: "4", activation: "tanh", ours: 60, peer: "numpy", peerTime: 40,
            requiredRatio: 1 / 1.5, targetText: "within 1.5x")
        #expect(slower.isMet == true)  // 40/60 = 1/1.5 exactly: within
        let tooSlow = SummaryRow(
            item: "4", activation: "tanh", ours: 61, peer: "numpy", peerTime: 40,
            requiredRatio: 1 / 1.5, targetText: "within 1.5x")
        #expect(tooSlow.isMet == false)
    }

    @Test("a failed condition fails the target; no peer or no target gives no verdict")
    func conditionsAndMissingData() {
        var row = SummaryRow(
            item: "2", activation: "sine", ours: 1, peer: "scipy", peerTime: 100,
            requiredRatio: 5, targetText: "≥ 5x")
        row.conditionMet = false
        #expect(row.isMet == false)

        let skipped = SummaryRow(
            item: "2", activation: "sine", ours: 1, peer: "scipy", peerTime: nil,
            requiredRatio: 5, targetText: "≥ 5x")
        #expect(skipped.ratio == nil)
        #expect(skipped.isMet == nil)
        #expect(SummaryTable.cells(skipped)[4] == "skipped")

        let noTarget = SummaryRow(
            item: "3", activation: "sinc", ours: 1, peer: "brentq", peerTime: 20,
            requiredRatio: nil, targetText: "(none set)")
        #expect(noTarget.isMet == nil)
        #expect(SummaryTable.cells(noTarget)[7] == "-")
    }

    @Test("a summarising row carries its own ratio")
    func summarisedRatio() {
        let row = SummaryRow(
            item: "3", activation: "median", ours: nil, peer: "grid", peerTime: nil,
            requiredRatio: 1e4, targetText: "≥ 1e4x", summarisedRatio: 2e4)
        #expect(row.isMet == true)
        #expect(SummaryTable.cells(row)[4] == "-")
    }

    @Test("times and ratios in readable units")
    func formatting() {
        #expect(SummaryTable.formatTime(0.5) == "500.0 µs")
        #expect(SummaryTable.formatTime(12.345) == "12.3 ms")
        #expect(SummaryTable.formatTime(1234.4) == "1234 ms")
        #expect(SummaryTable.formatTime(45_678) == "45.7 s")
        #expect(SummaryTable.formatRatio(2.345) == "2.35x")
        #expect(SummaryTable.formatRatio(4567) == "4567x")
        #expect(SummaryTable.formatRatio(123_456) == "1.23e+05x")
        #expect(Format.estimate(0.49969, 0.00035) == "0.49969 ± 0.00035")
    }

    @Test("the text table aligns its columns")
    func alignment() {
        let rows = [
            SummaryRow(item: "1 MC gain", activation: "tanh", ours: 10, peer: "numpy",
                       peerTime: 30, requiredRatio: 3, targetText: "≥ 3x"),
            SummaryRow(item: "2", activation: "wavelet", ours: 1, peer: "scipy-quad",
                       peerTime: 2, requiredRatio: 5, targetText: "≥ 5x"),
        ]
        let lines = SummaryTable.text(rows).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let column = lines[0].range(of: "activation").map { lines[0].distance(
            from: lines[0].startIndex, to: $0.lowerBound) }
        #expect(column != nil)
        for line in lines.dropFirst() {
            #expect(line.count > (column ?? 0))
        }
        #expect(lines[1].contains("3x") && lines[1].hasSuffix("yes"))
        #expect(lines[2].hasSuffix("NO"))
    }
}
