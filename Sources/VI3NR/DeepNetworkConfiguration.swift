import Foundation
import GaussianMoments

/// The shape, scale and seed of one deep-network check.
///
/// The network has `layerCount` square, bias-free layers of `width` units:
/// `z_l = W_l · φ(z_{l−1})`, every weight uniform on `[-a, a]` (see
/// `DeepNetworkWeightScale`). A batch of `batchSize` inputs is drawn from
/// `N(0, σ_p²)`, with `σ_p = preactivationStd`.
///
/// The defaults (20 layers of 256 units, 1000 samples) finish in well
/// under a second; the published experiment is
/// `layerCount: 100, width: 1000, batchSize: 10000`.
public struct DeepNetworkConfiguration: Sendable, Equatable {
    /// The most layers a check accepts. Deeper networks measure the
    /// accumulated `Float` round-off more than the initialisation.
    public static let maximumLayerCount = 100_000

    /// The widest layer a check accepts: the `width × width` weight matrix
    /// of `Float`s then takes 4 GiB.
    public static let maximumWidth = 32_768

    /// The largest batch a check accepts: BLAS takes 32-bit matrix sizes.
    public static let maximumBatchSize = Int(Int32.max)

    /// The most threads a check accepts.
    public static let maximumThreadCount = 1024

    /// The number of layers `L` (at least 1).
    public var layerCount: Int

    /// The number of units `n` of every layer (at least 2).
    public var width: Int

    /// The number of samples `B` pushed through together (at least 1).
    public var batchSize: Int

    /// `σ_p`: the standard deviation of the inputs, and the one every layer
    /// should keep. The forward error compares each sample's variance with
    /// `σ_p²`. It must be finite and above 0 also as a `Float`.
    public var preactivationStd: Double

    /// The size of the uniform weights, as a gain or as a bound.
    public var weightScale: DeepNetworkWeightScale

    /// The seed of every random draw (inputs, weights, top gradients).
    public var seed: UInt64

    /// Threads for the matrix products and the element-wise work; `nil`
    /// uses every core the process may run on. The summation order inside
    /// OpenBLAS's `sgemm` may depend on it: see `DeepNetworkCheck`.
    public var threadCount: Int?

    /// A configuration; everything but the weight scale has a default
    /// small enough to run in well under a second.
    public init(
        layerCount: Int = 20,
        width: Int = 256,
        batchSize: Int = 1000,
        preactivationStd: Double = 1,
        weightScale: DeepNetworkWeightScale,
        seed: UInt64 = 1,
        threadCount: Int? = nil
    ) {
        self.layerCount = layerCount
        self.width = width
        self.batchSize = batchSize
        self.preactivationStd = preactivationStd
        self.weightScale = weightScale
        self.seed = seed
        self.threadCount = threadCount
    }

    /// The bound `a` of the uniform weights: `gain · √(3/n)`, or the bound
    /// as given.
    public var weightBound: Double {
        weightScale.uniformBound(width: width)
    }

    /// The threads the run will use: `threadCount`, or the number of
    /// processors this process may run on (`AvailableProcessors`).
    public var effectiveThreadCount: Int {
        threadCount ?? AvailableProcessors.count
    }

    /// The bytes the run allocates, at the most: the stored derivatives
    /// `φ'(z_l)` of layers `0 … L−1` (`L · B · n` floats), two working
    /// batches, one weight matrix, and the per-sample statistics. `nil` if
    /// the count overflows 64 bits.
    ///
    /// At the published size (`L = 100, n = 1000, B = 10000`) this is
    /// about 4.08 GB.
    public var requiredBytes: UInt64? {
        let layers = UInt64(max(layerCount, 0))
        let width = UInt64(max(self.width, 0))
        let batch = UInt64(max(batchSize, 0))
        let floatSize = UInt64(MemoryLayout<Float>.size)
        let doubleSize = UInt64(MemoryLayout<Double>.size)

        let (batchElements, overflow1) = batch.multipliedReportingOverflow(by: width)
        let (stored, overflow2) = batchElements.multipliedReportingOverflow(by: layers + 2)
        let (weights, overflow3) = width.multipliedReportingOverflow(by: width)
        let (floats, overflow4) = stored.addingReportingOverflow(weights)
        let (floatBytes, overflow5) = floats.multipliedReportingOverflow(by: floatSize)
        let statisticsBytes = batch &* doubleSize
        let (total, overflow6) = floatBytes.addingReportingOverflow(statisticsBytes)
        if overflow1 || overflow2 || overflow3 || overflow4 || overflow5 || overflow6 {
            return nil
        }
        return total
    }

    /// Checks every field and that the run fits in memory.
    ///
    /// - Throws: the first `DeepNetworkError` found, in the order layers,
    ///   width, batch, `σ_p`, weight scale, threads, memory.
    public func validate() throws(DeepNetworkError) {
        guard (1...Self.maximumLayerCount).contains(layerCount) else {
            throw .invalidLayerCount(layerCount)
        }
        guard (2...Self.maximumWidth).contains(width) else {
            throw .invalidWidth(width)
        }
        guard (1...Self.maximumBatchSize).contains(batchSize) else {
            throw .invalidBatchSize(batchSize)
        }
        // The inputs are Floats: σ_p must stay finite and above 0 as one.
        let floatStd = Float(preactivationStd)
        guard preactivationStd.isFinite, preactivationStd > 0,
              floatStd.isFinite, floatStd > 0 else {
            throw .invalidPreactivationStd(preactivationStd)
        }
        switch weightScale {
        case .gain(let gain):
            guard gain.isFinite, gain > 0 else { throw .invalidGain(gain) }
        case .bound(let bound):
            guard bound.isFinite, bound > 0 else { throw .invalidWeightBound(bound) }
        }

        // A gain can be finite while the bound it gives, or the bound as a
        // Float, is not (gain 1e308); the weights are Floats.
        let bound = weightBound
        guard bound.isFinite, bound > 0, Float(bound).isFinite, Float(bound) > 0 else {
            if case .gain(let gain) = weightScale { throw .invalidGain(gain) }
            throw .invalidWeightBound(bound)
        }
        if let threadCount {
            guard (1...Self.maximumThreadCount).contains(threadCount) else {
                throw .invalidThreadCount(threadCount)
            }
        }

        let available = ProcessInfo.processInfo.physicalMemory
        guard let required = requiredBytes, required <= available else {
            throw .insufficientMemory(
                requiredBytes: requiredBytes ?? UInt64.max, availableBytes: available)
        }
    }
}
