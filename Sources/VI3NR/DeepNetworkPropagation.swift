/// The forward and backward passes of the deep-network check, over
/// row-major `Float` batches (one sample per row).
///
/// Memory: the backward pass needs `φ'(z_l)` for `l = 0 … L−1`. They are
/// computed in the forward pass, together with `φ(z_l)`, and stored as
/// floats (`L · B · n` of them: 4.0 GB at the published size); the
/// preactivations themselves are not kept. The weights are not kept
/// either: each layer's weights are drawn again from their seed in the
/// backward pass (`n²` uniforms, about a millisecond, against the
/// `2 B n²` flops of the layer's product). Each stored derivative is freed
/// as soon as the backward pass has used it.
struct DeepNetworkPropagation {
    let configuration: DeepNetworkConfiguration
    let kernel: DeepNetworkActivationKernel
    let workers: Int
    let progress: DeepNetworkProgress?

    /// What a run produced.
    struct Outcome {
        /// Layers 0 … L of the forward pass.
        var forwardLayers: [DeepNetworkLayerVariance] = []

        /// Layers 0 … L of the backward pass (gradient of layer `l` at `l`).
        var backwardLayers: [DeepNetworkLayerVariance] = []

        /// `z_L`, row-major, when the run was asked to keep it.
        var lastPreactivations: [Float]?

        /// The gradient with respect to `z_0`, when asked to keep it.
        var inputGradients: [Float]?
    }

    /// Runs both passes. `configuration` must have been validated.
    ///
    /// - Parameter keepingEndpoints: whether to return copies of `z_L` and
    ///   of the input gradient (for tests).
    /// - Throws: `DeepNetworkError.nonFiniteActivation` or
    ///   `.nonFiniteValues` at the first layer where NaN or an infinity
    ///   appears.
    func run(keepingEndpoints: Bool = false) throws(DeepNetworkError) -> Outcome {
        let buffers = Buffers(configuration: configuration)
        defer { buffers.deallocate() }
        var outcome = Outcome()

        try forwardPass(buffers, into: &outcome)
        if keepingEndpoints {
            outcome.lastPreactivations = Array(buffers.current)
        }

        try backwardPass(buffers, into: &outcome)
        if keepingEndpoints {
            outcome.inputGradients = Array(buffers.current)
        }
        return outcome
    }
}

private extension DeepNetworkPropagation {
    /// The working memory of one run. A class, so that the two working
    /// batches can swap roles and `deallocate` sees the final state.
    final class Buffers {
        /// The batch the next step reads.
        var current: UnsafeMutableBufferPointer<Float>

        /// The batch the next matrix product writes.
        var next: UnsafeMutableBufferPointer<Float>

        /// One layer's `n × n` weights.
        let weights: UnsafeMutableBufferPointer<Float>

        /// One variance per sample.
        let variances: UnsafeMutableBufferPointer<Double>

        /// `φ'(z_l)` for `l = 0 …`, filled by the forward pass, emptied by
        /// the backward pass.
        var derivatives: [UnsafeMutableBufferPointer<Float>?] = []

        init(configuration: DeepNetworkConfiguration) {
            let elements = configuration.batchSize * configuration.width
            current = .allocate(capacity: elements)
            next = .allocate(capacity: elements)
            weights = .allocate(capacity: configuration.width * configuration.width)
            variances = .allocate(capacity: configuration.batchSize)
        }

        func swapBatches() {
            swap(&current, &next)
        }

        func deallocate() {
            current.deallocate()
            next.deallocate()
            weights.deallocate()
            variances.deallocate()
            for derivative in derivatives { derivative?.deallocate() }
            derivatives = []
        }
    }

