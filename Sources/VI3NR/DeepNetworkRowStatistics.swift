/// Per-sample variances across the units of a layer, as the published
/// experiment takes them: mean-subtracted, divided by `n − 1`.
enum DeepNetworkRowStatistics {
    /// Writes the variance of each row of the row-major `rows × columns`
    /// matrix into `variances` (`rows` values), in double precision.
    ///
    /// Two passes per row, the mean and then the squared deviations, so
    /// that a row whose mean is large against its spread loses nothing to
    /// cancellation. A row holding NaN or an infinity gets NaN or an
    /// infinity. `columns` must be at least 2.
    static func rowVariances(
        of matrix: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int,
        into variances: UnsafeMutableBufferPointer<Double>, workers: Int
    ) {
        let sharedMatrix = SharedBuffer(matrix)
        let sharedVariances = SharedBuffer(variances)
        DeepNetworkParallel.forEachSlice(count: rows, workers: workers) { _, rowRange in
            let elements = rowRange.lowerBound * columns ..< rowRange.upperBound * columns
            rowVariances(
                of: sharedMatrix.slice(elements), columns: columns,
                into: sharedVariances.slice(rowRange))
        }
    }

    /// The same on the calling thread: one variance per row of `matrix`
    /// (`variances.count` rows of `columns` values) into `variances`.
    static func rowVariances(
        of matrix: UnsafeMutableBufferPointer<Float>, columns: Int,
        into variances: UnsafeMutableBufferPointer<Double>
    ) {
        for row in 0 ..< variances.count {
            let values = UnsafeBufferPointer(
                rebasing: matrix[row * columns ..< (row + 1) * columns])
            variances[row] = variance(of: values)
        }
    }

    /// The unbiased variance of `values` (at least 2 of them), summed in
    /// double precision over eight lanes.
    static func variance(of values: UnsafeBufferPointer<Float>) -> Double {
        let count = values.count
        let mean = laneSum(values, shift: 0, square: false) / Double(count)
        let squaredDeviations = laneSum(values, shift: mean, square: true)
        return squaredDeviations / Double(count - 1)
    }

    /// The mean over rows of the per-row variances, and their standard
    /// deviation across rows (`nil` for a single row), summed in row order.
    static func meanAndSpread(
        of variances: UnsafeBufferPointer<Double>
    ) -> (mean: Double, spread: Double?) {
        let count = Double(variances.count)
        var sum = 0.0
        for value in variances { sum += value }
        let mean = sum / count
        guard variances.count > 1 else { return (mean, nil) }

        var squaredDeviations = 0.0
        for value in variances { squaredDeviations += (value - mean) * (value - mean) }
        return (mean, (squaredDeviations / (count - 1)).squareRoot())
    }
}

private extension DeepNetworkRowStatistics {
    /// `Σ (x − shift)` or `Σ (x − shift)²` over `values`, in double
    /// precision, eight elements at a time into independent lanes so that
    /// the additions pipeline and vectorise; the order, and so the result,
    /// depends on `values` alone.
    static func laneSum(
        _ values: UnsafeBufferPointer<Float>, shift: Double, square: Bool
    ) -> Double {
        guard let base = values.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let shiftVector = SIMD4<Double>(repeating: shift)
        var low = SIMD4<Double>()
        var high = SIMD4<Double>()

        let vectorCount = values.count / 8
        for block in 0 ..< vectorCount {
            let eight = raw.loadUnaligned(
                fromByteOffset: block * 8 * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
            let lowTerms = SIMD4<Double>(eight.lowHalf) - shiftVector
            let highTerms = SIMD4<Double>(eight.highHalf) - shiftVector
            if square {
                low += lowTerms * lowTerms
                high += highTerms * highTerms
            } else {
                low += lowTerms
                high += highTerms
            }
        }

        var sum = (low + high).sum()
        for index in vectorCount * 8 ..< values.count {
            let term = Double(values[index]) - shift
            sum += square ? term * term : term
        }
        return sum
    }
}
