/// The gain of a network's first layer, which sees data instead of
/// activations.
///
/// With input features of mean `μ_x` and standard deviation `s_x`, weights
/// of variance `gain²/fan_in` give pre-activations of variance
/// `gain² (μ_x² + s_x²)`, so σ_p is kept by
///
///     input gain² = σ_p² / (μ_x² + s_x²)
///
/// From a data file, `μ_x² + s_x²` is the mean of `x²` over all cells
/// (see `InputDataStatistics`), and it carries a standard error from the
/// spread between rows; the gain's relative standard error is half that
/// of the second moment.
public struct InputGain: Equatable, Sendable {
    /// σ_p.
    public let preactivationStd: Double

    /// `μ_x² + s_x²`, the second moment of the inputs.
    public let inputSecondMoment: Double

    /// `σ_p² / (μ_x² + s_x²)`.
    public let gainSquared: Double

    /// `σ_p / √(μ_x² + s_x²)`.
    public var gain: Double { gainSquared.squareRoot() }

    /// The standard error of `gainSquared` from the data (first-order
    /// propagation of `InputDataStatistics.secondMomentStandardError`);
    /// nil for a mean and standard deviation given as exact, or for data
    /// with one row.
    public let gainSquaredStandardError: Double?

    /// The standard error of `gain`: half the relative error of `gain²`.
    public var gainStandardError: Double? {
        gainSquaredStandardError.map { gain * ($0 / gainSquared) / 2 }
    }

    /// The data statistics, when the gain came from a file.
    public let statistics: InputDataStatistics?

    /// The input gain for features of the given mean and standard
    /// deviation.
    ///
    /// - Throws: `.invalidPreactivationStd`; `.invalidInputStatistics`
    ///   for a non-finite value, a negative standard deviation, or
    ///   `μ_x = s_x = 0` (inputs that are all 0 carry no signal: no gain
    ///   can give them variance).
    public init(
        mean: Double, standardDeviation: Double, preactivationStd sigma: Double = 1
    ) throws(VI3NRError) {
        try MomentComputation.validate(preactivationStd: sigma)
        let secondMoment = mean * mean + standardDeviation * standardDeviation
        guard mean.isFinite, standardDeviation.isFinite, standardDeviation >= 0,
              secondMoment > 0, secondMoment.isFinite else {
            throw .invalidInputStatistics(mean: mean, standardDeviation: standardDeviation)
        }
        preactivationStd = sigma
        inputSecondMoment = secondMoment
        gainSquared = sigma * sigma / secondMoment
        gainSquaredStandardError = nil
        statistics = nil
    }

    /// The input gain for the statistics of a data file.
    ///
    /// - Throws: `.invalidPreactivationStd`; `.invalidInputStatistics`
    ///   when every cell is 0.
    public init(statistics: InputDataStatistics, preactivationStd sigma: Double = 1)
        throws(VI3NRError)
    {
        try MomentComputation.validate(preactivationStd: sigma)
        guard statistics.secondMoment > 0, statistics.secondMoment.isFinite else {
            throw .invalidInputStatistics(
                mean: statistics.mean, standardDeviation: statistics.standardDeviation)
        }
        preactivationStd = sigma
        inputSecondMoment = statistics.secondMoment
        gainSquared = sigma * sigma / statistics.secondMoment
        gainSquaredStandardError = statistics.secondMomentStandardError.map {
            sigma * sigma / statistics.secondMoment * ($0 / statistics.secondMoment)
        }
        self.statistics = statistics
    }

    /// Reads a data file as a stream and computes the input gain.
    ///
    /// - Throws: `.inputData` with the line and field at fault, and the
    ///   errors of `init(statistics:preactivationStd:)`.
    public init(
        contentsOfFile path: String, format: DataFileFormat = .automatic,
        preactivationStd sigma: Double = 1
    ) throws(VI3NRError) {
        try MomentComputation.validate(preactivationStd: sigma)
        let statistics: InputDataStatistics
        do {
            statistics = try InputDataStatistics(contentsOfFile: path, format: format)
        } catch {
            throw .inputData(error)
        }
        try self.init(statistics: statistics, preactivationStd: sigma)
    }
}
