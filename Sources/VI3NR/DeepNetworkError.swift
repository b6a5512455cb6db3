/// Why the deep-network check could not run, or stopped.
///
/// The configuration errors are found before any work starts; the
/// non-finite errors stop the run at the first layer where a NaN or an
/// infinity appears, and say where.
public enum DeepNetworkError: Error, Equatable, Sendable {
    /// The number of layers is below 1 or above
    /// `DeepNetworkConfiguration.maximumLayerCount`.
    case invalidLayerCount(Int)

    /// The width is below 2 (the variance across units divides by `n − 1`)
    /// or above `DeepNetworkConfiguration.maximumWidth`.
    case invalidWidth(Int)

    /// The batch size is below 1 or above
    /// `DeepNetworkConfiguration.maximumBatchSize`.
    case invalidBatchSize(Int)

    /// `σ_p` is not a finite number above 0.
    case invalidPreactivationStd(Double)

    /// The gain is not a finite number above 0.
    case invalidGain(Double)

    /// The uniform bound `a` is not a finite number above 0.
    case invalidWeightBound(Double)

    /// The thread count is below 1 or above
    /// `DeepNetworkConfiguration.maximumThreadCount`.
    case invalidThreadCount(Int)

    /// The buffers the run needs do not fit in this machine's memory.
    case insufficientMemory(requiredBytes: UInt64, availableBytes: UInt64)

    /// The activation (`isDerivative == false`) or its derivative gave NaN
    /// or an infinity, or a value too large for a `Float`, on the
    /// preactivations of layer `layer` (0 is the input).
    case nonFiniteActivation(layer: Int, isDerivative: Bool)

    /// The preactivations (forward) or gradients (backward) of layer
    /// `layer` (0 is the input) contain NaN or an infinity: the values
    /// overflowed `Float`, or a NaN came in through the weights' products.
    case nonFiniteValues(layer: Int, phase: DeepNetworkPhase)
}

extension DeepNetworkError: CustomStringConvertible {
    /// A one-line account of what went wrong, naming the value and the
    /// limit it broke.
    public var description: String {
        switch self {
        case .invalidLayerCount(let count):
            return "the number of layers must be between 1 and "
                + "\(DeepNetworkConfiguration.maximumLayerCount), got \(count)"
                + " (deeper networks measure Float round-off more than the initialisation)"
        case .invalidWidth(let width):
            return "the width must be between 2 and "
                + "\(DeepNetworkConfiguration.maximumWidth), got \(width)"
                + " (the variance across units divides by width − 1, and the"
                + " width × width weight matrix must fit in memory)"
        case .invalidBatchSize(let size):
            return "the batch size must be between 1 and "
                + "\(DeepNetworkConfiguration.maximumBatchSize), got \(size)"
                + " (BLAS takes 32-bit matrix sizes)"
        case .invalidPreactivationStd(let value):
            return "sigma_p must be a finite number above 0, got \(value)"
        case .invalidGain(let value):
            return "the gain must be a finite number above 0, got \(value)"
        case .invalidWeightBound(let value):
            return "the uniform weight bound must be a finite number above 0, got \(value)"
        case .invalidThreadCount(let count):
            return "the thread count must be between 1 and "
                + "\(DeepNetworkConfiguration.maximumThreadCount), got \(count)"
        case .insufficientMemory(let required, let available):
            return "the deep-network check needs \(gigabytes(required)) GB"
                + " (layers × batch × width floats for the stored derivatives),"
                + " but this machine has \(gigabytes(available)) GB;"
                + " reduce the layers, the batch or the width"
        case .nonFiniteActivation(let layer, let isDerivative):
            let what = isDerivative ? "the activation's derivative" : "the activation"
            return "\(what) gave NaN or infinity (or a value beyond Float's range)"
                + " on the preactivations of layer \(layer) in the forward pass"
        case .nonFiniteValues(let layer, let phase):
            let what = phase == .forward ? "preactivations" : "gradients"
            return "the \(what) of layer \(layer) became NaN or infinite"
                + " in the \(phase.rawValue) pass (Float overflow: the"
                + " \(phase == .forward ? "forward" : "backward") variance grows"
                + " too fast through the layers)"
        }
    }
}

/// A byte count in gigabytes with one decimal, for messages.
private func gigabytes(_ bytes: UInt64) -> String {
    let tenths = (Double(bytes) / 1e8).rounded()
    return String(tenths / 10)
}
