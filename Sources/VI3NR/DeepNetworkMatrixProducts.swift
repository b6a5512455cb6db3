import COpenBLAS

/// The two single-precision matrix products of the deep-network check,
/// by OpenBLAS's `cblas_sgemm` (found in OpenBLAS itself, see
/// `DeepNetworkOpenBLASLibrary`), on row-major batches (one sample per
/// row).
///
/// With `Z` the `B × n` batch of preactivations and `W` the `n × n` weights
/// of a layer (`z_out = W · z_in` for one sample as a column):
///
/// ```
/// forward:   Z_out = φ(Z_in) · Wᵀ
/// backward:  G_in  = G_out · W        (then ⊙ φ'(Z_in), elsewhere)
/// ```
///
/// Sizes are checked by `DeepNetworkConfiguration.validate` to fit BLAS's
/// 32-bit integers before any product runs.
enum DeepNetworkMatrixProducts {
    /// `output = input · weightsᵀ` for `rows × width` batches and
    /// `width × width` weights.
    static func multiplyByTransposedWeights(
        _ input: UnsafeMutableBufferPointer<Float>,
        weights: UnsafeMutableBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>,
        rows: Int, width: Int
    ) {
        sgemm(input, weights, output, rows: rows, width: width, transposeWeights: true)
    }

    /// `output = input · weights` for `rows × width` batches and
    /// `width × width` weights.
    static func multiplyByWeights(
        _ input: UnsafeMutableBufferPointer<Float>,
        weights: UnsafeMutableBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>,
        rows: Int, width: Int
    ) {
        sgemm(input, weights, output, rows: rows, width: width, transposeWeights: false)
    }

    /// Runs `body` with OpenBLAS set to `threads` threads, and restores the
    /// previous count afterwards.
    ///
    /// OpenBLAS's thread count is one setting for the whole process: two
    /// checks running at once with different counts would each see the
    /// other's setting part of the time.
    static func withThreadCount<Result, Failure: Error>(
        _ threads: Int, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let previous = openblas_get_num_threads()
        openblas_set_num_threads(Int32(clamping: threads))
        defer { openblas_set_num_threads(previous) }
        return try body()
    }
}

private extension DeepNetworkMatrixProducts {
    static func sgemm(
        _ input: UnsafeMutableBufferPointer<Float>,
        _ weights: UnsafeMutableBufferPointer<Float>,
        _ output: UnsafeMutableBufferPointer<Float>,
        rows: Int, width: Int, transposeWeights: Bool
    ) {
        let rowCount = Int32(clamping: rows)
        let columnCount = Int32(clamping: width)
        DeepNetworkOpenBLASLibrary.sgemm(
            CblasRowMajor, CblasNoTrans, transposeWeights ? CblasTrans : CblasNoTrans,
            rowCount, columnCount, columnCount,
            1, input.baseAddress, columnCount,
            weights.baseAddress, columnCount,
            0, output.baseAddress, columnCount)
    }
}
