import ActivationExpr
import GaussianMoments

/// The forward gain of an activation at σ_p, with the evidence for it.
///
/// A layer `z' = W φ(z)` with i.i.d. weights of variance `gain²/fan_in`
/// keeps `Var(z') = σ_p²` when
///
///     gain² = σ_p² / M_f(σ_p),   M_f = E[φ(z)²],  z ~ N(0, σ_p²)
///
/// The error of the gain follows from that of `M_f`: to first order the
/// relative error of `gain²` equals that of `M_f`, and the relative error
/// of `gain` is half of it; the same holds for the Monte Carlo standard
/// errors.
public struct GainReport: Equatable, Sendable {
    /// σ_p.
    public let preactivationStd: Double

    /// `M_f`, by quadrature and, when asked, by Monte Carlo.
    public let forwardMoment: MomentEstimate

    /// `M_d = E[φ'(z)²]`, when asked for (the Monte Carlo run evaluates
    /// φ' on the same samples as φ).
    public let backwardMoment: MomentEstimate?

    /// The backward condition `σ_p² M_d / M_f`, when the backward moment
    /// was asked for.
    public let backwardCondition: BackwardCondition?

    /// `gain² = σ_p² / M_f` from the quadrature.
    public let gainSquared: EstimatedValue

    /// `gain = σ_p / √M_f` from the quadrature.
    public let gain: EstimatedValue

    /// `gain²` from the Monte Carlo `M_f`, with its standard error; nil
    /// without Monte Carlo, or when every sample gave `φ = 0`.
    public let monteCarloGainSquared: MonteCarloValue?

    /// `gain` from the Monte Carlo `M_f`, with its standard error; nil as
    /// for `monteCarloGainSquared`.
    public let monteCarloGain: MonteCarloValue?

    /// How many standard errors the Monte Carlo `M_f` lies from the
    /// quadrature `M_f` (the gain's agreement is the same number with the
    /// opposite sign, to first order); nil without Monte Carlo.
    public var agreementSigmas: Double? { forwardMoment.agreementSigmas }

    /// Computes the gain at σ_p.
    ///
    /// - Parameters:
    ///   - activation: φ.
    ///   - preactivationStd: σ_p > 0, 1 by default.
    ///   - monteCarlo: runs the Monte Carlo check too (φ and φ' on the
    ///     same samples).
    ///   - includeBackwardMoment: computes `M_d` and the backward
    ///     condition as well.
    /// - Throws: `.invalidPreactivationStd`, `.momentFailed`,
    ///   `.zeroForwardMoment` (φ vanishes: no finite gain), and for Monte
    ///   Carlo `.invalidMonteCarloOptions`, `.monteCarloFailed`.
    public init(
        activation: Activation, preactivationStd sigma: Double = 1,
        monteCarlo options: MonteCarloOptions? = nil, includeBackwardMoment: Bool = false
    ) throws(VI3NRError) {
        try MomentComputation.validate(preactivationStd: sigma)
        let forward = try MomentComputation.quadrature(.forward, of: activation, sigma: sigma)
        guard forward.value > 0 else { throw .zeroForwardMoment(preactivationStd: sigma) }
        let estimate = try options.map { options throws(VI3NRError) in
            try MomentComputation.monteCarlo(of: activation, sigma: sigma, options: options)
        }

        preactivationStd = sigma
        forwardMoment = MomentEstimate(
            kind: .forward, quadrature: forward,
            monteCarlo: estimate.map { MomentComputation.monteCarloValue(.forward, of: $0) })
        (gainSquared, gain) = Self.gains(
            sigma: sigma, forwardMoment: forward.value, error: forward.errorEstimate)

        if let monteCarloMoment = forwardMoment.monteCarlo, monteCarloMoment.value > 0 {
            let (squared, plain) = Self.gains(
                sigma: sigma, forwardMoment: monteCarloMoment.value,
                error: monteCarloMoment.standardError)
            monteCarloGainSquared = MonteCarloValue(
                value: squared.value, standardError: squared.errorEstimate,
                samples: monteCarloMoment.samples, seed: monteCarloMoment.seed)
            monteCarloGain = MonteCarloValue(
                value: plain.value, standardError: plain.errorEstimate,
                samples: monteCarloMoment.samples, seed: monteCarloMoment.seed)
        } else {
            monteCarloGainSquared = nil
            monteCarloGain = nil
        }

        if includeBackwardMoment {
            let backward = try MomentComputation.quadrature(.backward, of: activation, sigma: sigma)
            let condition = try BackwardCondition(
                preactivationStd: sigma, forward: forward, backward: backward,
                monteCarlo: estimate)
            backwardMoment = condition.backwardMoment
            backwardCondition = condition
        } else {
            backwardMoment = nil
            backwardCondition = nil
        }
    }

    /// A weight initialiser at this gain for a `fanOut × fanIn` layer.
    ///
    /// - Throws: `.invalidLayerShape` for a fan below 1 or a matrix too
    ///   large.
    public func initializer(
        fanIn: Int, fanOut: Int, distribution: WeightInitializer.Distribution = .uniform
    ) throws(VI3NRError) -> WeightInitializer {
        try WeightInitializer(
            gain: gain.value, fanIn: fanIn, fanOut: fanOut, distribution: distribution)
    }

    /// `gain²` and `gain` from `M_f` and its error (a bound or a standard
    /// error: both propagate the same way to first order).
    static func gains(
        sigma: Double, forwardMoment: Double, error: Double
    ) -> (squared: EstimatedValue, plain: EstimatedValue) {
        let relativeError = error / forwardMoment
        let squared = sigma * sigma / forwardMoment
        let plain = sigma / forwardMoment.squareRoot()
        return (
            EstimatedValue(value: squared, errorEstimate: squared * relativeError),
            EstimatedValue(value: plain, errorEstimate: plain * relativeError / 2)
        )
    }
}
