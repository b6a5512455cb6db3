import CVectorMath

extension ChunkStatistics {
    /// The statistics of the quantities `g_0, g_0², g_1, g_1², …` from the
    /// values of `g_0, g_1, …` alone, in two fused passes per function (and
    /// per pair of functions) instead of one pass per quantity and pair;
    /// the squares are never stored.
    ///
    /// The arithmetic is that of `init(columns:count:)` up to the grouping
    /// of the sums (four SIMD lanes each), so the two agree to rounding.
    ///
    /// - Returns: nil when some value is NaN or infinite.
    init?(functionValues values: [UnsafeBufferPointer<Double>], count: Int) {
        let functions = values.count
        let dimension = 2 * functions
        self.init(dimension: dimension)
        self.count = count

        // Pass 1: means of g and g², and whether every value is finite
        // (`g · 0` is 0 for finite g and NaN otherwise).
        for function in 0..<functions {
            guard let (mean, meanSquare) = Self.meanAndMeanSquare(values[function], count: count)
            else { return nil }
            means[2 * function] = mean
            means[2 * function + 1] = meanSquare
        }

        // Pass 2: centred products of (g_i, g_i²) with (g_j, g_j²), i ≤ j.
        for first in 0..<functions {
            for second in first..<functions {
                let sums = Self.centredProducts(
                    values[first], mean: means[2 * first], meanSquare: means[2 * first + 1],
                    values[second], mean: means[2 * second], meanSquare: means[2 * second + 1],
                    count: count)
                let row = 2 * first
                let column = 2 * second
                comoments[index(row, column)] = sums[0]
                comoments[index(row, column + 1)] = sums[1]
                if first != second {
                    comoments[index(row + 1, column)] = sums[2]
                }
                comoments[index(row + 1, column + 1)] = sums[3]
            }
        }
    }
}

private extension ChunkStatistics {
    /// The position of `C_ab`, `a ≤ b`, in the upper triangle.
    func index(_ row: Int, _ column: Int) -> Int {
        let dimension = means.count
        return row * dimension - row * (row - 1) / 2 + (column - row)
    }

    /// `(Σ g/n, Σ g²/n)`, or nil when some `g` is not finite.
    ///
    /// The loop is C (`vm_value_sums`), compiled for AVX2 and AVX-512 and
    /// chosen at run time: this module's Swift is compiled for baseline
    /// x86-64, where these sums took a fifth of a Monte Carlo run.
    static func meanAndMeanSquare(
        _ values: UnsafeBufferPointer<Double>, count: Int
    ) -> (Double, Double)? {
        var totals = SIMD4<Double>()
        withUnsafeMutableBytes(of: &totals) { bytes in
            vm_value_sums(
                values.baseAddress, count, bytes.baseAddress?.assumingMemoryBound(to: Double.self))
        }
        guard totals[2] == 0 else { return nil }
        return (totals[0] / Double(count), totals[1] / Double(count))
    }

    /// With `a = g − m`, `b = g² − M` for each of the two functions:
    /// `[Σ a₁a₂, Σ a₁b₂, Σ b₁a₂, Σ b₁b₂]` (C, `vm_centred_product_sums`,
    /// for the reason given on `meanAndMeanSquare`).
    static func centredProducts(
        _ first: UnsafeBufferPointer<Double>, mean firstMean: Double,
        meanSquare firstMeanSquare: Double,
        _ second: UnsafeBufferPointer<Double>, mean secondMean: Double,
        meanSquare secondMeanSquare: Double,
        count: Int
    ) -> SIMD4<Double> {
        var shifts = SIMD4(firstMean, firstMeanSquare, secondMean, secondMeanSquare)
        var sums = SIMD4<Double>()
        withUnsafeBytes(of: &shifts) { shiftBytes in
            withUnsafeMutableBytes(of: &sums) { sumBytes in
                vm_centred_product_sums(
                    first.baseAddress, second.baseAddress, count,
                    shiftBytes.baseAddress?.assumingMemoryBound(to: Double.self),
                    sumBytes.baseAddress?.assumingMemoryBound(to: Double.self))
            }
        }
        return sums
    }
}
