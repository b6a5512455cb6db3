import ActivationExpr
import CVectorMath
import Dispatch
import Foundation

/// Gaussian expectations by Monte Carlo: reproducible, parallel, and
/// evaluated a chunk of samples at a time with block evaluators.
///
/// The `N` samples are cut into chunks of 2048. Chunk `k` draws its
/// uniforms from `RandomStream(seed:, chunk: k)`, turns them into normal
/// deviates with the Box–Muller transform (`vm_box_muller`, SLEEF AVX2),
/// scales them by σ, evaluates every function with its block evaluator
/// and reduces `g` and `g²` to means and centred cross-products (two
/// passes over data still in cache). Chunks are spread over the threads
/// and their statistics merged in chunk order, so the result is the same
/// to the last bit whatever the number of threads.
public enum GaussianMonteCarlo {
    /// Samples per chunk: a few buffers of this size stay in L1/L2.
    static let chunkSize = 2048

    /// The default number of samples.
    public static let defaultSamples = 1_000_000

    /// Means of `g(z)` and `g(z)²`, `z ~ N(0, σ²)`, for every function,
    /// from the same samples, with standard errors and covariances.
    ///
    /// - Parameters:
    ///   - functions: the functions `g`, e.g. `[φ, φ']`.
    ///   - sigma: the standard deviation σ > 0.
    ///   - samples: `N ≥ 2`.
    ///   - seed: selects the samples; the same seed gives the same bits.
    ///   - threads: worker threads (default: all cores); the result does
    ///     not depend on it.
    /// - Throws: `.invalidStandardDeviation`, `.invalidSampleCount` (also
    ///   for `threads < 1`), `.undefined` when a function is NaN at a
    ///   sample, `.nonFiniteValue` when it is infinite there (the first
    ///   such sample in chunk order is named).
    public static func moments(
        of functions: [CompiledFunction],
        standardDeviation sigma: Double,
        samples: Int = defaultSamples,
        seed: UInt64 = 0,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(GaussianMomentError) -> MonteCarloEstimate {
        guard sigma.isFinite, sigma > 0 else { throw .invalidStandardDeviation(sigma) }
        guard samples >= 2 else { throw .invalidSampleCount(samples) }
        guard threads >= 1 else { throw .invalidSampleCount(threads) }

        let chunkCount = (samples + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunkCount)
        let workers = min(threads, chunkCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let sampler = ChunkSampler(functions: functions, sigma: sigma, seed: seed)
            for chunk in stride(from: worker, to: chunkCount, by: workers) {
                let count = min(chunkSize, samples - chunk * chunkSize)
                results.store(sampler.run(chunk: chunk, count: count), at: chunk)
            }
        }

        // Merge in chunk order: the same sequence of operations whatever
        // the thread count. The first bad sample in chunk order is named.
        var total = ChunkStatistics(dimension: 2 * functions.count)
        for chunk in 0..<chunkCount {
            let outcome = results.outcome(at: chunk)
            if let bad = outcome.badSample {
                throw bad.value.isNaN
                    ? .undefined(x: bad.x, reason: "NaN at a Monte Carlo sample")
                    : .nonFiniteValue(x: bad.x, value: bad.value, cause: nil)
            }
            total.merge(outcome.statistics)
        }
        return summary(total, samples: samples, seed: seed, functions: functions.count)
    }
}

private extension GaussianMonteCarlo {
    static func summary(
        _ total: ChunkStatistics, samples: Int, seed: UInt64, functions: Int
    ) -> MonteCarloEstimate {
        let dimension = 2 * functions
        let divisor = Double(samples - 1) * Double(samples)
        let covariance = (0..<dimension).map { first in
            (0..<dimension).map { second in total.comoment(first, second) / divisor }
        }
        let moments = (0..<functions).map { index in
            MonteCarloMoments(
                mean: total.means[2 * index],
                meanStandardError: covariance[2 * index][2 * index].squareRoot(),
                secondMoment: total.means[2 * index + 1],
                secondMomentStandardError: covariance[2 * index + 1][2 * index + 1].squareRoot())
        }
        return MonteCarloEstimate(
            samples: samples, seed: seed, moments: moments, covariance: covariance)
    }
}

/// What one chunk produced.
struct ChunkOutcome {
    var statistics: ChunkStatistics
    /// The first sample where a function was not finite.
    var badSample: (x: Double, value: Double)?
}

/// One slot per chunk, written by whichever thread ran the chunk.
///
/// Each slot is written exactly once, by one thread, before
/// `concurrentPerform` returns; it is read only afterwards. That is the
/// whole synchronisation, hence `@unchecked Sendable`.
final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ChunkOutcome?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ outcome: ChunkOutcome, at index: Int) {
        slots[index] = outcome
    }

    func outcome(at index: Int) -> ChunkOutcome {
        slots[index] ?? ChunkOutcome(statistics: ChunkStatistics(dimension: 0))
    }
}

