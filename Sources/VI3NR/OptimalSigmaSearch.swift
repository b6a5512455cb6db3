import ActivationExpr
import Foundation

/// The search for the theoretical optimal σ_p: the roots of
///
///     cond(σ_p) = σ_p² M_d(σ_p) / M_f(σ_p) = target,   target = 1 / fanRatio
///
/// on a range of σ_p, with every case reported honestly (see
/// `OptimalSigmaOutcome`).
///
/// The steps:
///
/// 1. The formula: positive homogeneity (`cond` constant), the linear
///    limit at 0 (`cond → 1` as `σ_p → 0`) and the bound `cond ≥ 1` for a
///    continuous φ with `φ(0) = 0`, from the compiled φ and φ'
///    (`ActivationScaling`). The bound settles targets of 1 and below
///    for such φ (`tanh`, `sin(a·x)`, SiLU: only the trivial limit).
/// 2. A scan: `M_f` and `M_d` by quadrature at `pointsPerDecade`
///    log-spaced σ_p, spread over the cores. Never Monte Carlo, whose
///    noise fakes sign changes. Where a moment cannot be computed, the
///    search stops (`ScanFailurePolicy.stop`) or goes on with the range
///    below that point (`.searchBelowFailure`, reported as `limit`).
/// 3. Signs: `cond − target` counts as positive or negative only where it
///    exceeds four times its error bound; inside that band its sign is
///    noise and is not used (near the trivial limit, `cond − 1 ≈ σ_p⁴` is
///    far below any quadrature tolerance).
/// 4. Brackets: every change between trusted signs, and every dip, a
///    local minimum of `|cond − target|` between two points of the same
///    sign, which is minimised (GSL Brent): if the minimum crosses the
///    target, two roots lie between adjacent scan points.
/// 5. Roots: each bracket refined with GSL's Brent solver to a relative
///    `rootRelativeTolerance` in σ_p, the moments then taken to a
///    relative 1e-12.
///
/// Why six points per decade suffice: `M(σ_p) = E[g(σ_p t)]` is, in
/// `u = ln σ_p`, the convolution of `g(±e^v)` with the density of
/// `ln |t|`, whose characteristic function has modulus
/// `1/√cosh(πω/2) ≈ √2 e^(−πω/4)`. A feature of frequency ω in `u` is
/// damped by that factor; at six points per decade (spacing 0.38 in
/// `u`), the features the grid cannot resolve (ω > 8.2) are damped below
/// 3e-3 of their size in `g`, and every dip the grid does see is
/// refined. A denser scan costs time linearly (the quadratures at large
/// σ_p of fast oscillations dominate) and finds nothing more on smooth
/// `cond` curves.
public struct OptimalSigmaSearch: Equatable, Sendable {
    /// The range searched by default, `[1e-3, 20]`.
    public static let defaultLowerBound = 1e-3

    /// See `defaultLowerBound`.
    public static let defaultUpperBound = 20.0

    /// Scan points per decade of σ_p by default.
    public static let defaultPointsPerDecade = 6

    /// The lower end of the range, > 0.
    public var lowerBound: Double

    /// The upper end of the range, > `lowerBound`.
    public var upperBound: Double

    /// `fan_out / fan_in`; 1 for square layers.
    public var fanRatio: Double

    /// Scan points per decade, 2 to 1000.
    public var pointsPerDecade: Int

    /// The relative width to which each root's bracket is refined.
    public var rootRelativeTolerance: Double

    /// What the search does when `cond` cannot be computed at a point
    /// of its scan.
    public enum ScanFailurePolicy: Equatable, Sendable {
        /// Throw `.searchFailed` with the point and the cause.
        case stop
        /// Search the part of the range below the first point where a
        /// moment fails, and say in the result (`SearchLimit`) where the
        /// range was cut and why. Still throws when the lowest point
        /// fails: then nothing is left to search.
        case searchBelowFailure
    }

    /// `.stop` by default.
    public var scanFailurePolicy: ScanFailurePolicy

