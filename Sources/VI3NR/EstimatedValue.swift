import GaussianMoments

/// A number computed deterministically, with a bound on its error.
///
/// Quadrature results and everything derived from them (the gain, the
/// backward condition, a root σ_p) come as an `EstimatedValue`. Errors of
/// derived quantities follow to first order from those of the moments:
/// for a product or quotient the relative errors add, for a square root
/// the relative error halves.
public struct EstimatedValue: Equatable, Sendable {
    /// The value.
    public let value: Double

    /// A bound on the absolute error of `value` (0 for exact values).
    public let errorEstimate: Double

    /// Bundles a value with its error bound.
    public init(value: Double, errorEstimate: Double) {
        self.value = value
        self.errorEstimate = errorEstimate
    }

    /// `errorEstimate / |value|`; infinite for a value of 0 with an
    /// error, 0 for an exact 0.
    public var relativeError: Double {
        if errorEstimate == 0 { return 0 }
        return errorEstimate / Swift.abs(value)
    }
}

/// A Monte Carlo estimate with its standard error and the run that made
/// it.
public struct MonteCarloValue: Equatable, Sendable {
    /// The estimate.
    public let value: Double

    /// Its standard error: the sample standard deviation over `√N`, or
    /// for derived quantities (a gain, a ratio of moments) the delta
    /// method's first-order propagation of it.
    public let standardError: Double

    /// How many Gaussian samples the run drew.
    public let samples: Int

    /// The seed of the run; the same seed and sample count give the same
    /// value to the last bit, whatever the number of threads.
    public let seed: UInt64

    /// Bundles an estimate with its standard error and its run.
    public init(value: Double, standardError: Double, samples: Int, seed: UInt64) {
        self.value = value
        self.standardError = standardError
        self.samples = samples
        self.seed = seed
    }

    /// How many standard errors apart a Monte Carlo value and a
    /// quadrature value are (the z-score of GaussianMoments'
    /// `MomentAgreement`):
    ///
    ///     z = (monteCarlo − quadrature) / √(standardError² + errorEstimate²)
    ///
    /// Approximately standard normal when both are right: `|z| ≤ 4`
    /// fails by chance about once in 16 000 comparisons. The denominator
    /// is at least 1e-14 of the quadrature value, so a function constant
    /// on the samples is not failed for rounding; 0 when the values are
    /// equal.
    public func agreementSigmas(with quadrature: EstimatedValue) -> Double {
        agreement(with: quadrature).zScore
    }

    /// The largest `|z|` (see `agreementSigmas(with:)`) counted as
    /// agreement: 4, which a correct pair of values exceeds by chance
    /// about once in 16 000 comparisons.
    public static let agreementThreshold = 4.0

    /// Whether this value and a quadrature value agree: `|z| ≤
    /// agreementThreshold`.
    public func agrees(with quadrature: EstimatedValue) -> Bool {
        agreement(with: quadrature).agrees
    }

    private func agreement(with quadrature: EstimatedValue) -> MomentAgreement {
        MomentAgreement(
            quadrature: QuadratureEstimate(
                value: quadrature.value, errorEstimate: quadrature.errorEstimate),
            monteCarloValue: value, monteCarloStandardError: standardError, samples: samples,
            threshold: Self.agreementThreshold)
    }
}

/// How a Monte Carlo cross-check is run.
public struct MonteCarloOptions: Equatable, Sendable {
    /// The number of samples used when none is given: 10^6, the common
    /// practice, which gives a relative standard error of about 1e-3 on
    /// a second moment.
    public static let defaultSamples = 1_000_000

    /// The number of Gaussian samples, at least 2.
    public var samples: Int

    /// Selects the samples.
    public var seed: UInt64

    /// Worker threads; nil for all cores. The result does not depend on
    /// it.
    public var threads: Int?

    /// Monte Carlo with `samples` samples from `seed`.
    public init(samples: Int = defaultSamples, seed: UInt64 = 0, threads: Int? = nil) {
        self.samples = samples
        self.seed = seed
        self.threads = threads
    }
}
