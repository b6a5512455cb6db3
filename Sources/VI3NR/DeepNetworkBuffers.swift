import Foundation

/// The working memory of one deep-network run: two batches that swap roles
/// each layer, one weight matrix, one variance per sample, and the stored
/// derivatives `φ'(z_l)`.
///
/// A class, so that the batches can swap and `deallocate` sees the final
/// state whichever way the run ends.
final class DeepNetworkBuffers {
    /// The batch the next layer reads (`B × n`, row-major).
    private(set) var current: UnsafeMutableBufferPointer<Float>

    /// The batch the next layer writes.
    private(set) var next: UnsafeMutableBufferPointer<Float>

    /// One layer's `n × n` weights.
    let weights: UnsafeMutableBufferPointer<Float>

    /// One variance per sample.
    let variances: UnsafeMutableBufferPointer<Double>

    /// `φ'(z_l)` for `l = 0 …`, appended by the forward pass and handed
    /// out, last first, to the backward pass.
    private var derivatives: [UnsafeMutableBufferPointer<Float>] = []

    private let elementCount: Int

    /// What to report if the system refuses memory.
    private let memoryError: DeepNetworkError

    /// The batches, weights and variances of a validated configuration.
    ///
    /// - Throws: `.insufficientMemory` if the system refuses them.
    init(configuration: DeepNetworkConfiguration) throws(DeepNetworkError) {
        elementCount = configuration.batchSize * configuration.width
        memoryError = .insufficientMemory(
            requiredBytes: configuration.requiredBytes ?? UInt64.max,
            availableBytes: ProcessInfo.processInfo.physicalMemory)

        let current = DeepNetworkLargeBuffer.allocateFloats(elementCount)
        let next = DeepNetworkLargeBuffer.allocateFloats(elementCount)
        let weights = DeepNetworkLargeBuffer.allocateFloats(
            configuration.width * configuration.width)
        guard let current, let next, let weights else {
            for buffer in [current, next, weights] {
                if let buffer { DeepNetworkLargeBuffer.deallocate(buffer) }
            }
            throw memoryError
        }
        self.current = current
        self.next = next
        self.weights = weights
        variances = .allocate(capacity: configuration.batchSize)
    }

    /// Makes the batch just written the one the next layer reads.
    func swapBatches() {
        swap(&current, &next)
    }

    /// A new `B × n` buffer for the next layer's `φ'`, kept until
    /// `takeDerivative` hands it out.
    ///
    /// - Throws: `.insufficientMemory` if the system refuses it.
    func allocateDerivative() throws(DeepNetworkError) -> UnsafeMutableBufferPointer<Float> {
        guard let derivative = DeepNetworkLargeBuffer.allocateFloats(elementCount) else {
            throw memoryError
        }
        derivatives.append(derivative)
        return derivative
    }

    /// The most recently stored `φ'` (that of the highest layer not yet
    /// taken), or `nil` when none is left; the caller now owns it and
    /// must release it with `DeepNetworkLargeBuffer.deallocate`.
    func popDerivative() -> UnsafeMutableBufferPointer<Float>? {
        derivatives.popLast()
    }

    /// The buffers of one layer's step, shareable with the workers.
    func shared(derivative: UnsafeMutableBufferPointer<Float>) -> Shared {
        Shared(
            current: SharedBuffer(current), next: SharedBuffer(next),
            weights: SharedBuffer(weights), variances: SharedBuffer(variances),
            derivative: SharedBuffer(derivative))
    }

    /// The buffers as the workers of one step see them: each writes only
    /// its own rows of `next`, `variances` and `derivative` (and, in the
    /// forward pass, of `current`).
    struct Shared: Sendable {
        let current: SharedBuffer<Float>
        let next: SharedBuffer<Float>
        let weights: SharedBuffer<Float>
        let variances: SharedBuffer<Double>
        let derivative: SharedBuffer<Float>
    }

    /// Releases everything still held.
    func deallocate() {
        DeepNetworkLargeBuffer.deallocate(current)
        DeepNetworkLargeBuffer.deallocate(next)
        DeepNetworkLargeBuffer.deallocate(weights)
        variances.deallocate()
        for derivative in derivatives { DeepNetworkLargeBuffer.deallocate(derivative) }
        derivatives = []
    }
}
