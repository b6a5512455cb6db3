import COpenBLAS
import Synchronization

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

    /// Runs `body` with OpenBLAS single-threaded, for callers that run
    /// several products at once on their own threads, and restores
    /// OpenBLAS's thread count when the last such caller has finished.
    ///
    /// OpenBLAS's thread count is one setting for the whole process. A
    /// count of the callers inside makes overlapping checks (tests run in
    /// parallel, say) safe: the first sets one thread, the last restores
    /// what was there before. Other code that sets the count while a
    /// check runs would still change it under the check.
    static func withSingleThreadedBLAS<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        singleThreadedUsers.withLock { state in
            if state.users == 0 {
                state.previousThreadCount = openblas_get_num_threads()
                openblas_set_num_threads(1)
            }
            state.users += 1
        }
        defer {
            singleThreadedUsers.withLock { state in
                state.users -= 1
                if state.users == 0 {
                    openblas_set_num_threads(state.previousThreadCount)
                }
            }
        }
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

private extension DeepNetworkMatrixProducts {
    /// How many callers are inside `withSingleThreadedBLAS`, and the
    /// thread count to restore after the last.
    struct SingleThreadedState {
        var users = 0
        var previousThreadCount: Int32 = 1
    }

    static let singleThreadedUsers = Mutex(SingleThreadedState())
}
