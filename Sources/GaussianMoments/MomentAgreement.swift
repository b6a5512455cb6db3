import ActivationExpr

/// Whether a Monte Carlo estimate and a quadrature value of the same
/// Gaussian expectation agree, and by how much.
///
/// The two methods share nothing but the function: quadrature integrates
/// the density with GSL on panels it chooses from the function's shape,
/// Monte Carlo averages the function over random samples. Agreement within
/// a few standard errors is evidence that neither went wrong. The z-score
///
///     z = (monteCarlo − quadrature) / √(standardError² + quadratureError²)
///
/// is approximately standard normal when both are right; `|z| ≤ 4` fails
/// by chance about once in 16 000 checks.
public struct MomentAgreement: Equatable, Sendable {
    /// The quadrature value with its error estimate.
    public let quadrature: QuadratureEstimate

    /// The Monte Carlo estimate of the same expectation.
    public let monteCarloValue: Double

    /// Its standard error.
    public let monteCarloStandardError: Double

    /// How many samples the Monte Carlo estimate used.
    public let samples: Int

    /// The z-score defined above (0 when both values are equal, infinite
    /// when they differ and neither carries an error).
    public let zScore: Double

    /// The largest `|zScore|` counted as agreement.
    public let threshold: Double

    /// Whether `|zScore| ≤ threshold`.
    public var agrees: Bool { Swift.abs(zScore) <= threshold }

    /// Compares a Monte Carlo estimate with a quadrature value.
    ///
    /// The denominator of the z-score is at least 1e-14 of the value, so
    /// a function that is constant on the samples (zero standard error)
    /// is not failed for the last bits of rounding.
    public init(
        quadrature: QuadratureEstimate,
        monteCarloValue: Double,
        monteCarloStandardError: Double,
        samples: Int,
        threshold: Double = 4
    ) {
        self.quadrature = quadrature
        self.monteCarloValue = monteCarloValue
        self.monteCarloStandardError = monteCarloStandardError
        self.samples = samples
        self.threshold = threshold
        let difference = monteCarloValue - quadrature.value
        let spread = max(
            (monteCarloStandardError * monteCarloStandardError
                + quadrature.errorEstimate * quadrature.errorEstimate).squareRoot(),
            1e-14 * Swift.abs(quadrature.value))
        zScore = difference == 0 ? 0 : difference / spread
    }
}

/// Runs quadrature and Monte Carlo on the same expectation.
public enum GaussianCrossCheck {
    /// `E[transform(g(z))]` both ways, compared.
    ///
    /// - Parameters:
    ///   - integrand: the function, its transform and breakpoints.
    ///   - sigma: the standard deviation σ > 0.
    ///   - samples, seed, threads: as for `GaussianMonteCarlo.moments`.
    ///   - threshold: the largest `|z|` counted as agreement (4 default).
    /// - Throws: whatever either method throws.
    public static func compare(
        _ integrand: GaussianIntegrand,
        standardDeviation sigma: Double,
        samples: Int = GaussianMonteCarlo.defaultSamples,
        seed: UInt64 = 0,
        threads: Int? = nil,
        threshold: Double = 4
    ) throws(GaussianMomentError) -> MomentAgreement {
        let quadrature = try GaussianQuadrature.expectation(
            of: integrand, standardDeviation: sigma)
        let estimate: MonteCarloEstimate
        if let threads {
            estimate = try GaussianMonteCarlo.moments(
                of: [integrand.function], standardDeviation: sigma, samples: samples,
                seed: seed, threads: threads)
        } else {
            estimate = try GaussianMonteCarlo.moments(
                of: [integrand.function], standardDeviation: sigma, samples: samples, seed: seed)
        }
        let moments = estimate.moments[0]
        let (value, standardError) = switch integrand.transform {
        case .square: (moments.secondMoment, moments.secondMomentStandardError)
        case .identity: (moments.mean, moments.meanStandardError)
        }
        return MomentAgreement(
            quadrature: quadrature, monteCarloValue: value, monteCarloStandardError: standardError,
            samples: samples, threshold: threshold)
    }
}