/// The buffers and steps of one worker thread: one allocation holding
/// the uniforms, the normals and a column per quantity (`g` and `g²` of
/// every function), each `chunkSize` long.
final class ChunkSampler {
    private let functions: [CompiledFunction]
    private let sigma: Double
    private let seed: UInt64
    private let storage: UnsafeMutableBufferPointer<Double>
    private let size = GaussianMonteCarlo.chunkSize

    init(functions: [CompiledFunction], sigma: Double, seed: UInt64) {
        self.functions = functions
        self.sigma = sigma
        self.seed = seed
        storage = .allocate(capacity: (2 + 2 * functions.count) * (size + 1))
        storage.initialize(repeating: 0)
    }

    deinit {
        storage.deallocate()
    }

    /// Buffer `slot`: 0 uniforms, 1 normals, 2 + q the column of quantity q.
    private func buffer(_ slot: Int, count: Int) -> UnsafeMutableBufferPointer<Double> {
        let start = slot * (size + 1)
        return UnsafeMutableBufferPointer(rebasing: storage[start..<(start + count)])
    }

    /// Draws chunk `chunk` (`count` samples) and reduces it.
    func run(chunk: Int, count: Int) -> ChunkOutcome {
        // Uniforms, then normals: Box–Muller turns pairs (u1, u2) into
        // two deviates; an odd count draws one extra and drops it.
        let pairs = (count + 1) / 2
        var stream = RandomStream(seed: seed, chunk: UInt64(chunk))
        let uniforms = buffer(0, count: 2 * pairs)
        stream.fillUniform(uniforms)
        let normals = buffer(1, count: 2 * pairs)
        if let uniformBase = uniforms.baseAddress {
            vm_box_muller(uniformBase, uniformBase + pairs, normals.baseAddress, pairs)
        }
        for index in 0..<count { normals[index] *= sigma }
        let samples = UnsafeBufferPointer(rebasing: normals[0..<count])

        // g and g² for every function, then the chunk's statistics.
        var badSample: (x: Double, value: Double)?
        var columns: [UnsafeBufferPointer<Double>] = []
        for (index, function) in functions.enumerated() {
            let values = buffer(2 + 2 * index, count: count)
            let squares = buffer(3 + 2 * index, count: count)
            function.evaluateBlock(samples, values)
            if let firstBad = Self.square(values, into: squares), badSample == nil {
                badSample = (samples[firstBad], values[firstBad])
            }
            columns.append(UnsafeBufferPointer(values))
            columns.append(UnsafeBufferPointer(squares))
        }
        let statistics = ChunkStatistics(columns: columns, count: count)
        return ChunkOutcome(statistics: statistics, badSample: badSample)
    }
}

private extension ChunkSampler {
    /// `squares[i] = values[i]²`; returns the first index where a value
    /// is not finite.
    static func square(
        _ values: UnsafeMutableBufferPointer<Double>,
        into squares: UnsafeMutableBufferPointer<Double>
    ) -> Int? {
        // `value · 0` is 0 for finite values and NaN otherwise, so one
        // sum tells whether any value was not finite. Four SIMD lanes,
        // since Swift does not reorder a floating-point sum to vectorise it.
        var poison = SIMD4<Double>()
        var index = 0
        if let input = values.baseAddress, let output = squares.baseAddress {
            while index + 4 <= values.count {
                let value = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(output + index).storeBytes(
                    of: value * value, as: SIMD4<Double>.self)
                poison += value * 0
                index += 4
            }
        }
        while index < values.count {
            squares[index] = values[index] * values[index]
            poison[0] += values[index] * 0
            index += 1
        }
        if poison.sum() == 0 { return nil }
        return values.indices.first { !values[$0].isFinite }
    }
}
