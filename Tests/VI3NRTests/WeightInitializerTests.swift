import Foundation
import Testing
@testable import VI3NR

@Suite("Weight initialisers")
struct WeightInitializerTests {
    @Test("bound and standard deviation: a = gain·√(3/fan_in), std = gain/√fan_in")
    func scales() throws {
        let initializer = try WeightInitializer(gain: 2, fanIn: 300, fanOut: 10)
        #expect(initializer.uniformBound == 2 * (3.0 / 300).squareRoot())
        #expect(initializer.standardDeviation == 2 / 300.0.squareRoot())
        #expect(relativeError(
            initializer.uniformBound / 3.0.squareRoot(), initializer.standardDeviation) < 1e-15)
    }

    @Test("uniform: mean 0, variance gain²/fan_in, every weight within ±a")
    func uniformStatistics() throws {
        let initializer = try WeightInitializer(gain: 1.5, fanIn: 250, fanOut: 2000)
        let weights = initializer.weights(seed: 11)
        #expect(weights.count == 500_000)
        let bound = initializer.uniformBound
        #expect(weights.allSatisfy { Swift.abs($0) <= bound })
        let mean = weights.reduce(0, +) / Double(weights.count)
        let variance = weights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            / Double(weights.count - 1)
        let expected = 1.5 * 1.5 / 250
        // Standard errors: mean √(v/N), variance v·√(4/5)/√N for uniforms.
        let count = Double(weights.count)
        #expect(Swift.abs(mean) < 5 * (expected / count).squareRoot())
        #expect(Swift.abs(variance - expected) < 5 * expected * (0.8 / count).squareRoot())
        // Both ends are reached: the largest draws are within 0.1 % of a.
        #expect(weights.max()! > 0.999 * bound && weights.min()! < -0.999 * bound)
    }

    @Test("normal: mean 0, variance gain²/fan_in, kurtosis 3")
    func normalStatistics() throws {
        let initializer = try WeightInitializer(
            gain: 0.8, fanIn: 64, fanOut: 10_000, distribution: .normal)
        let weights = initializer.weights(seed: 3)
        let count = Double(weights.count)
        let mean = weights.reduce(0, +) / count
        let variance = weights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (count - 1)
        let fourth = weights.map { pow($0 - mean, 4) }.reduce(0, +) / count
        let expected = 0.8 * 0.8 / 64
        #expect(Swift.abs(mean) < 5 * (expected / count).squareRoot())
        #expect(Swift.abs(variance - expected) < 5 * expected * (2 / count).squareRoot())
        #expect(Swift.abs(fourth / (variance * variance) - 3) < 0.05)
    }

    @Test("the same seed gives the same matrix, another seed another; Float rounds Double")
    func reproducibility() throws {
        let initializer = try WeightInitializer(
            gain: 1, fanIn: 100, fanOut: 77, distribution: .normal)
        let first = initializer.weights(seed: 5)
        #expect(initializer.weights(seed: 5) == first)
        let other = initializer.weights(seed: 6)
        #expect(zip(first, other).filter { $0.0 == $0.1 }.count < 10)
        #expect(initializer.floatWeights(seed: 5) == first.map { Float($0) })
    }

    @Test("from a gain report: relu's √2 gives a = √(6/fan_in)")
    func fromGainReport() throws {
        let report = try GainReport(activation: activation("relu(x)"))
        let initializer = try report.initializer(fanIn: 600, fanOut: 20)
        #expect(relativeError(initializer.uniformBound, (6.0 / 600).squareRoot()) < 1e-12)
        #expect(initializer.distribution == .uniform)
    }

    @Test("invalid gains and shapes are typed errors")
    func invalid() {
        #expect(throws: VI3NRError.invalidGain(-1)) {
            try WeightInitializer(gain: -1, fanIn: 3, fanOut: 3)
        }
        #expect(throws: VI3NRError.invalidLayerShape(fanOut: 3, fanIn: 0)) {
            try WeightInitializer(gain: 1, fanIn: 0, fanOut: 3)
        }
        #expect(throws: VI3NRError.invalidLayerShape(fanOut: Int.max, fanIn: 2)) {
            try WeightInitializer(gain: 1, fanIn: 2, fanOut: .max)
        }
    }
}
