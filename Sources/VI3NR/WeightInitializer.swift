import CVectorMath
import Dispatch
import GaussianMoments

/// Random weights for a fully connected layer at a given gain.
///
/// Weights of variance `gain² / fan_in` keep the pre-activation variance
/// (see `GainReport`). Two distributions have that variance:
///
///     uniform:  U(−a, a),             a = gain · √(3 / fan_in)
///     normal:   N(0, std²),           std = gain / √fan_in
///
/// `uniformBound` and `standardDeviation` give `a` and `std` for use with
/// another framework (e.g. `torch.nn.init.uniform_(w, -a, a)` or
/// `normal_(w, 0, std)`); `weights(seed:)` draws a matrix here.
///
/// The matrix is `fan_out × fan_in`, row-major (row `i` holds the weights
/// into output unit `i`), the layout of PyTorch's `Linear.weight`. The
/// draws are cut into chunks of 4096 values, chunk `k` drawn from its own
/// `RandomStream(seed:, chunk: k)`; the chunks are filled on all cores
/// and the result depends on the seed and the shape only.
public struct WeightInitializer: Equatable, Sendable {
    /// The distribution of the weights.
    public enum Distribution: String, Equatable, Sendable {
        /// Uniform on `[−a, a]`, `a = gain · √(3/fan_in)`.
        case uniform
        /// Normal with mean 0 and standard deviation `gain / √fan_in`.
        case normal
    }

    /// The gain.
    public let gain: Double

    /// The number of inputs of the layer (columns of the matrix).
    public let fanIn: Int

    /// The number of outputs of the layer (rows of the matrix).
    public let fanOut: Int

    /// Uniform or normal.
    public let distribution: Distribution

    /// An initialiser for a `fanOut × fanIn` weight matrix.
    ///
    /// - Throws: `.invalidGain` for a negative or non-finite gain,
    ///   `.invalidLayerShape` for a fan below 1 or a matrix of more than
    ///   2^40 entries.
    public init(
        gain: Double, fanIn: Int, fanOut: Int, distribution: Distribution = .uniform
    ) throws(VI3NRError) {
        guard gain.isFinite, gain >= 0 else { throw .invalidGain(gain) }
        let (count, overflow) = fanIn.multipliedReportingOverflow(by: fanOut)
        guard fanIn >= 1, fanOut >= 1, !overflow, count <= 1 << 40 else {
            throw .invalidLayerShape(fanOut: fanOut, fanIn: fanIn)
        }
        self.gain = gain
        self.fanIn = fanIn
        self.fanOut = fanOut
        self.distribution = distribution
    }

    /// `a = gain · √(3 / fan_in)`, the bound of the uniform distribution.
    public var uniformBound: Double {
        gain * (3 / Double(fanIn)).squareRoot()
    }

    /// `gain / √fan_in`, the standard deviation of either distribution.
    public var standardDeviation: Double {
        gain / Double(fanIn).squareRoot()
    }

    /// The number of weights, `fan_out × fan_in`.
    public var count: Int { fanOut * fanIn }

    /// Draws the matrix in double precision, row-major.
    public func weights(seed: UInt64) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(MatrixBuffer(elements: buffer), seed: seed) { $0 }
            initialized = count
        }
    }

    /// Draws the matrix in single precision: each weight is the `Float`
    /// nearest to the `Double` weight of `weights(seed:)`.
    public func floatWeights(seed: UInt64) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(MatrixBuffer(elements: buffer), seed: seed) { Float($0) }
            initialized = count
        }
    }
}

// MARK: - Drawing

private extension WeightInitializer {
    static let chunkLength = 4096

    /// Draws every chunk (on all cores) into `matrix`, each value
    /// converted by `convert`.
    func fill<Element>(
        _ matrix: MatrixBuffer<Element>, seed: UInt64,
        convert: @escaping @Sendable (Double) -> Element
    ) {
        let chunkCount = (count + Self.chunkLength - 1) / Self.chunkLength
        let total = count
        let distribution = distribution
        let bound = uniformBound, deviation = standardDeviation
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let offset = chunk * Self.chunkLength
            let length = min(Self.chunkLength, total - offset)
            let values = Self.draw(
                chunk: chunk, length: length, seed: seed, distribution: distribution,
                bound: bound, standardDeviation: deviation)
            for index in 0..<length { matrix.elements[offset + index] = convert(values[index]) }
        }
    }

    /// The values of one chunk.
    static func draw(
        chunk: Int, length: Int, seed: UInt64, distribution: Distribution, bound: Double,
        standardDeviation: Double
    ) -> [Double] {
        var stream = RandomStream(seed: seed, chunk: UInt64(chunk))
        switch distribution {
        case .uniform:
            var values = [Double](repeating: 0, count: length)
            values.withUnsafeMutableBufferPointer { stream.fillUniform($0) }
            // u ∈ (0, 1] ↦ a(2u − 1) ∈ (−a, a].
            for index in values.indices { values[index] = bound * (2 * values[index] - 1) }
            return values
        case .normal:
            // Box–Muller turns pairs of uniforms into pairs of normals.
            let pairs = (length + 1) / 2
            var uniforms = [Double](repeating: 0, count: 2 * pairs)
            uniforms.withUnsafeMutableBufferPointer { stream.fillUniform($0) }
            var normals = [Double](repeating: 0, count: 2 * pairs)
            uniforms.withUnsafeBufferPointer { source in
                normals.withUnsafeMutableBufferPointer { target in
                    guard let base = source.baseAddress else { return }
                    vm_box_muller(base, base + pairs, target.baseAddress, pairs)
                }
            }
            return (0..<length).map { standardDeviation * normals[$0] }
        }
    }
}

/// The matrix being filled, shared by the threads of `fill`: each chunk
/// is written by exactly one task, so no two threads touch the same
/// element; hence `@unchecked Sendable`.
private struct MatrixBuffer<Element>: @unchecked Sendable {
    let elements: UnsafeMutableBufferPointer<Element>
}
