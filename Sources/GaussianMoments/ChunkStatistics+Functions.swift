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

    static func load(_ column: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
        guard let base = column.baseAddress else { return SIMD4() }
        return UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// `(Σ g/n, Σ g²/n)`, or nil when some `g` is not finite.
    static func meanAndMeanSquare(
        _ values: UnsafeBufferPointer<Double>, count: Int
    ) -> (Double, Double)? {
        var sum = SIMD4<Double>()
        var sumOfSquares = SIMD4<Double>()
        var poison = SIMD4<Double>()
        var index = 0
        while index + 4 <= count {
            let value = load(values, index)
            sum += value
            sumOfSquares += value * value
            poison += value * 0
            index += 4
        }
        var total = sum.sum()
        var totalOfSquares = sumOfSquares.sum()
        var poisonTotal = poison.sum()
        while index < count {
            let value = values[index]
            total += value
            totalOfSquares += value * value
            poisonTotal += value * 0
            index += 1
        }
        guard poisonTotal == 0 else { return nil }
        return (total / Double(count), totalOfSquares / Double(count))
    }

    /// With `a = g − m`, `b = g² − M` for each of the two functions:
    /// `[Σ a₁a₂, Σ a₁b₂, Σ b₁a₂, Σ b₁b₂]`.
    static func centredProducts(
        _ first: UnsafeBufferPointer<Double>, mean firstMean: Double,
        meanSquare firstMeanSquare: Double,
        _ second: UnsafeBufferPointer<Double>, mean secondMean: Double,
        meanSquare secondMeanSquare: Double,
        count: Int
    ) -> [Double] {
        let firstShift = SIMD4(repeating: firstMean)
        let firstSquareShift = SIMD4(repeating: firstMeanSquare)
        let secondShift = SIMD4(repeating: secondMean)
        let secondSquareShift = SIMD4(repeating: secondMeanSquare)
        var valueValue = SIMD4<Double>()
        var valueSquare = SIMD4<Double>()
        var squareValue = SIMD4<Double>()
        var squareSquare = SIMD4<Double>()
        var index = 0
        while index + 4 <= count {
            let x = load(first, index)
            let y = load(second, index)
            let firstValue = x - firstShift
            let firstSquare = x * x - firstSquareShift
            let secondValue = y - secondShift
            let secondSquare = y * y - secondSquareShift
            valueValue += firstValue * secondValue
            valueSquare += firstValue * secondSquare
            squareValue += firstSquare * secondValue
            squareSquare += firstSquare * secondSquare
            index += 4
        }
        var sums = [valueValue.sum(), valueSquare.sum(), squareValue.sum(), squareSquare.sum()]
        while index < count {
            let x = first[index]
            let y = second[index]
            let firstValue = x - firstMean
            let firstSquare = x * x - firstMeanSquare
            let secondValue = y - secondMean
            let secondSquare = y * y - secondMeanSquare
            sums[0] += firstValue * secondValue
            sums[1] += firstValue * secondSquare
            sums[2] += firstSquare * secondValue
            sums[3] += firstSquare * secondSquare
            index += 1
        }
        return sums
    }
}
