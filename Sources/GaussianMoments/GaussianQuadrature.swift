import Foundation
import NumericalMethods

/// A Gaussian expectation computed by quadrature, with its error.
public struct QuadratureEstimate: Equatable, Sendable {
    /// The expectation.
    public let value: Double

    /// A bound on the absolute error: the sum of GSL's per-panel error
    /// estimates plus a bound on the neglected tails.
    public let errorEstimate: Double

    /// Scalar evaluations of the integrand by the Gauss–Kronrod rules
    /// (the block-evaluated scan is not counted).
    public let evaluations: Int

    /// How many panels the range was cut into.
    public let panels: Int

    /// The half-width of the integrated range in `x`: the expectation is
    /// taken over `|x| ≤ integratedHalfWidth` (that is `T·σ`); outside it
    /// the weighted integrand is below 1e-20 of its peak.
    public let integratedHalfWidth: Double

    /// Bundles a value with its error and cost (for callers that combine
    /// or report estimates; the quadrature builds its own).
    public init(
        value: Double, errorEstimate: Double, evaluations: Int = 0, panels: Int = 0,
        integratedHalfWidth: Double = .infinity
    ) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.evaluations = evaluations
        self.panels = panels
        self.integratedHalfWidth = integratedHalfWidth
    }
}

/// Gaussian expectations `E[g(z)]`, `z ~ N(0, σ²)`, by adaptive
/// Gauss–Kronrod quadrature on panels chosen from the integrand.
///
/// The integral is taken in the scaled variable `t = z/σ`:
///
///     E[g(z)] = ∫ g(σ t) exp(−t²/2)/√(2π) dt
///
/// which fixes the weight's scale; the function's own features then have
/// width `c/σ` or period `2π/(ωσ)` in `t`. The steps:
///
/// 1. Range: a coarse logarithmic scan picks `[−T, T]` outside which the
///    weighted integrand is below 1e-20 of its peak, and reports growth
///    that defeats the weight as divergence (`exp(x^2)` at σ = 1).
/// 2. Scan: `g` is sampled on a symmetric grid with the block evaluator,
///    refined until its sign changes and extrema are resolved; NaN on a
///    run of points is an error that says where.
/// 3. Breakpoints: the sign changes of every breakpoint locator on that
///    grid, pinned down by bisection to neighbouring doubles.
/// 4. Panels: cut at every breakpoint and singular point and after every
///    few features; each panel is integrated by GSL's qag (21-point
///    Gauss–Kronrod), or qags next to a singularity, and the values and
///    error estimates are summed.
///
/// Smooth integrands (tanh, sigmoid) stop at the first scan (about 320
/// points) and need about seven panels and 150–200 evaluations;
/// `sin(30x)` at σ = 20 needs about 1900 panels and 65 000 evaluations.
public enum GaussianQuadrature {
    /// The relative accuracy asked of each expectation by default.
    public static let defaultRelativeTolerance = 1e-10

    /// `E[transform(g(z))]` for `z ~ N(0, σ²)`.
    ///
    /// - Parameters:
    ///   - integrand: the function, its transform and its breakpoints.
    ///   - sigma: the standard deviation σ > 0.
    ///   - relativeTolerance: the requested accuracy relative to
    ///     `E[|transform(g)|]`, between 1e-13 and 0.1.
    /// - Returns: the value with an error estimate that bounds its error.
    /// - Throws: `GaussianMomentError`: `.invalidStandardDeviation`,
    ///   `.divergent`, `.undefined` (with where and why),
    ///   `.nonIntegrableSingularity`, `.unresolved`, `.notConverged`.
    public static func expectation(
        of integrand: GaussianIntegrand,
        standardDeviation sigma: Double,
        relativeTolerance: Double = defaultRelativeTolerance
    ) throws(GaussianMomentError) -> QuadratureEstimate {
        guard sigma.isFinite, sigma > 0 else { throw .invalidStandardDeviation(sigma) }
        let tolerance = min(max(relativeTolerance.isNaN ? 1e-10 : relativeTolerance, 1e-13), 0.1)

        // Step 1: the range, or an exact zero when g vanishes everywhere
        // the weight is representable.
        guard let range = try RangeSelection.select(integrand, sigma: sigma) else {
            return QuadratureEstimate(
                value: 0, errorEstimate: 0, evaluations: 0, panels: 0,
                integratedHalfWidth: sigma * GaussianWeight.outerLimit)
        }

        // Steps 2 and 3: features and breakpoints on a grid fine enough.
        let scan = try FeatureScan(integrand, sigma: sigma, halfWidth: range.halfWidth)
        let breakpoints = BreakpointSearch.locate(
            integrand.breakpoints, locatorValues: scan.locatorValues, sigma: sigma,
            points: scan.sample.points)
        let singularPoints = scan.sample.singularIndices.map { scan.sample.points[$0] }

        // Step 4: panels, each integrated to its share of the tolerance.
        let panels = PanelLayout.panels(
            halfWidth: range.halfWidth, features: scan.features,
            breakpoints: breakpoints, singularPoints: singularPoints,
            forcedEnds: scan.sharpExtremumPoints + scan.steepCellPoints)
        var result = try PanelIntegration.integrate(
            integrand, sigma: sigma, panels: panels, breakpoints: breakpoints,
            relativeTolerance: tolerance,
            absoluteScale: max(scan.absoluteIntegralEstimate, range.peakWeightedValue * 1e-300))

        // The neglected tails: beyond T, out to |t| = 38, the weighted
        // integrand is below 1e-20 of its peak at every coarse grid point;
        // bound each side by that level times its length. (Beyond 38 the
        // weight is below the smallest double and nothing is computable.)
        let tailLength = 2 * (GaussianWeight.outerLimit - range.halfWidth)
        result.errorEstimate += RangeSelection.negligibleRatio * range.peakWeightedValue
            * tailLength
        guard result.value.isFinite, result.errorEstimate.isFinite else {
            throw .nonFiniteValue(x: 0, value: result.value, cause: nil)
        }
        return QuadratureEstimate(
            value: result.value, errorEstimate: result.errorEstimate,
            evaluations: result.evaluations, panels: panels.count,
            integratedHalfWidth: sigma * range.halfWidth)
    }
}
