/// Running statistics of the numbers of a data file, kept in constant
/// memory.
///
/// Cells are gathered in blocks of `blockLength`; each full block gets its
/// mean and centred sum of squares by two passes and is merged into the
/// totals with the pairwise update of Chan, Golub and LeVeque, which stays
/// accurate when the mean is large against the spread (a one-pass
/// `Σx² − (Σx)²/N` would cancel). Rows are tracked too: each row's mean
/// of `x²` is one draw of the quantity whose average is the second
/// moment, so their spread gives the second moment a standard error.
struct DataStatisticsAccumulator {
    static let blockLength = 4096

    private var block = [Double](repeating: 0, count: blockLength)
    private var blockCount = 0
    private var mergedCount = 0
    private var mean = 0.0
    private var centredSumOfSquares = 0.0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    private var rowSumOfSquares = 0.0
    private var rowCells = 0
    private(set) var rows = 0
    private var rowMean = 0.0
    private var rowCentredSumOfSquares = 0.0

    /// The number of cells added.
    var count: Int { mergedCount + blockCount }

    /// Adds one cell of the current row.
    mutating func add(_ value: Double) {
        block[blockCount] = value
        blockCount += 1
        if blockCount == Self.blockLength { mergeBlock() }
        rowSumOfSquares += value * value
        rowCells += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Closes the current row.
    mutating func endRow() {
        guard rowCells > 0 else { return }
        let rowSecondMoment = rowSumOfSquares / Double(rowCells)
        rows += 1
        let delta = rowSecondMoment - rowMean
        rowMean += delta / Double(rows)
        rowCentredSumOfSquares += delta * (rowSecondMoment - rowMean)
        rowSumOfSquares = 0
        rowCells = 0
    }

    /// The pooled mean, population variance (divisor `N`), second moment
    /// and the second moment's standard error over rows (nil for one row).
    mutating func summary() -> (
        mean: Double, variance: Double, secondMoment: Double, standardError: Double?
    ) {
        mergeBlock()
        let variance = mergedCount > 0 ? centredSumOfSquares / Double(mergedCount) : 0
        let standardError: Double? = rows > 1
            ? (rowCentredSumOfSquares / Double(rows - 1) / Double(rows)).squareRoot()
            : nil
        return (mean, variance, mean * mean + variance, standardError)
    }

    /// Folds the pending block into the totals.
    private mutating func mergeBlock() {
        guard blockCount > 0 else { return }
        let size = Double(blockCount)
        var sum = 0.0
        for index in 0..<blockCount { sum += block[index] }
        let blockMean = sum / size
        var centred = 0.0
        for index in 0..<blockCount {
            let deviation = block[index] - blockMean
            centred += deviation * deviation
        }

        let total = Double(mergedCount) + size
        let delta = blockMean - mean
        mean += delta * size / total
        centredSumOfSquares += centred + delta * delta * Double(mergedCount) * size / total
        mergedCount += blockCount
        blockCount = 0
    }
}
