import ActivationExpr
import GaussianMoments

/// The backward condition at one σ_p:
///
///     cond(σ_p) = σ_p² · M_d(σ_p) / M_f(σ_p)
///
/// With weights at the forward gain (`gain² = σ_p²/M_f`), every layer of
/// shape `fan_out × fan_in` multiplies the variance of the gradient by
///
///     r · cond(σ_p),   r = fan_out / fan_in
///
/// so the backward pass keeps its variance when `cond = 1/r` (`cond = 1`
/// for square layers). The forward gain holds for any σ_p; this condition
/// picks σ_p (see `OptimalSigmaSearch`).
///
/// Edge cases: `M_d = 0` (a step, a constant) gives `cond = 0`, a valid
/// value; `M_f = 0` makes `cond` undefined and is an error.
public struct BackwardCondition: Equatable, Sendable {
    /// σ_p.
    public let preactivationStd: Double

    /// `M_f = E[φ(z)²]`.
    public let forwardMoment: MomentEstimate

    /// `M_d = E[φ'(z)²]`.
    public let backwardMoment: MomentEstimate

    /// `cond` from the quadratures, with the first-order bound
    ///
    ///     δcond = (σ_p² δM_d + cond · δM_f) / M_f
    ///
    /// (the relative errors of the two moments add).
    public let value: EstimatedValue

    /// `cond` from the Monte Carlo moments, whose φ and φ' saw the same
    /// samples; its standard error by the delta method uses their
    /// covariance:
    ///
    ///     Var(R) ≈ (Var(M_d) + R² Var(M_f) − 2 R Cov(M_d, M_f)) / M_f²,  R = M_d/M_f
    ///
    /// nil without Monte Carlo, or when no sample gave `φ ≠ 0`.
    public let monteCarlo: MonteCarloValue?

    /// How many standard errors the Monte Carlo `cond` lies from the
    /// quadrature one; nil without Monte Carlo.
    public var agreementSigmas: Double? {
        monteCarlo?.agreementSigmas(with: value)
    }

    /// Whether the Monte Carlo `cond` agrees with the quadrature one
    /// (`|agreementSigmas| ≤ MonteCarloValue.agreementThreshold`); nil
    /// without Monte Carlo.
    public var agrees: Bool? {
        monteCarlo?.agrees(with: value)
    }

    /// Computes `cond` at σ_p, and by Monte Carlo too when `monteCarlo`
    /// is given.
    ///
    /// - Throws: `.invalidPreactivationStd`, `.momentFailed` (with where
    ///   and why the quadrature failed), `.zeroForwardMoment`,
    ///   `.invalidMonteCarloOptions`, `.monteCarloFailed`.
    public init(
        activation: Activation, preactivationStd sigma: Double = 1,
        monteCarlo options: MonteCarloOptions? = nil
    ) throws(VI3NRError) {
        try MomentComputation.validate(preactivationStd: sigma)
        let forward = try MomentComputation.quadrature(.forward, of: activation, sigma: sigma)
        let backward = try MomentComputation.quadrature(.backward, of: activation, sigma: sigma)
        let estimate = try options.map { options throws(VI3NRError) in
            try MomentComputation.monteCarlo(of: activation, sigma: sigma, options: options)
        }
        try self.init(
            preactivationStd: sigma, forward: forward, backward: backward, monteCarlo: estimate)
    }

    /// `r · cond`, the factor by which a layer with `fan_out/fan_in = r`
    /// multiplies the gradient variance, with its error.
    public func gradientVarianceFactor(fanRatio: Double) -> EstimatedValue {
        EstimatedValue(
            value: fanRatio * value.value, errorEstimate: Swift.abs(fanRatio) * value.errorEstimate)
    }

    /// The value of `cond` that keeps the gradient variance for layers
    /// with `fan_out/fan_in = r`: `1/r`.
    public static func stableValue(fanRatio: Double) -> Double {
        1 / fanRatio
    }
}

extension BackwardCondition {
    /// Assembles the condition from moments already computed.
    init(
        preactivationStd sigma: Double, forward: QuadratureEstimate, backward: QuadratureEstimate,
        monteCarlo estimate: MonteCarloEstimate?
    ) throws(VI3NRError) {
        guard let quadratureValue = Self.condition(
            sigma: sigma, forward: forward, backward: backward)
        else { throw .zeroForwardMoment(preactivationStd: sigma) }

        preactivationStd = sigma
        forwardMoment = MomentEstimate(
            kind: .forward, quadrature: forward,
            monteCarlo: estimate.map { MomentComputation.monteCarloValue(.forward, of: $0) })
        backwardMoment = MomentEstimate(
            kind: .backward, quadrature: backward,
            monteCarlo: estimate.map { MomentComputation.monteCarloValue(.backward, of: $0) })
        value = quadratureValue
        monteCarlo = estimate.flatMap { Self.monteCarloCondition(sigma: sigma, estimate: $0) }
    }

    /// `σ² M_d / M_f` with its first-order error bound; nil when `M_f = 0`.
    static func condition(
        sigma: Double, forward: QuadratureEstimate, backward: QuadratureEstimate
    ) -> EstimatedValue? {
        guard forward.value > 0 else { return nil }
        let squaredSigma = sigma * sigma
        let condition = squaredSigma * backward.value / forward.value
        let error = (squaredSigma * backward.errorEstimate + condition * forward.errorEstimate)
            / forward.value
        return EstimatedValue(value: condition, errorEstimate: error)
    }

    /// The Monte Carlo condition with its delta-method standard error.
    static func monteCarloCondition(
        sigma: Double, estimate: MonteCarloEstimate
    ) -> MonteCarloValue? {
        let forward = estimate.moments[0].secondMoment
        let backward = estimate.moments[1].secondMoment
        guard forward > 0 else { return nil }
        let ratio = backward / forward
        let variance = (estimate.secondMomentCovariance(1, 1)
            + ratio * ratio * estimate.secondMomentCovariance(0, 0)
            - 2 * ratio * estimate.secondMomentCovariance(1, 0)) / (forward * forward)
        let squaredSigma = sigma * sigma
        return MonteCarloValue(
            value: squaredSigma * ratio,
            standardError: squaredSigma * max(variance, 0).squareRoot(),
            samples: estimate.samples, seed: estimate.seed)
    }
}
