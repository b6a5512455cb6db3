import ActivationExpr
import Foundation
@testable import GaussianMoments
import Testing

@Suite("Monte Carlo: reproducible, parallel, with standard errors and covariances")
struct MonteCarloTests {
    @Test("the same seed gives identical bits with 1, 2 and 7 threads")
    func deterministicAcrossThreadCounts() throws {
        let functions = [HandWritten.sine(30), HandWritten.sineDerivative(30)]
        let runs = try [1, 2, 7].map { threads in
            try GaussianMonteCarlo.moments(
                // 70 chunks of 2048, in 5 blocks: several blocks per thread.
                of: functions, standardDeviation: 1.3, samples: 143_001, seed: 2024,
                threads: threads)
        }
        for run in runs.dropFirst() {
            #expect(run == runs[0])
            for (moments, reference) in zip(run.moments, runs[0].moments) {
                #expect(moments.secondMoment.bitPattern == reference.secondMoment.bitPattern)
                #expect(moments.mean.bitPattern == reference.mean.bitPattern)
            }
        }
    }

    @Test("different seeds give different samples, and both agree with the closed form")
    func seedsDiffer() throws {
        let first = try GaussianMonteCarlo.moments(
            of: [HandWritten.sine(1)], standardDeviation: 1, samples: 50_000, seed: 1)
        let second = try GaussianMonteCarlo.moments(
            of: [HandWritten.sine(1)], standardDeviation: 1, samples: 50_000, seed: 2)
        #expect(first.moments[0].secondMoment != second.moments[0].secondMoment)
        for run in [first, second] {
            let moments = run.moments[0]
            let zScore = (moments.secondMoment - ClosedForm.sine(1, 1))
                / moments.secondMomentStandardError
            #expect(Swift.abs(zScore) < 4)
        }
    }

    @Test("closed forms within 4 standard errors: relu, sin(a x), the bump, across σ",
          arguments: [1e-3, 0.05, 0.5, 1, 5, 20])
    func closedForms(sigma: Double) throws {
        let cases: [(String, CompiledFunction, Double)] = [
            ("relu", HandWritten.relu, ClosedForm.relu(sigma)),
            ("step", HandWritten.step, 0.5),
            ("sin(x)", HandWritten.sine(1), ClosedForm.sine(1, sigma)),
            ("sin(30x)", HandWritten.sine(30), ClosedForm.sine(30, sigma)),
            ("30cos(30x)", HandWritten.sineDerivative(30), ClosedForm.sineDerivative(30, sigma)),
            ("bump", HandWritten.bump(width: 0.05), ClosedForm.bump(0.05, sigma)),
            ("bump'", HandWritten.bumpDerivative(width: 0.05),
             ClosedForm.bumpDerivative(0.05, sigma)),
        ]
        let estimate = try GaussianMonteCarlo.moments(
            of: cases.map(\.1), standardDeviation: sigma, samples: 50_000, seed: 7)
        for (index, (name, _, exact)) in cases.enumerated() {
            let moments = estimate.moments[index]
            let zScore = (moments.secondMoment - exact) / moments.secondMomentStandardError
            #expect(Swift.abs(zScore) < 4, "\(name) σ = \(sigma): z = \(zScore)")
            #expect(moments.secondMomentStandardError > 0, "\(name) σ = \(sigma)")
        }
    }

