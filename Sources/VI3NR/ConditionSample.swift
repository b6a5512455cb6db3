import ActivationExpr
import Foundation
import GaussianMoments

/// The two moments and the backward condition at one σ_p, by quadrature:
/// one point of a σ_p scan.
public struct ConditionSample: Equatable, Sendable {
    /// σ_p.
    public let preactivationStd: Double

    /// `M_f = E[φ(z)²]`.
    public let forwardMoment: QuadratureEstimate

    /// `M_d = E[φ'(z)²]`.
    public let backwardMoment: QuadratureEstimate

    /// `cond = σ_p² M_d / M_f` with its error bound; nil where `M_f = 0`
    /// (φ vanishes wherever the Gaussian weight is representable).
    public let condition: EstimatedValue?

    /// Bundles the moments at σ_p and derives the condition.
    public init(
        preactivationStd: Double, forwardMoment: QuadratureEstimate,
        backwardMoment: QuadratureEstimate
    ) {
        self.preactivationStd = preactivationStd
        self.forwardMoment = forwardMoment
        self.backwardMoment = backwardMoment
        condition = BackwardCondition.condition(
            sigma: preactivationStd, forward: forwardMoment, backward: backwardMoment)
    }
}

extension ConditionSample {
    /// `gain² = σ_p² / M_f` with its first-order error (the relative
    /// error of `M_f`), as `GainReport` computes it; nil where `M_f = 0`.
    public var gainSquared: EstimatedValue? {
        guard forwardMoment.value > 0 else { return nil }
        return GainReport.gains(
            sigma: preactivationStd, forwardMoment: forwardMoment.value,
            error: forwardMoment.errorEstimate).squared
    }

    /// `count` values of σ_p from `lower` to `upper`, evenly spaced on a
    /// logarithmic axis, both ends exact:
    ///
    ///     σ_i = 10^(log₁₀ lower + i (log₁₀ upper − log₁₀ lower)/(count − 1))
    ///
    /// for `i = 0 … count − 1`. Base 10 makes the points of a grid between
    /// powers of ten that fall on powers of ten exact (`0.1, 1, 10`).
    ///
    /// - Throws: `.invalidSearchRange` unless `0 < lower < upper`, both
    ///   finite; `.invalidScanDensity` for fewer than 2 points.
    public static func logarithmicGrid(
        from lower: Double, to upper: Double, count: Int
    ) throws(VI3NRError) -> [Double] {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > lower else {
            throw .invalidSearchRange(lower: lower, upper: upper)
        }
        guard count >= 2 else { throw .invalidScanDensity(count) }
        let start = log10(lower), span = log10(upper) - log10(lower)
        return (0..<count).map { index in
            switch index {
            case 0: return lower
            case count - 1: return upper
            default: return pow(10, start + span * Double(index) / Double(count - 1))
            }
        }
    }

    /// The moments and `cond` at every σ_p in `sigmas`, by quadrature,
    /// the `2n` integrals spread over the cores (e.g. for a plot of
    /// `cond(σ_p)`; the σ_p search makes its own scan).
    ///
    /// - Throws: `.invalidPreactivationStd` for a σ_p that is not finite
    ///   and positive; `.searchFailed` wrapping the failure at the
    ///   smallest σ_p where a moment cannot be computed.
    public static func scan(
        of activation: Activation, at sigmas: [Double]
    ) throws(VI3NRError) -> [ConditionSample] {
        for sigma in sigmas { try MomentComputation.validate(preactivationStd: sigma) }
        let evaluator = ConditionEvaluator(
            activation: activation, relativeTolerance: MomentComputation.relativeTolerance)
        return try evaluator.samples(at: sigmas)
    }
}

extension ConditionSample {
    /// Like `scan(of:at:)`, but a point where a moment cannot be computed
    /// ends the scan instead of failing it: the samples below the first
    /// such point (in the order of `sigmas`), and the failure there as
    /// `.searchFailed(preactivationStd:cause:)`, nil when every point was
    /// computed. For plots over a range whose upper part quadrature
    /// cannot resolve (a fast oscillation seen through a wide Gaussian).
    ///
    /// - Throws: `.invalidPreactivationStd` for a σ_p that is not finite
    ///   and positive.
    public static func scanBelowFailure(
        of activation: Activation, at sigmas: [Double]
    ) throws(VI3NRError) -> (samples: [ConditionSample], failure: VI3NRError?) {
        for sigma in sigmas { try MomentComputation.validate(preactivationStd: sigma) }
        let evaluator = ConditionEvaluator(
            activation: activation, relativeTolerance: MomentComputation.relativeTolerance)
        return evaluator.samplesBelowFailure(at: sigmas)
    }
}

/// Evaluates `M_f`, `M_d` and `cond` by quadrature, the two moments of a
/// point on different cores.
struct ConditionEvaluator: Sendable {
    let activation: Activation

    /// The relative tolerance asked of each moment.
    let relativeTolerance: Double

    /// The moments at one σ_p.
    func sample(at sigma: Double) throws(VI3NRError) -> ConditionSample {
        try samples(at: [sigma])[0]
    }

    /// The moments at every σ_p, all `2n` quadratures spread over the
    /// cores, the largest σ_p first: their integrands have the most
    /// features (oscillations seen through a wide Gaussian) and cost the
    /// most, so starting them first balances the load.
    ///
    /// - Throws: `.searchFailed` with the failure at the smallest σ_p,
    ///   forward moment first, whatever order the threads ran in.
    func samples(at sigmas: [Double]) throws(VI3NRError) -> [ConditionSample] {
        let computed = samplesBelowFailure(at: sigmas)
        if let failure = computed.failure { throw failure }
        return computed.samples
    }

    /// The moments at every σ_p up to the first (smallest, when `sigmas`
    /// increase) point where a moment cannot be computed, and that
    /// failure as `.searchFailed`; all points are computed in parallel
    /// as in `samples(at:)`.
    func samplesBelowFailure(
        at sigmas: [Double]
    ) -> (samples: [ConditionSample], failure: VI3NRError?) {
        let count = sigmas.count
        let activation = self.activation
        let tolerance = relativeTolerance
        let results = ParallelResults<Result<QuadratureEstimate, VI3NRError>>.run(
            count: 2 * count
        ) { task in
            let point = count - 1 - task / 2
            let kind: MomentKind = task % 2 == 0 ? .forward : .backward
            do throws(VI3NRError) {
                return .success(try MomentComputation.quadrature(
                    kind, of: activation, sigma: sigmas[point], relativeTolerance: tolerance))
            } catch {
                return .failure(error)
            }
        }

        // Task 2(n − 1 − i) holds M_f at point i, the next task M_d.
        var samples: [ConditionSample] = []
        samples.reserveCapacity(count)
        for point in 0..<count {
            let task = 2 * (count - 1 - point)
            let forward: QuadratureEstimate, backward: QuadratureEstimate
            do {
                forward = try results[task].get()
                backward = try results[task + 1].get()
            } catch {
                return (samples, .searchFailed(preactivationStd: sigmas[point], cause: error))
            }
            samples.append(ConditionSample(
                preactivationStd: sigmas[point], forwardMoment: forward, backwardMoment: backward))
        }
        return (samples, nil)
    }
}