    /// `z_0 ~ N(0, σ_p²)`, then `z_l = W_l · φ(z_{l−1})` for `l = 1 … L`,
    /// keeping `φ'(z_{l−1})` and each layer's variance.
    func forwardPass(_ buffers: Buffers, into outcome: inout Outcome) throws(DeepNetworkError) {
        let layers = configuration.layerCount
        let elements = configuration.batchSize * configuration.width
        let target = configuration.preactivationStd * configuration.preactivationStd
        let bound = Float(configuration.weightBound)

        DeepNetworkRandom.fillNormal(
            buffers.current, std: Float(configuration.preactivationStd),
            seed: configuration.seed, stream: .inputs, workers: workers)
        outcome.forwardLayers.append(
            try layerVariance(buffers, layer: 0, target: target, phase: .forward))

        for layer in 1 ... layers {
            // φ' into its own buffer for the backward pass, φ in place.
            let derivative = UnsafeMutableBufferPointer<Float>.allocate(capacity: elements)
            buffers.derivatives.append(derivative)
            let nonFinite = kernel.apply(
                to: buffers.current, derivatives: derivative, workers: workers)
            if nonFinite.function {
                throw .nonFiniteActivation(layer: layer - 1, isDerivative: false)
            }
            if nonFinite.derivative {
                throw .nonFiniteActivation(layer: layer - 1, isDerivative: true)
            }

            DeepNetworkRandom.fillUniform(
                buffers.weights, bound: bound,
                seed: configuration.seed, stream: .weights(layer: layer), workers: workers)
            DeepNetworkMatrixProducts.multiplyByTransposedWeights(
                buffers.current, weights: buffers.weights, into: buffers.next,
                rows: configuration.batchSize, width: configuration.width)
            buffers.swapBatches()

            outcome.forwardLayers.append(
                try layerVariance(buffers, layer: layer, target: target, phase: .forward))
            progress?(layer, layers, .forward)
        }
    }

    /// `g_L ~ N(0, 1)`, then `g_{l−1} = (W_lᵀ g_l) ⊙ φ'(z_{l−1})` for
    /// `l = L … 1`, with each layer's variance.
    func backwardPass(_ buffers: Buffers, into outcome: inout Outcome) throws(DeepNetworkError) {
        let layers = configuration.layerCount
        let bound = Float(configuration.weightBound)
        var reversedLayers: [DeepNetworkLayerVariance] = []

        DeepNetworkRandom.fillNormal(
            buffers.current, std: 1,
            seed: configuration.seed, stream: .topGradients, workers: workers)
        reversedLayers.append(
            try layerVariance(buffers, layer: layers, target: 1, phase: .backward))

        for layer in stride(from: layers, through: 1, by: -1) {
            DeepNetworkRandom.fillUniform(
                buffers.weights, bound: bound,
                seed: configuration.seed, stream: .weights(layer: layer), workers: workers)
            DeepNetworkMatrixProducts.multiplyByWeights(
                buffers.current, weights: buffers.weights, into: buffers.next,
                rows: configuration.batchSize, width: configuration.width)
            if let derivative = buffers.derivatives[layer - 1] {
                multiplyElementwise(buffers.next, by: derivative)
                derivative.deallocate()
                buffers.derivatives[layer - 1] = nil
            }
            buffers.swapBatches()

            reversedLayers.append(
                try layerVariance(buffers, layer: layer - 1, target: 1, phase: .backward))
            progress?(layers - layer + 1, layers, .backward)
        }
        outcome.backwardLayers = reversedLayers.reversed()
    }

    /// `values ⊙= factors`, in parallel.
    func multiplyElementwise(
        _ values: UnsafeMutableBufferPointer<Float>, by factors: UnsafeMutableBufferPointer<Float>
    ) {
        let sharedValues = SharedBuffer(values)
        let sharedFactors = SharedBuffer(factors)
        DeepNetworkParallel.forEachSlice(count: values.count, workers: workers) { _, range in
            let slice = sharedValues.slice(range)
            let factorSlice = sharedFactors.slice(range)
            for index in 0 ..< slice.count {
                slice[index] *= factorSlice[index]
            }
        }
    }

    /// The per-sample variances of the current batch, summarised.
    ///
    /// - Throws: `.nonFiniteValues` if any value of the batch is NaN or
    ///   infinite (its row's variance then is too).
    func layerVariance(
        _ buffers: Buffers, layer: Int, target: Double, phase: DeepNetworkPhase
    ) throws(DeepNetworkError) -> DeepNetworkLayerVariance {
        DeepNetworkRowStatistics.rowVariances(
            of: buffers.current, rows: configuration.batchSize, columns: configuration.width,
            into: buffers.variances, workers: workers)
        let variances = UnsafeBufferPointer(buffers.variances)
        let (mean, spread) = DeepNetworkRowStatistics.meanAndSpread(of: variances)
        guard mean.isFinite else {
            throw .nonFiniteValues(layer: layer, phase: phase)
        }
        return DeepNetworkLayerVariance(
            layer: layer, meanVariance: mean, varianceSpread: spread,
            smape: symmetricMeanAbsolutePercentageError(variances, target: target))
    }
}
