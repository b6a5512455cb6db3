import Foundation
import Testing
@testable import VI3NR

@Suite("Condition samples: gain² and logarithmic grids")
struct ConditionSampleGridTests {
    @Test("gain² of a scan point: 2 for relu, σ²/M_f of sin(a x) in closed form")
    func gainSquared() throws {
        let samples = try ConditionSample.scan(of: activation("relu(x)"), at: [0.01, 1, 30])
        for sample in samples {
            let gain = try #require(sample.gainSquared)
            #expect(Swift.abs(gain.value - 2) < 1e-12)
            #expect(gain.errorEstimate >= 0 && gain.errorEstimate < 1e-9)
        }
        // sin(3x) at s = 0.5: M_f = (1 − e^(−2·9·0.25))/2 = (1 − e^(−4.5))/2, so
        // gain² = 0.25 / M_f (mpmath at 30 digits: 0.505616896351242775078894588598).
        let sine = try ConditionSample.scan(of: activation("sin(3*x)"), at: [0.5])
        let gain = try #require(sine[0].gainSquared)
        #expect(relativeError(gain.value, 0.5056168963512427751) < 1e-10)
    }

    @Test("a logarithmic grid: exact ends, constant ratio")
    func logarithmicGrid() throws {
        let grid = try ConditionSample.logarithmicGrid(from: 1e-3, to: 10, count: 5)
        #expect(grid.first == 1e-3)
        #expect(grid.last == 10)
        #expect(grid.count == 5)
        // Powers of ten land exactly.
        #expect(grid == [1e-3, 1e-2, 1e-1, 1, 10])
        let fine = try ConditionSample.logarithmicGrid(from: 0.5, to: 8, count: 5)
        for (index, value) in fine.enumerated() {
            #expect(relativeError(value, 0.5 * pow(2, Double(index))) < 1e-14)
        }
        #expect(try ConditionSample.logarithmicGrid(from: 2, to: 3, count: 2) == [2, 3])
    }

    @Test("bad grids are refused")
    func badGrids() {
        #expect(throws: VI3NRError.invalidSearchRange(lower: 3, upper: 2)) {
            try ConditionSample.logarithmicGrid(from: 3, to: 2, count: 4)
        }
        #expect(throws: VI3NRError.invalidSearchRange(lower: 0, upper: 2)) {
            try ConditionSample.logarithmicGrid(from: 0, to: 2, count: 4)
        }
        #expect(throws: VI3NRError.invalidScanDensity(1)) {
            try ConditionSample.logarithmicGrid(from: 1, to: 2, count: 1)
        }
    }
}
