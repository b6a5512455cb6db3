import Foundation

/// Chooses the finite range `[−T, T]` of `t = x/σ` outside which the
/// weighted integrand is negligible, and detects growth that defeats the
/// Gaussian weight.
///
/// Integrating the whole line blindly fails in two known ways: a rule
/// mapped onto the infinite line samples too sparsely to see a narrow
/// bump, and `φ²` overflowing where the weight underflows gives `∞·0 =
/// NaN`. So a coarse scan (step 0.5 in `t`, out to `|t| = 38` where the
/// weight leaves the range of doubles) works in logarithms:
///
///     log|transform(g(σt))| − t²/2
///
/// and `T` is the first grid point beyond the outermost point where this
/// is within a factor 1e-20 of its largest value. If the outermost point of the scan
/// still matters, or `g` overflows inside the range that matters, the
/// expectation diverges (or exceeds the range of doubles).
enum RangeSelection {
    /// The coarse step in `t`.
    static let step = 0.5

    /// What "negligible" means, relative to the largest weighted value.
    static let negligibleRatio = 1e-20

    /// The chosen range, or nil when the integrand is zero on the whole
    /// scan (the expectation is 0 to double precision).
    struct Range {
        /// The half-width `T` of the range in `t`.
        let halfWidth: Double
        /// The largest weighted value seen, `max |transform(g)|·w`.
        let peakWeightedValue: Double
    }

    static func select(
        _ integrand: GaussianIntegrand, sigma: Double
    ) throws(GaussianMomentError) -> Range? {
        let limit = GaussianWeight.outerLimit
        let points = ScanGrid.coarsePoints
        let sample = GridSample(function: integrand.function, sigma: sigma, points: points)
        try QuadratureDiagnostics.rejectUndefined(
            sample, integrand: integrand, sigma: sigma,
            within: GaussianWeight.undefinedCheckLimit)

        // The weighted integrand at each finite point. The densities of
        // the fixed grid are computed once; down to 1e-314 at |t| = 38
        // they are representable, so products only overflow where
        // transform(g) itself does.
        let densities = ScanGrid.coarseDensities
        var weighted = [Double](repeating: 0, count: points.count)
        var peak = 0.0
        for (index, value) in sample.values.enumerated() where value.isFinite {
            let product = Swift.abs(integrand.transform.apply(value)) * densities[index]
            weighted[index] = product
            peak = max(peak, product)
        }
        guard peak > 0 else { return nil }
        if peak == .infinity {
            let index = weighted.firstIndex(of: .infinity) ?? 0
            throw .divergent(
                x: sigma * points[index],
                detail: "the integrand overflows where the Gaussian weight is still finite")
        }

        // The outermost point that is not negligible.
        let threshold = peak * negligibleRatio
        var outermost = 0.0
        var outermostIndex = 0
        for index in weighted.indices
        where weighted[index] > threshold && Swift.abs(points[index]) > outermost {
            outermost = Swift.abs(points[index])
            outermostIndex = index
        }
        if outermost >= limit {
            throw .divergent(
                x: sigma * points[outermostIndex],
                detail: "the integrand is still above 1e-20 of its peak at 38σ, where the "
                    + "Gaussian weight leaves the range of doubles (or it converges too "
                    + "slowly to compute)")
        }
        // The next grid magnitude beyond the outermost significant point:
        // the weighted integrand is negligible there.
        let halfWidth = points.first { $0 > outermost } ?? limit

        // Overflow inside the range that matters: the growth defeats the
        // weight (exp(x^2) at σ = 1 overflows at x ≈ 19).
        for run in sample.infiniteRuns where run.contains(where: {
            Swift.abs(points[$0]) <= halfWidth
        }) {
            throw .divergent(
                x: sigma * points[run.lowerBound],
                detail: "the integrand grows faster than the Gaussian weight decays "
                    + "and overflows")
        }
        return Range(halfWidth: halfWidth, peakWeightedValue: peak)
    }
}