    /// A search on `[lowerBound, upperBound]` for layers with
    /// `fan_out / fan_in = fanRatio`.
    public init(
        lowerBound: Double = defaultLowerBound, upperBound: Double = defaultUpperBound,
        fanRatio: Double = 1, pointsPerDecade: Int = defaultPointsPerDecade,
        rootRelativeTolerance: Double = 1e-10, scanFailurePolicy: ScanFailurePolicy = .stop
    ) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.fanRatio = fanRatio
        self.pointsPerDecade = pointsPerDecade
        self.rootRelativeTolerance = rootRelativeTolerance
        self.scanFailurePolicy = scanFailurePolicy
    }

    /// The value `cond` must take: `1 / fanRatio`.
    public var target: Double { 1 / fanRatio }

    /// Runs the search.
    ///
    /// With `scanFailurePolicy = .searchBelowFailure`, a scan point where
    /// a moment cannot be computed cuts the range there: the result holds
    /// what the part below shows (roots, the trivial limit, the closest
    /// approach, at its upper end where a root may lie beyond), and
    /// `limit` says where and why the range was cut.
    ///
    /// - Throws: `.invalidSearchRange`, `.invalidFanRatio`,
    ///   `.invalidScanDensity`; `.searchFailed` wrapping `.momentFailed`
    ///   when a quadrature fails at a scan point (with `.stop`, or at the
    ///   lowest point) or during refinement (a moment that diverges, or
    ///   oscillates past what quadrature can resolve, at large σ_p:
    ///   search a range below that σ_p); `.refinementFailed` when GSL's
    ///   Brent solver or minimiser gives up.
    public func run(for activation: Activation) throws(VI3NRError) -> OptimalSigmaResult {
        try validate()
        let scaling = ActivationScaling(activation: activation)
        let scanEvaluator = ConditionEvaluator(
            activation: activation, relativeTolerance: MomentComputation.relativeTolerance)
        let (scan, limit) = try self.scan(with: scanEvaluator)

        let search = SigmaSearchSteps(
            scan: scan, target: target, scaling: scaling, scanEvaluator: scanEvaluator,
            refinementEvaluator: ConditionEvaluator(
                activation: activation, relativeTolerance: Self.refinementTolerance),
            rootRelativeTolerance: rootRelativeTolerance)
        let outcome = try search.outcome()
        return OptimalSigmaResult(
            target: target, fanRatio: fanRatio, lowerBound: lowerBound, upperBound: upperBound,
            outcome: outcome, scaling: scaling, scan: scan, limit: limit)
    }

    /// The scan, whole, or cut below its first failing point as the
    /// policy allows.
    ///
    /// Where the scan is cut, the gap between the last computed point and
    /// the failing one (a factor of 10^(1/6) ≈ 1.47 at the default
    /// density) is narrowed by `limitProbes` bisections in `log σ_p`, each
    /// computed point joining the scan, so that a root just below the
    /// edge of what quadrature can compute (`exp(x²)` has one at 0.455,
    /// its moments diverge from 0.5) is bracketed rather than lost.
    private func scan(
        with evaluator: ConditionEvaluator
    ) throws(VI3NRError) -> (scan: [ConditionSample], limit: SearchLimit?) {
        let grid = scanGrid
        let computed = evaluator.samplesBelowFailure(at: grid)
        guard var failure = computed.failure else { return (computed.samples, nil) }
        guard scanFailurePolicy == .searchBelowFailure, !computed.samples.isEmpty else {
            throw failure
        }

        var samples = computed.samples
        var failedSigma = grid[samples.count]
        for _ in 0..<Self.limitProbes {
            let probe = (samples[samples.count - 1].preactivationStd * failedSigma).squareRoot()
            let attempt = evaluator.samplesBelowFailure(at: [probe])
            if let probeFailure = attempt.failure {
                failure = probeFailure
                failedSigma = probe
            } else {
                samples += attempt.samples
            }
        }

        let cause: VI3NRError
        if case .searchFailed(_, let inner) = failure { cause = inner } else { cause = failure }
        return (samples, SearchLimit(
            searchedUpperBound: samples[samples.count - 1].preactivationStd,
            failedPreactivationStd: failedSigma, cause: cause))
    }

    /// Bisections of the gap between the last computed scan point and
    /// the first failing one: 4 narrow it 16-fold in `log σ_p` (to a
    /// factor of 1.024 at the default density) for at most 4 more pairs of
    /// quadratures, which near the failure are the costliest of the scan.
    static let limitProbes = 4

    /// The relative tolerance of the moments while a root is refined:
    /// tighter than the scan's, so that their error shifts the root far
    /// less than `rootRelativeTolerance`.
    static let refinementTolerance = 1e-12

    /// The log-spaced scan points, both ends included exactly.
    var scanGrid: [Double] {
        let decades = log10(upperBound / lowerBound)
        let intervals = max(2, Int((decades * Double(pointsPerDecade)).rounded(.up)))
        let ratio = log(upperBound / lowerBound)
        return (0...intervals).map { index in
            switch index {
            case 0: return lowerBound
            case intervals: return upperBound
            default: return lowerBound * exp(ratio * Double(index) / Double(intervals))
            }
        }
    }

    private func validate() throws(VI3NRError) {
        guard lowerBound.isFinite, upperBound.isFinite, lowerBound > 0, upperBound > lowerBound
        else { throw .invalidSearchRange(lower: lowerBound, upper: upperBound) }
        guard fanRatio.isFinite, fanRatio > 0, target.isFinite else {
            throw .invalidFanRatio(fanRatio)
        }
        guard (2...1000).contains(pointsPerDecade) else {
            throw .invalidScanDensity(pointsPerDecade)
        }
        guard rootRelativeTolerance.isFinite, rootRelativeTolerance >= 1e-15,
              rootRelativeTolerance <= 1e-2 else {
            throw .refinementFailed(
                lower: lowerBound, upper: upperBound,
                cause: .invalidArgument(
                    "root tolerance \(rootRelativeTolerance) must lie in [1e-15, 1e-2]"))
        }
    }
}
