/// Means and centred cross-products of several quantities over a set of
/// samples, mergeable without loss of accuracy.
///
/// For quantities `q_1 … q_d` observed on `n` samples it holds the means
/// `m_a` and the co-moments `C_ab = Σ (q_a − m_a)(q_b − m_b)`. A chunk
/// computes them in two passes over its samples (which sit in cache), so
/// the sums never subtract two large nearly equal numbers; chunks are then
/// merged with Chan, Golub and LeVeque's pairwise formula
///
///     n = n_A + n_B,  δ = m_B − m_A,
///     m = m_A + δ·n_B/n,
///     C = C_A + C_B + δ δᵀ · n_A n_B / n
///
/// which keeps `E[g²]` and its variance (from sums of `g²` and `g⁴`)
/// accurate even when the mean is large compared with the spread.
struct ChunkStatistics {
    /// Number of samples.
    var count: Int
    /// `m_a`, one per quantity.
    var means: [Double]
    /// `C_ab` for `a ≤ b`, row by row of the upper triangle.
    var comoments: [Double]

    /// The statistics of nothing, for `dimension` quantities.
    init(dimension: Int) {
        count = 0
        means = [Double](repeating: 0, count: dimension)
        comoments = [Double](repeating: 0, count: dimension * (dimension + 1) / 2)
    }

    /// Two-pass statistics of `columns[a][i]`, `i < count`.
    init(columns: [UnsafeBufferPointer<Double>], count: Int) {
        let dimension = columns.count
        self.count = count
        means = columns.map { column in
            Self.sum(column, count: count) / Double(count)
        }
        comoments = []
        comoments.reserveCapacity(dimension * (dimension + 1) / 2)
        for first in 0..<dimension {
            for second in first..<dimension {
                comoments.append(Self.centredProductSum(
                    columns[first], means[first], columns[second], means[second], count: count))
            }
        }
    }

    /// Merges `other` into `self` (Chan et al.).
    mutating func merge(_ other: ChunkStatistics) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let factor = Double(count) * Double(other.count) / Double(total)
        let deltas = zip(other.means, means).map { $0 - $1 }
        var pair = 0
        for first in deltas.indices {
            for second in first..<deltas.count {
                comoments[pair] += other.comoments[pair] + deltas[first] * deltas[second] * factor
                pair += 1
            }
        }
        for index in means.indices {
            means[index] += deltas[index] * Double(other.count) / Double(total)
        }
        count = total
    }

    /// `C_ab` for any order of `a` and `b`.
    func comoment(_ first: Int, _ second: Int) -> Double {
        let (row, column) = first <= second ? (first, second) : (second, first)
        let dimension = means.count
        return comoments[row * dimension - row * (row - 1) / 2 + (column - row)]
    }
}

private extension ChunkStatistics {
    /// Four doubles from `column` at `index`, as one SIMD value.
    static func load(_ column: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
        guard let base = column.baseAddress else { return SIMD4() }
        return UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// `Σ x_i` with four SIMD lanes (Swift does not reorder floating-point
    /// sums on its own, so a plain loop would not vectorise).
    static func sum(_ column: UnsafeBufferPointer<Double>, count: Int) -> Double {
        var lanes = SIMD4<Double>()
        var index = 0
        while index + 4 <= count {
            lanes += load(column, index)
            index += 4
        }
        var total = lanes.sum()
        while index < count {
            total += column[index]
            index += 1
        }
        return total
    }

    /// `Σ (x_i − m_x)(y_i − m_y)`, four SIMD lanes.
    static func centredProductSum(
        _ first: UnsafeBufferPointer<Double>, _ firstMean: Double,
        _ second: UnsafeBufferPointer<Double>, _ secondMean: Double, count: Int
    ) -> Double {
        let firstShift = SIMD4(repeating: firstMean)
        let secondShift = SIMD4(repeating: secondMean)
        var lanes = SIMD4<Double>()
        var index = 0
        while index + 4 <= count {
            lanes += (load(first, index) - firstShift) * (load(second, index) - secondShift)
            index += 4
        }
        var total = lanes.sum()
        while index < count {
            total += (first[index] - firstMean) * (second[index] - secondMean)
            index += 1
        }
        return total
    }
}
