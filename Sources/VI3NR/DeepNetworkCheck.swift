import ActivationExpr

/// The deep random network check: evidence that an initialisation keeps
/// the variance of a deep network, forward and backward.
///
/// A batch of `B` inputs `z_0 ~ N(0, σ_p²)` of width `n` goes through `L`
/// square, bias-free layers initialised uniformly on `[-a, a]`; then
/// gradients `g_L ~ N(0, 1)` come back to the input:
///
/// ```
/// forward:   z_l     = W_l · φ(z_{l−1})              l = 1 … L
/// backward:  g_{l−1} = (W_lᵀ · g_l) ⊙ φ'(z_{l−1})     l = L … 1
/// ```
///
/// For each sample it takes the variance across the `n` units (mean-
/// subtracted, divided by `n − 1`) and reports the symmetric mean absolute
/// percentage error of the last layer's against `σ_p²` (forward) and of the
/// input gradient's against 1 (backward), plus the same figures for every
/// layer. See MATH.md, "The deep-network check".
///
/// How it computes:
/// - The matrix products are OpenBLAS's `cblas_sgemm` in single precision,
///   like the published experiment, on all cores (or `threadCount`): the
///   batch is cut into fixed blocks of 512 samples, and each worker thread
///   takes its blocks through the activation, a single-threaded `sgemm`
///   and the statistics, so the cores never idle between steps.
/// - `φ` and `φ'` are the compiled block evaluators, run on chunks of 2048
///   values converted from `Float` to `Double` and back.
/// - The weights are drawn again from their seed in the backward pass
///   instead of being kept; `φ'(z_l)` is kept, as floats, instead of `z_l`.
///
/// Memory: `4 · (L + 2) · B · n + 4 · n² + 8 · B` bytes at the most
/// (`DeepNetworkConfiguration.requiredBytes`), almost all of it the stored
/// derivatives. At the published size (`L = 100, n = 1000, B = 10000`)
/// that is 4.08 GB; the peak resident set measured by `/usr/bin/time -v`
/// was 4.11 GB (4 016 120 KiB), against 4.75 GB for the same experiment
/// in NumPy, which keeps every layer's preactivations and weights.
///
/// Reproducibility: the same seed gives the same bits, whatever the number
/// of threads, on the same machine and OpenBLAS build. The random draws
/// come in fixed chunks, each with its own generator state; the blocks of
/// samples are fixed and each product is a single-threaded `sgemm` of one
/// block, so the summation order does not depend on the threads either.
/// (A multithreaded `sgemm` of the whole batch did change the last bits
/// between 1 and 2 threads.) Another OpenBLAS build or CPU may pick other
/// kernels and so other bits.
///
/// Thread safety: checks may run at once. OpenBLAS's thread count is one
/// setting for the whole process; the check sets it to 1 while any check
/// runs and restores it after the last one.
public enum DeepNetworkCheck {
    /// Runs the check for the activation `function` with derivative
    /// `derivative`.
    ///
    /// - Parameters:
    ///   - function: `φ`, compiled; its block evaluator does the work.
    ///   - derivative: `φ'`, compiled.
    ///   - configuration: the network's shape, weight scale, `σ_p`, seed.
    ///   - progress: called after each layer of each pass, on the calling
    ///     thread; the library itself never prints.
    /// - Returns: the forward and backward errors, layer by layer.
    /// - Throws: a `DeepNetworkError` for an invalid configuration, one
    ///   that does not fit in memory, or NaN or infinity appearing in the
    ///   network (with the layer and the pass).
    public static func run(
        function: CompiledFunction,
        derivative: CompiledFunction,
        configuration: DeepNetworkConfiguration,
        progress: DeepNetworkProgress? = nil
    ) throws(DeepNetworkError) -> DeepNetworkResult {
        let outcome = try propagate(
            function: function, derivative: derivative,
            configuration: configuration, progress: progress)
        return DeepNetworkResult(
            configuration: configuration,
            weightBound: configuration.weightBound,
            threadCount: configuration.effectiveThreadCount,
            forwardLayers: outcome.forwardLayers,
            backwardLayers: outcome.backwardLayers)
    }

    /// The OpenBLAS core whose kernels the matrix products use, e.g.
    /// "SkylakeX" or "Haswell", after the check's own selection (see
    /// below). A diagnostic for the command line's verbose output.
    ///
    /// An OpenBLAS older than the CPU may fall back to its SSE-only
    /// "Prescott" kernels, 4 to 6 times slower. Unless `OPENBLAS_CORETYPE`
    /// is set, the first check in a process then asks OpenBLAS to choose
    /// again, naming "SkylakeX" (AVX-512) or "Haswell" (AVX2), whichever the
    /// CPU supports. Setting `OPENBLAS_CORETYPE` yourself overrides this.
    public static var blasCoreName: String {
        DeepNetworkBLASKernels.ensureSuitableKernels()
    }

    /// Validates the configuration and runs both passes, optionally
    /// keeping `z_L` and the input gradient (for tests).
    static func propagate(
        function: CompiledFunction,
        derivative: CompiledFunction,
        configuration: DeepNetworkConfiguration,
        keepingEndpoints: Bool = false,
        progress: DeepNetworkProgress? = nil
    ) throws(DeepNetworkError) -> DeepNetworkPropagation.Outcome {
        try configuration.validate()
        DeepNetworkBLASKernels.ensureSuitableKernels()

        let threads = configuration.effectiveThreadCount
        let propagation = DeepNetworkPropagation(
            configuration: configuration,
            kernel: DeepNetworkActivationKernel(function: function, derivative: derivative),
            workers: threads,
            progress: progress)
        // Each worker calls a single-threaded sgemm on its own rows.
        return try DeepNetworkMatrixProducts.withSingleThreadedBLAS { () throws(DeepNetworkError) in
            try propagation.run(keepingEndpoints: keepingEndpoints)
        }
    }
}