    @Test("the covariance of M_f and M_d estimates for sin(a x) matches −a² Var(sin²(a z))/N")
    func covarianceOfMoments() throws {
        let frequency = 1.0
        let sigma = 0.8
        let samples = 100_000
        let estimate = try GaussianMonteCarlo.moments(
            of: [HandWritten.sine(frequency), HandWritten.sineDerivative(frequency)],
            standardDeviation: sigma, samples: samples, seed: 11)

        // a²cos² = a²(1 − sin²), so Cov(sin², a²cos²) = −a² Var(sin²), with
        // E[sin⁴(u)] = 3/8 − E[cos 2u]/2 + E[cos 4u]/8 and E[cos k a z] = e^(−k²a²s²/2).
        let spread = frequency * frequency * sigma * sigma
        let fourth = 3.0 / 8 - exp(-2 * spread) / 2 + exp(-8 * spread) / 8
        let second = ClosedForm.sine(frequency, sigma)
        let exact = -frequency * frequency * (fourth - second * second) / Double(samples)
        let estimated = estimate.secondMomentCovariance(0, 1)
        #expect(relativeError(estimated, exact) < 0.05, "\(estimated) vs \(exact)")
        #expect(estimate.secondMomentCovariance(1, 0) == estimated)
        #expect(relativeError(
            estimate.secondMomentCovariance(0, 0).squareRoot(),
            estimate.moments[0].secondMomentStandardError) < 1e-12)
    }

    @Test("a sample count that is odd and not a multiple of the chunk size")
    func oddSampleCount() throws {
        let estimate = try GaussianMonteCarlo.moments(
            of: [HandWritten.relu], standardDeviation: 2, samples: 4099, seed: 3, threads: 3)
        #expect(estimate.samples == 4099)
        let moments = estimate.moments[0]
        #expect(Swift.abs(moments.secondMoment - 2) < 4 * moments.secondMomentStandardError)
    }

    @Test("invalid σ, sample count and thread count are refused")
    func invalidArguments() {
        #expect(throws: GaussianMomentError.invalidStandardDeviation(-1)) {
            try GaussianMonteCarlo.moments(of: [HandWritten.relu], standardDeviation: -1)
        }
        #expect(throws: GaussianMomentError.invalidSampleCount(1)) {
            try GaussianMonteCarlo.moments(of: [HandWritten.relu], standardDeviation: 1, samples: 1)
        }
        #expect(throws: GaussianMomentError.invalidThreadCount(0)) {
            try GaussianMonteCarlo.moments(
                of: [HandWritten.relu], standardDeviation: 1, samples: 10, threads: 0)
        }
    }

    @Test("NaN at a sample (log of a negative number) is an undefined error with the sample")
    func undefinedAtSample() {
        do {
            _ = try GaussianMonteCarlo.moments(
                of: [HandWritten.elementwise { log($0) }], standardDeviation: 1, samples: 1000)
            Issue.record("expected an error")
        } catch {
            guard case let .undefined(x, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(x < 0)
        }
    }

    @Test("chunk statistics merged by Chan's formula equal the two-pass statistics of all data")
    func chanMerge() {
        // Data with a large mean and a small spread, where naive sums of
        // squares lose every digit.
        let first = (0..<1000).map { 1e8 + sin(Double($0)) }
        let second = (0..<333).map { 1e8 + 2 * cos(Double($0)) }
        let firstSquares = first.map { $0 * $0 }
        let secondSquares = second.map { $0 * $0 }
        func statistics(_ x: [Double], _ y: [Double]) -> ChunkStatistics {
            x.withUnsafeBufferPointer { xBuffer in
                y.withUnsafeBufferPointer { yBuffer in
                    ChunkStatistics(columns: [xBuffer, yBuffer], count: x.count)
                }
            }
        }
        var merged = statistics(first, firstSquares)
        merged.merge(statistics(second, secondSquares))
        let whole = statistics(first + second, firstSquares + secondSquares)
        #expect(merged.count == whole.count)
        for index in 0..<2 {
            #expect(relativeError(merged.means[index], whole.means[index]) < 1e-15)
        }
        for (mergedValue, wholeValue) in zip(merged.comoments, whole.comoments) {
            #expect(relativeError(mergedValue, wholeValue) < 1e-9)
        }

        // Against an independent count: the variance of the first column.
        let mean = (first + second).reduce(0, +) / Double(whole.count)
        let centred = (first + second).map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        #expect(relativeError(merged.comoment(0, 0), centred) < 1e-8)
    }

    @Test("fused statistics of g and g² equal the per-column two-pass statistics")
    func fusedStatistics() {
        let first = (0..<1001).map { sin(0.37 * Double($0)) * 3 + 0.5 }
        let second = (0..<1001).map { exp(-Double($0 % 17) / 5) }
        let columns = [first, first.map { $0 * $0 }, second, second.map { $0 * $0 }]
        func pointers<Result>(
            _ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> Result
        ) -> Result {
            var collected: [UnsafeBufferPointer<Double>] = []
            func recurse(_ index: Int) -> Result {
                if index == arrays.count { return body(collected) }
                return arrays[index].withUnsafeBufferPointer { buffer in
                    collected.append(buffer)
                    return recurse(index + 1)
                }
            }
            return recurse(0)
        }
        let reference = pointers(columns) { ChunkStatistics(columns: $0, count: 1001) }
        let fused = pointers([first, second]) {
            ChunkStatistics(functionValues: $0, count: 1001)
        }
        guard let fused else {
            Issue.record("finite values were reported as not finite")
            return
        }
        for (value, expected) in zip(fused.means, reference.means) {
            #expect(relativeError(value, expected) < 1e-14)
        }
        for (value, expected) in zip(fused.comoments, reference.comoments) {
            #expect(Swift.abs(value - expected) <= 1e-12 * Swift.abs(expected) + 1e-12)
        }
        let poisoned = pointers([first, [Double](repeating: .nan, count: 1001)]) {
            ChunkStatistics(functionValues: $0, count: 1001)
        }
        #expect(poisoned == nil)
    }

    @Test("the delta-method error of a ratio of moments: exact cases and a spread over seeds")
    func ratioStandardError() throws {
        // The same function twice: the ratio is 1 without any error, which
        // only the covariance term can produce.
        let same = try GaussianMonteCarlo.moments(
            of: [HandWritten.sine(2), HandWritten.sine(2)], standardDeviation: 1,
            samples: 5000, seed: 4)
        let sameRatio = same.secondMomentRatio(1, over: 0)
        #expect(sameRatio.value == 1)
        #expect(sameRatio.relativeStandardError < 1e-6)

        // sin(x) and cos(x) at σ = 1: the predicted relative error of
        // M_d/M_f against the spread of the ratio over 40 seeds.
        var ratios: [Double] = []
        var predicted: [Double] = []
        for seed in 0..<40 {
            let estimate = try GaussianMonteCarlo.moments(
                of: [HandWritten.sine(1), HandWritten.sineDerivative(1)], standardDeviation: 1,
                samples: 4000, seed: UInt64(seed), threads: 1)
            let ratio = estimate.secondMomentRatio(1, over: 0)
            ratios.append(ratio.value)
            predicted.append(ratio.relativeStandardError)
        }
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        let spread = (ratios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            / Double(ratios.count - 1)).squareRoot() / mean
        let typical = predicted.reduce(0, +) / Double(predicted.count)
        // With 40 runs the sample spread is within about ±25 % of the truth.
        #expect(spread > 0.65 * typical && spread < 1.5 * typical, "\(spread) vs \(typical)")
        // The exact ratio E[cos²]/E[sin²] = (1 + e⁻²)/(1 − e⁻²) = coth 1.
        let exact = 1 / tanh(1.0)
        #expect(Swift.abs(mean - exact) < 4 * typical * exact / Double(ratios.count).squareRoot())
    }
}
