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
///   like the published experiment, on all cores (or `threadCount`).
/// - `φ` and `φ'` are the compiled block evaluators, run on chunks of 2048
///   values converted from `Float` to `Double` and back, in parallel.
/// - The weights are drawn again from their seed in the backward pass
///   instead of being kept; `φ'(z_l)` is kept, as floats, instead of `z_l`.
///
/// Memory: `4 · (L + 2) · B · n + 4 · n² + 8 · B` bytes at the most
/// (`DeepNetworkConfiguration.requiredBytes`), almost all of it the stored
/// derivatives. At the published size (`L = 100, n = 1000, B = 10000`)
/// that is 4.08 GB; the peak resident set measured by `/usr/bin/time -v`
/// was 4.0 GiB (see the project README for the figure on this machine).
///
/// Reproducibility: the same seed gives the same inputs, weights and top
/// gradients whatever the number of threads (each fixed chunk of random
/// numbers has its own generator state), and the activation and the
/// statistics do not depend on the thread count either. Whether
/// `cblas_sgemm`'s summation order does is up to OpenBLAS: with this
/// machine's OpenBLAS (0.3.21, pthreads) the results were bit-for-bit the
/// same with 1 and 2 threads, but other builds or thread counts may split
/// the inner sums differently. Same seed, same machine, same thread count:
/// the same bits.
///
/// Thread safety: OpenBLAS's thread count is one setting for the whole
/// process; the check sets it for its run and restores it afterwards, so
/// two checks running at once may see each other's setting.
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
        return try DeepNetworkMatrixProducts.withThreadCount(1) { () throws(DeepNetworkError) in
            try propagation.run(keepingEndpoints: keepingEndpoints)
        }
    }
}
