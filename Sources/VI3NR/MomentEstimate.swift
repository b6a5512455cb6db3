import ActivationExpr
import GaussianMoments

/// One Gaussian second moment of an activation at one σ_p, by quadrature
/// and, when asked, by Monte Carlo, with how well the two agree.
public struct MomentEstimate: Equatable, Sendable {
    /// Which moment: `M_f = E[φ(z)²]` or `M_d = E[φ'(z)²]`.
    public let kind: MomentKind

    /// The quadrature value with its error bound (and its cost: evaluations
    /// and panels).
    public let quadrature: QuadratureEstimate

    /// The Monte Carlo estimate with its standard error, when asked for.
    public let monteCarlo: MonteCarloValue?

    /// The quadrature value as a value with its error.
    public var value: EstimatedValue {
        EstimatedValue(value: quadrature.value, errorEstimate: quadrature.errorEstimate)
    }

    /// How many standard errors the Monte Carlo value lies from the
    /// quadrature value (see `MonteCarloValue.agreementSigmas(with:)`);
    /// nil without Monte Carlo.
    public var agreementSigmas: Double? {
        monteCarlo?.agreementSigmas(with: value)
    }

    /// Whether the Monte Carlo value agrees with the quadrature value
    /// (`|agreementSigmas| ≤ MonteCarloValue.agreementThreshold`); nil
    /// without Monte Carlo.
    public var agrees: Bool? {
        monteCarlo?.agrees(with: value)
    }

    /// Bundles the two estimates of one moment.
    public init(kind: MomentKind, quadrature: QuadratureEstimate, monteCarlo: MonteCarloValue?) {
        self.kind = kind
        self.quadrature = quadrature
        self.monteCarlo = monteCarlo
    }
}

/// The quadratures and the Monte Carlo run behind every quantity of this
/// module, with the failures of the lower layers turned into `VI3NRError`.
enum MomentComputation {
    /// The relative tolerance of a moment used as a result (a gain, a
    /// condition at one σ_p, a scan point).
    static let relativeTolerance = GaussianQuadrature.defaultRelativeTolerance

    /// `M_f` or `M_d` of `activation` at σ by quadrature.
    static func quadrature(
        _ kind: MomentKind, of activation: Activation, sigma: Double,
        relativeTolerance: Double = relativeTolerance
    ) throws(VI3NRError) -> QuadratureEstimate {
        let integrand: GaussianIntegrand = switch kind {
        case .forward: .forwardSecondMoment(of: activation)
        case .backward: .backwardSecondMoment(of: activation)
        }
        do {
            return try GaussianQuadrature.expectation(
                of: integrand, standardDeviation: sigma, relativeTolerance: relativeTolerance)
        } catch {
            throw .momentFailed(kind, preactivationStd: sigma, cause: error)
        }
    }

    /// `M_f` and `M_d` at σ by Monte Carlo: φ and φ' evaluated on the same
    /// samples, in one pass, so that their covariance is known too.
    static func monteCarlo(
        of activation: Activation, sigma: Double, options: MonteCarloOptions
    ) throws(VI3NRError) -> MonteCarloEstimate {
        guard options.samples >= 2, (options.threads ?? 1) >= 1 else {
            throw .invalidMonteCarloOptions(samples: options.samples, threads: options.threads)
        }
        let functions = [activation.function, activation.derivative]
        do {
            if let threads = options.threads {
                return try GaussianMonteCarlo.moments(
                    of: functions, standardDeviation: sigma, samples: options.samples,
                    seed: options.seed, threads: threads)
            }
            return try GaussianMonteCarlo.moments(
                of: functions, standardDeviation: sigma, samples: options.samples,
                seed: options.seed)
        } catch {
            throw .monteCarloFailed(preactivationStd: sigma, cause: error)
        }
    }

    /// The Monte Carlo value of `M_f` (index 0) or `M_d` (index 1).
    static func monteCarloValue(
        _ kind: MomentKind, of estimate: MonteCarloEstimate
    ) -> MonteCarloValue {
        let moments = estimate.moments[kind == .forward ? 0 : 1]
        return MonteCarloValue(
            value: moments.secondMoment, standardError: moments.secondMomentStandardError,
            samples: estimate.samples, seed: estimate.seed)
    }

    /// Checks σ_p.
    static func validate(preactivationStd sigma: Double) throws(VI3NRError) {
        guard sigma.isFinite, sigma > 0 else { throw .invalidPreactivationStd(sigma) }
    }
}
