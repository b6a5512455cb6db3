/// How well one layer of the deep-network check kept its variance.
///
/// For each of the `B` samples, the variance across the layer's `n` units
/// (mean-subtracted, divided by `n − 1`); then, over the samples:
///
/// ```
/// meanVariance = (1/B) Σ_b v_b
/// varianceSpread = √( Σ_b (v_b − meanVariance)² / (B − 1) )
/// smape = 100 · (1/B) Σ_b |v_b − t| / (|v_b| + |t|)
/// ```
///
/// with the target `t = σ_p²` for preactivations and `t = 1` for gradients.
public struct DeepNetworkLayerVariance: Sendable, Equatable {
    /// The layer: 0 is the input, `L` the output of the last layer.
    public let layer: Int

    /// The mean over samples of the per-sample variance.
    public let meanVariance: Double

    /// The standard deviation across samples of the per-sample variance;
    /// `nil` for a batch of one sample.
    public let varianceSpread: Double?

    /// The symmetric mean absolute percentage error of the per-sample
    /// variances against the target, in percent (0 to 100).
    public let smape: Double

    /// A layer's figures.
    public init(layer: Int, meanVariance: Double, varianceSpread: Double?, smape: Double) {
        self.layer = layer
        self.meanVariance = meanVariance
        self.varianceSpread = varianceSpread
        self.smape = smape
    }
}

/// The outcome of a deep-network check.
///
/// The two headline figures are symmetric mean absolute percentage errors
/// in percent (see `symmetricMeanAbsolutePercentageError`): 0 means every
/// sample kept its variance exactly; 100 means the variance vanished or
/// exploded.
public struct DeepNetworkResult: Sendable, Equatable {
    /// What was run.
    public let configuration: DeepNetworkConfiguration

    /// The bound `a` the weights were drawn with, `U(-a, a)`.
    public let weightBound: Double

    /// The threads used by OpenBLAS and by the element-wise work.
    public let threadCount: Int

    /// The SMAPE of the last layer's per-sample preactivation variance
    /// against `σ_p²`, in percent.
    public var forwardSMAPE: Double { forwardLayers[forwardLayers.count - 1].smape }

    /// The SMAPE of the input gradient's per-sample variance against 1,
    /// in percent.
    public var backwardSMAPE: Double { backwardLayers[0].smape }

    /// The preactivations' variance layer by layer: element `l` is layer
    /// `l`, from 0 (the Gaussian inputs) to `L` (the output).
    public let forwardLayers: [DeepNetworkLayerVariance]

    /// The gradients' variance layer by layer: element `l` is the gradient
    /// with respect to the preactivations of layer `l`, from 0 (the input
    /// gradient) to `L` (the Gaussian gradient drawn at the top).
    public let backwardLayers: [DeepNetworkLayerVariance]

    /// A result; `forwardLayers` and `backwardLayers` each hold `L + 1`
    /// layers, in order (never empty).
    init(
        configuration: DeepNetworkConfiguration, weightBound: Double, threadCount: Int,
        forwardLayers: [DeepNetworkLayerVariance], backwardLayers: [DeepNetworkLayerVariance]
    ) {
        self.configuration = configuration
        self.weightBound = weightBound
        self.threadCount = threadCount
        self.forwardLayers = forwardLayers
        self.backwardLayers = backwardLayers
    }
}
