import GaussianMoments

/// A root of `cond(σ_p) = target`: a theoretical optimal σ_p, with the
/// gain that goes with it.
public struct OptimalSigma: Equatable, Sendable {
    /// How `cond − target` behaves at the root, as σ_p grows.
    public enum Crossing: String, Equatable, Sendable {
        /// From below the target to above it.
        case upward
        /// From above the target to below it.
        case downward
        /// Up to the target and back, within the error: a double root.
        case touching
    }

    /// σ_p* with an error bound: the final bracket's half-width plus the
    /// shift the error of `cond` allows, `δcond / |dcond/dσ_p|`.
    public let preactivationStd: EstimatedValue

    /// `gain² = σ_p*² / M_f(σ_p*)`.
    public let gainSquared: EstimatedValue

    /// `gain = σ_p* / √M_f(σ_p*)`.
    public let gain: EstimatedValue

    /// `cond(σ_p*)`, equal to the target within its error.
    public let condition: EstimatedValue

    /// `M_f(σ_p*)`.
    public let forwardMoment: QuadratureEstimate

    /// `M_d(σ_p*)`.
    public let backwardMoment: QuadratureEstimate

    /// Up, down or touching.
    public let crossing: Crossing
}

/// Where `cond` comes closest to the target when it never reaches it.
public struct ClosestApproach: Equatable, Sendable {
    /// Where on the searched range the closest approach lies.
    public enum Position: String, Equatable, Sendable {
        /// At a local minimum of `|cond − target|` inside the range,
        /// refined.
        case interior
        /// At the lower end: `cond` is still approaching the target there,
        /// so a root may lie below the range.
        case lowerEnd
        /// At the upper end: a root may lie above the range.
        case upperEnd
        /// Nowhere in particular: `cond` is the same for every σ_p
        /// (a positively homogeneous φ), so no range holds a root.
        case everywhere
    }

    /// σ_p at the closest approach (for `.everywhere`, the σ_p of the
    /// scan point reported).
    public let preactivationStd: Double

    /// `cond` there.
    public let condition: EstimatedValue

    /// `cond − target` there.
    public let distance: Double

    /// Interior, at an end of the range, or everywhere.
    public let position: Position
}

/// A backward condition that cannot be solved for σ_p at all.
public enum DegenerateCondition: String, Equatable, Sendable {
    /// `M_d = 0` at every σ_p (a step, a constant, a sign): `cond ≡ 0`,
    /// gradients vanish after one layer whatever the initialisation.
    case zeroBackwardMoment
    /// `M_f = 0` at every σ_p scanned: φ vanishes wherever the Gaussian
    /// weight is representable; no gain exists.
    case zeroForwardMoment
}

/// Where a σ_p search had to stop short of its range: the scan point at
/// which `cond` could not be computed, and why. What the search reports
/// holds for `[lowerBound, searchedUpperBound]` only; a root above it is
/// neither found nor ruled out.
public struct SearchLimit: Equatable, Sendable {
    /// The largest σ_p where the scan computed `cond`: the searched range
    /// ends here.
    public let searchedUpperBound: Double

    /// The lowest σ_p above `searchedUpperBound` where a moment was
    /// tried and failed (a scan point, or a probe between the two).
    public let failedPreactivationStd: Double

    /// Why: usually `.momentFailed` with the quadrature's account (an
    /// oscillation it cannot resolve, a moment that diverges).
    public let cause: VI3NRError

    /// Bundles where and why a search stopped.
    public init(searchedUpperBound: Double, failedPreactivationStd: Double, cause: VI3NRError) {
        self.searchedUpperBound = searchedUpperBound
        self.failedPreactivationStd = failedPreactivationStd
        self.cause = cause
    }
}

/// What a σ_p search found.
public enum OptimalSigmaOutcome: Equatable, Sendable {
    /// One or more roots of `cond = target`, by increasing σ_p.
    case roots([OptimalSigma])

    /// `cond = target` for every σ_p in the range, within the error
    /// (`relu`, leaky ReLU, `abs`, `x` with square layers): any σ_p works.
    /// `isHomogeneous` says whether the formula confirms it (positively
    /// homogeneous of degree 1) or only the numbers do.
    case anySigma(condition: EstimatedValue, isHomogeneous: Bool)

    /// No root but the trivial limit `σ_p → 0`, where φ is linear and
    /// `cond → 1` (`tanh`, `sin(a·x)`, SiLU, GELU with square layers).
    case trivialLimit

    /// No root in the range; the closest approach says how near `cond`
    /// came and where.
    case noRoot(ClosestApproach)

    /// The condition cannot be solved at all.
    case degenerate(DegenerateCondition)
}

/// The result of `OptimalSigmaSearch.run(for:)`.
public struct OptimalSigmaResult: Equatable, Sendable {
    /// The value `cond` must take, `1 / fanRatio`.
    public let target: Double

    /// `fan_out / fan_in`.
    public let fanRatio: Double

    /// The searched range of σ_p.
    public let lowerBound: Double, upperBound: Double

    /// What was found.
    public let outcome: OptimalSigmaOutcome

    /// What the formula says (homogeneity, the trivial limit at 0),
    /// whatever the outcome: a search may find roots and have the trivial
    /// limit too.
    public let scaling: ActivationScaling

    /// The scan the search started from: the moments and `cond` at
    /// log-spaced σ_p, e.g. for a plot. With a `limit`, it ends below
    /// the point that failed.
    public let scan: [ConditionSample]

    /// Where the search stopped short of `upperBound` because a moment
    /// could not be computed there, and why; nil when the whole range was
    /// searched. Only a search with `.searchBelowFailure` returns one.
    public let limit: SearchLimit?

    /// The roots, or none.
    public var roots: [OptimalSigma] {
        if case .roots(let roots) = outcome { return roots }
        return []
    }
}
