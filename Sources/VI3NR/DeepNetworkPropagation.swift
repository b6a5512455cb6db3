/// The forward and backward passes of the deep-network check, over
/// row-major `Float` batches (one sample per row).
///
/// Work split: the batch is cut into fixed blocks of `rowBlockLength`
/// samples, and each worker thread takes whole blocks through every step
/// of a layer (activation, single-threaded `sgemm`, statistics) while the
/// block is still in its cache. The workers never wait for each other
/// within a layer, and OpenBLAS runs single-threaded inside each, so its
/// own idle threads do not spin against ours. The products cost the same
/// as one multithreaded `sgemm` of the whole batch (measured on two
/// cores), and, since the blocks do not depend on the number of workers,
/// neither does any bit of the result.
///
/// Memory: the backward pass needs `φ'(z_l)` for `l = 0 … L−1`. They are
/// computed in the forward pass, together with `φ(z_l)`, and stored as
/// floats (`L · B · n` of them: 4.0 GB at the published size); the
/// preactivations themselves are not kept. The weights are not kept
/// either: each layer's weights are drawn again from their seed in the
/// backward pass (`n²` uniforms, a few milliseconds, against the `2 B n²`
/// flops of the layer's product). Each stored derivative is freed as soon
/// as the backward pass has used it.
struct DeepNetworkPropagation {
    /// Samples per block of work. Fixed, so that the results do not
    /// depend on the number of threads; large enough that the products
    /// lose nothing to re-packing the weights per block (measured: blocks
    /// of 500 rows as fast as one call, 250 rows 10 % slower).
    static let rowBlockLength = 512

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

