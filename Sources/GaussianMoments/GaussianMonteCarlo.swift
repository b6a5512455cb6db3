import ActivationExpr
import CVectorMath
import Dispatch
import Foundation
import Synchronization

/// Gaussian expectations by Monte Carlo: reproducible, parallel, and
/// evaluated a chunk of samples at a time with block evaluators.
///
/// The `N` samples are cut into chunks of 2048. Chunk `k` draws its
/// uniforms from `RandomStream(seed:, chunk: k)`, turns them into normal
/// deviates with the Box–Muller transform (`vm_box_muller`, SLEEF AVX-512 or AVX2),
/// scales them by σ, evaluates every function with its block evaluator
/// and reduces `g` and `g²` to means and centred cross-products (two
/// passes over data still in cache). Threads claim blocks of 16 chunks;
/// a block's chunks are merged in order, and the blocks in order, so the
/// result is the same to the last bit whatever the number of threads, and
/// the memory kept per block stays small even for 10^9 samples.
public enum GaussianMonteCarlo {
    /// Samples per chunk: a few buffers of this size stay in L1/L2.
    static let chunkSize = 2048

    /// Chunks per block, the unit of work a thread claims.
    static let chunksPerBlock = 16

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
    /// - Throws: `.invalidStandardDeviation`, `.invalidSampleCount`,
    ///   `.invalidThreadCount`, `.undefined` when a function is NaN at a
    ///   sample, `.nonFiniteValue` when it is infinite there (the first
    ///   such sample in chunk order is named).
    public static func moments(
        of functions: [CompiledFunction],
        standardDeviation sigma: Double,
        samples: Int = defaultSamples,
        seed: UInt64 = 0,
        threads: Int = AvailableProcessors.count
    ) throws(GaussianMomentError) -> MonteCarloEstimate {
        guard sigma.isFinite, sigma > 0 else { throw .invalidStandardDeviation(sigma) }
        guard samples >= 2 else { throw .invalidSampleCount(samples) }
        guard threads >= 1 else { throw .invalidThreadCount(threads) }

        let chunkCount = (samples + chunkSize - 1) / chunkSize
        let blockCount = (chunkCount + chunksPerBlock - 1) / chunksPerBlock
        let results = ChunkResults(count: blockCount)
        let workers = min(threads, blockCount)
        let dimension = 2 * functions.count
        // Each worker claims the next unclaimed block, so a thread slowed
        // down by other work on the machine simply does fewer blocks.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let sampler = ChunkSampler(functions: functions, sigma: sigma, seed: seed)
            while let block = results.claimBlock() {
                var outcome = ChunkOutcome(statistics: ChunkStatistics(dimension: dimension))
                let first = block * chunksPerBlock
                for chunk in first..<min(first + chunksPerBlock, chunkCount) {
                    let count = min(chunkSize, samples - chunk * chunkSize)
                    let chunkOutcome = sampler.run(chunk: chunk, count: count)
                    if chunkOutcome.badSample != nil {
                        outcome = chunkOutcome
                        break
                    }
                    outcome.statistics.merge(chunkOutcome.statistics)
                }
                results.store(outcome, at: block)
            }
        }

        // Merge in block order: the same sequence of operations whatever
        // the thread count. The first bad sample in chunk order is named.
        var total = ChunkStatistics(dimension: dimension)
        for block in 0..<blockCount {
            let outcome = results.outcome(at: block)
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

/// What one chunk, or a block of chunks, produced.
struct ChunkOutcome {
    var statistics: ChunkStatistics
    /// The first sample where a function was not finite.
    var badSample: (x: Double, value: Double)?
}

/// One slot per block of chunks, written by whichever thread ran the
/// block, and the counter from which threads claim blocks.
///
/// The counter is atomic, so each block is claimed by exactly one thread;
/// its slot is written once, by that thread, before `concurrentPerform`
/// returns, and read only afterwards. That is the whole synchronisation,
/// hence `@unchecked Sendable`.
final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ChunkOutcome?>
    private let nextChunk = Atomic<Int>(0)

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    /// The next block nobody has claimed, or nil when all are taken.
    func claimBlock() -> Int? {
        let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
        return chunk < slots.count ? chunk : nil
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
/// the uniforms, the normals and the values of every function, each
/// `chunkSize` long.
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
        storage = .allocate(capacity: (2 + functions.count) * (size + 1))
        storage.initialize(repeating: 0)
    }

    deinit {
        storage.deallocate()
    }

    /// Buffer `slot`: 0 uniforms, 1 normals, 2 + f the values of function f.
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

        // g for every function, then the chunk's statistics of g and g².
        var columns: [UnsafeBufferPointer<Double>] = []
        for (index, function) in functions.enumerated() {
            let values = buffer(2 + index, count: count)
            function.evaluateBlock(samples, values)
            columns.append(UnsafeBufferPointer(values))
        }
        if let statistics = ChunkStatistics(functionValues: columns, count: count) {
            return ChunkOutcome(statistics: statistics, badSample: nil)
        }

        // Some value is not finite: name the first one.
        for column in columns {
            if let index = column.indices.first(where: { !column[$0].isFinite }) {
                return ChunkOutcome(
                    statistics: ChunkStatistics(dimension: 2 * functions.count),
                    badSample: (samples[index], column[index]))
            }
        }
        return ChunkOutcome(statistics: ChunkStatistics(dimension: 2 * functions.count))
    }
}