    /// Runs both passes. `configuration` must have been validated, and
    /// OpenBLAS set to one thread.
    ///
    /// - Parameter keepingEndpoints: whether to return copies of `z_L` and
    ///   of the input gradient (for tests).
    /// - Throws: `DeepNetworkError.nonFiniteActivation` or
    ///   `.nonFiniteValues` at the first layer where NaN or an infinity
    ///   appears.
    func run(keepingEndpoints: Bool = false) throws(DeepNetworkError) -> Outcome {
        let buffers = try DeepNetworkBuffers(configuration: configuration)
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
    /// `z_0 ~ N(0, σ_p²)`, then `z_l = W_l · φ(z_{l−1})` for `l = 1 … L`,
    /// keeping `φ'(z_{l−1})` and each layer's variance.
    func forwardPass(
        _ buffers: DeepNetworkBuffers, into outcome: inout Outcome
    ) throws(DeepNetworkError) {
        let layers = configuration.layerCount
        let width = configuration.width
        let target = configuration.preactivationStd * configuration.preactivationStd

        DeepNetworkRandom.fillNormal(
            buffers.current, std: Float(configuration.preactivationStd),
            seed: configuration.seed, stream: .inputs, workers: workers)
        DeepNetworkRowStatistics.rowVariances(
            of: buffers.current, rows: configuration.batchSize, columns: width,
            into: buffers.variances, workers: workers)
        outcome.forwardLayers.append(
            try summarise(buffers, layer: 0, target: target, phase: .forward))

        for layer in 1 ... layers {
            drawWeights(buffers, layer: layer)
            let derivative = try buffers.allocateDerivative()
            let shared = buffers.shared(derivative: derivative)
            let kernel = self.kernel

            // Per block: φ' stored for the backward pass, φ in place, the
            // product with Wᵀ into the other batch, the rows' variances.
            let nonFinite = forEachRowBlock { rows, elements, scratch in
                let blockOutputs = kernel.apply(
                    to: shared.current.slice(elements),
                    derivatives: shared.derivative.slice(elements), scratch: scratch)
                DeepNetworkMatrixProducts.multiplyByTransposedWeights(
                    shared.current.slice(elements), weights: shared.weights.buffer,
                    into: shared.next.slice(elements), rows: rows.count, width: width)
                DeepNetworkRowStatistics.rowVariances(
                    of: shared.next.slice(elements), columns: width,
                    into: shared.variances.slice(rows))
                return blockOutputs
            }
            if nonFinite.function {
                throw .nonFiniteActivation(layer: layer - 1, isDerivative: false)
            }
            if nonFinite.derivative {
                throw .nonFiniteActivation(layer: layer - 1, isDerivative: true)
            }
            buffers.swapBatches()

            outcome.forwardLayers.append(
                try summarise(buffers, layer: layer, target: target, phase: .forward))
            progress?(layer, layers, .forward)
        }
    }

    /// `g_L ~ N(0, 1)`, then `g_{l−1} = (W_lᵀ g_l) ⊙ φ'(z_{l−1})` for
    /// `l = L … 1`, with each layer's variance.
    func backwardPass(
        _ buffers: DeepNetworkBuffers, into outcome: inout Outcome
    ) throws(DeepNetworkError) {
        let layers = configuration.layerCount
        let width = configuration.width
        var reversedLayers: [DeepNetworkLayerVariance] = []

        DeepNetworkRandom.fillNormal(
            buffers.current, std: 1,
            seed: configuration.seed, stream: .topGradients, workers: workers)
        DeepNetworkRowStatistics.rowVariances(
            of: buffers.current, rows: configuration.batchSize, columns: width,
            into: buffers.variances, workers: workers)
        reversedLayers.append(
            try summarise(buffers, layer: layers, target: 1, phase: .backward))

        for layer in stride(from: layers, through: 1, by: -1) {
            drawWeights(buffers, layer: layer)
            // The forward pass stored φ'(z_0 … z_{L−1}); they come back
            // highest first, one per layer.
            guard let derivative = buffers.popDerivative() else {
                preconditionFailure("the forward pass stores one derivative per layer")
            }
            let shared = buffers.shared(derivative: derivative)

            // Per block: the product with W, times φ'(z_{l−1}), the rows'
            // variances.
            _ = forEachRowBlock { rows, elements, _ in
                let gradients = shared.next.slice(elements)
                DeepNetworkMatrixProducts.multiplyByWeights(
                    shared.current.slice(elements), weights: shared.weights.buffer,
                    into: gradients, rows: rows.count, width: width)
                let factors = shared.derivative.slice(elements)
                for index in 0 ..< gradients.count {
                    gradients[index] *= factors[index]
                }
                DeepNetworkRowStatistics.rowVariances(
                    of: gradients, columns: width, into: shared.variances.slice(rows))
                return DeepNetworkActivationKernel.NonFiniteOutputs()
            }
            DeepNetworkLargeBuffer.deallocate(derivative)
            buffers.swapBatches()

            reversedLayers.append(
                try summarise(buffers, layer: layer - 1, target: 1, phase: .backward))
            progress?(layers - layer + 1, layers, .backward)
        }
        outcome.backwardLayers = reversedLayers.reversed()
    }

    /// Draws layer `layer`'s weights, `U(-a, a)`, into `buffers.weights`.
    func drawWeights(_ buffers: DeepNetworkBuffers, layer: Int) {
        DeepNetworkRandom.fillUniform(
            buffers.weights, bound: Float(configuration.weightBound),
            seed: configuration.seed, stream: .weights(layer: layer), workers: workers)
    }

    /// Calls `body(rows, elements, scratch)` for every block of
    /// `rowBlockLength` samples, the workers taking blocks in turn, and
    /// merges what the blocks report. `elements` are the block's indices
    /// in a batch, `scratch` the worker's kernel scratch.
    func forEachRowBlock(
        _ body: @Sendable (
            _ rows: Range<Int>, _ elements: Range<Int>,
            _ scratch: UnsafeMutableBufferPointer<Double>
        ) -> DeepNetworkActivationKernel.NonFiniteOutputs
    ) -> DeepNetworkActivationKernel.NonFiniteOutputs {
        let batch = configuration.batchSize
        let width = configuration.width
        let blockLength = Self.rowBlockLength
        let blockCount = (batch + blockLength - 1) / blockLength
        let sliceCount = DeepNetworkParallel.sliceCount(count: blockCount, workers: workers)
        let reports = UnsafeMutableBufferPointer<DeepNetworkActivationKernel.NonFiniteOutputs>
            .allocate(capacity: sliceCount)
        reports.initialize(repeating: .init())
        defer { reports.deallocate() }
        let sharedReports = SharedBuffer(reports)

        // Worker `w` takes blocks w, w + sliceCount, …: the last, shorter
        // block then lands on one worker among the others' full ones.
        DeepNetworkParallel.forEachSlice(count: sliceCount, workers: sliceCount) { worker, _ in
            let scratch = DeepNetworkActivationKernel.makeScratch()
            defer { scratch.deallocate() }

            var report = DeepNetworkActivationKernel.NonFiniteOutputs()
            for block in stride(from: worker, to: blockCount, by: sliceCount) {
                let rows = block * blockLength ..< min((block + 1) * blockLength, batch)
                let elements = rows.lowerBound * width ..< rows.upperBound * width
                report = report.merged(with: body(rows, elements, scratch))
            }
            sharedReports.buffer[worker] = report
        }
        return reports.reduce(.init()) { $0.merged(with: $1) }
    }

    /// The per-sample variances in `buffers.variances`, summarised.
    ///
    /// - Throws: `.nonFiniteValues` if any of them is NaN or infinite,
    ///   which happens when any value of the batch is.
    func summarise(
        _ buffers: DeepNetworkBuffers, layer: Int, target: Double, phase: DeepNetworkPhase
    ) throws(DeepNetworkError) -> DeepNetworkLayerVariance {
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
