import ActivationExpr
import Foundation

/// Finds the scale of an integrand's features (oscillations, peaks) on
/// `[−T, T]` by sampling `g` with the block evaluator on a grid (uniform
/// joined with geometric near 0, see `ScanGrid`) that is refined while
/// the features are crowded anywhere.
///
/// Features are the sign changes of `g` and its local extrema (with a
/// hysteresis of 1e-12 of `max |g|`, so that rounding noise on a plateau
/// does not count). A sampled oscillation shows about four features per
/// period. The grid counts as resolving the integrand when features are
/// on average at least four cells apart and almost none are closer than
/// 2.5 cells (about ten points per period); otherwise every cell is split
/// in four and only the new points are evaluated. An aliased oscillation
/// looks like noise, with features one or two cells apart. Features
/// beside a located breakpoint do not count: a jump puts three features
/// in one cell however fine the grid.
///
/// The grid is symmetric, contains `t = 0` and gets denser towards it, so
/// features near the origin are seen at every σ. Known limits: a feature
/// narrower than the local grid spacing and lying between grid points can
/// be missed entirely, and then the quadrature misses it too. Measured on
/// 840 random bumps `exp(−(x−b)²/(2c²))` with `|b| ≤ 3`,
/// `0.001 ≤ c ≤ 0.5` and σ = 0.7, 3, 11, 20: all found while `|b|/c`
/// stays below about 100; beyond that about a third are missed (width
/// 0.015 at x = 1.8 seen through σ = 3); an oscillation
/// sampled at almost exactly a multiple of its frequency aliases to a
/// slow wave that looks resolved where the grid is uniform (so refinement
/// is global, triggered by crowding anywhere, and an integrand that needs
/// a fine grid in one place pays for it everywhere); and a grid is
/// limited to 2^20 points, so a chirp such as FINER's
/// `sin(30*(abs(x) + 1)*x)` beyond σ ≈ 5, or `sin(x^2)` at σ = 20, is
/// reported as unresolved (FINER at σ = 3 takes about 50 ms).
struct FeatureScan {
    /// The first grid has this many cells; smooth integrands stop there.
    static let initialCells = 256

    /// The most points the grid may grow to.
    static let maximumCells = 1 << 20

    /// The most rounds of refinement (each splits every cell in four).
    static let maximumRounds = 8

    /// The final grid and its values.
    let sample: GridSample

    /// The `t` of every feature, ascending.
    let features: [Double]

    /// The grid points at and beside every sharp extremum: an extremum
    /// whose value differs from both neighbours by more than half the
    /// largest of the three, i.e. a peak one or two cells wide, seen at a
    /// single grid point (a narrow bump away from the origin). Panels end
    /// there, so the adaptive rule looks for it in two narrow panels
    /// instead of somewhere inside a wide one.
    let sharpExtremumPoints: [Double]

    /// The grid points around features far narrower than a panel, where
    /// panels must end too (see `steepCellEnds`).
    let steepCellPoints: [Double]

    /// Each breakpoint locator's values on the final grid.
    let locatorValues: [[Double]]

    /// A trapezoid estimate of `∫ |transform(g(σt))| w(t) dt` on the grid,
    /// the scale for absolute tolerances.
    let absoluteIntegralEstimate: Double

    /// Scans `[−halfWidth, halfWidth]`, refining until resolved.
    ///
    /// - Throws: `.undefined` for NaN on a run of points, `.divergent`
    ///   for a run of infinities, `.unresolved` when even the finest grid
    ///   does not resolve the features.
    init(
        _ integrand: GaussianIntegrand, sigma: Double, halfWidth: Double
    ) throws(GaussianMomentError) {
        var points = ScanGrid.points(
            halfWidth: halfWidth, cells: Self.initialCells, sigma: sigma)
        var values = integrand.function.values(at: points, scale: sigma)
        var round = 0
        while true {
            let sample = GridSample(
                function: integrand.function, sigma: sigma, points: points, values: values)
            try QuadratureDiagnostics.rejectUndefined(
                sample, integrand: integrand, sigma: sigma,
                within: GaussianWeight.undefinedCheckLimit)
            if let run = sample.infiniteRuns.first {
                throw .divergent(
                    x: sigma * points[run.lowerBound],
                    detail: "the function is infinite on an interval")
            }

            let positions = Self.featurePositions(values)
            let locatorValues = integrand.breakpoints.map {
                $0.locator.values(at: points, scale: sigma)
            }
            let breakpointCells = Self.breakpointCells(locatorValues)
            let judged = Self.awayFrom(breakpointCells, positions)
            let cells = points.count - 1
            let crowded = Self.crowdedCells(judged, cells: cells)
            let isDense = judged.count * 4 > cells
            let isResolved = !isDense && crowded.count <= Self.toleratedCrowdedCells(judged.count)
            if isResolved || round == Self.maximumRounds || 4 * cells > Self.maximumCells {
                guard isResolved else {
                    throw .unresolved(
                        detail: "\(judged.count) sign changes and extrema on "
                            + "\(points.count - 1) grid cells, \(crowded.count) of them "
                            + "still crowded: the function oscillates faster than the scan "
                            + "can follow over |x| ≤ \(formatted(sigma * halfWidth))")
                }
                self.sample = sample
                self.locatorValues = locatorValues
                self.features = positions.map { position in
                    let lower = Int(position.rounded(.down))
                    let fraction = position - Double(lower)
                    return fraction == 0
                        ? points[lower]
                        : points[lower] + fraction * (points[lower + 1] - points[lower])
                }
                self.absoluteIntegralEstimate = Self.trapezoid(sample, integrand.transform)
                // A kink of abs(sin(x)) is a sharp minimum too, but it is a
                // located breakpoint already: no extra panel ends there.
                let sharp = Self.sharpExtrema(values).map { Double($0) }
                var sharpPoints: [Double] = []
                for position in Self.awayFrom(breakpointCells, sharp) {
                    let index = Int(position)
                    sharpPoints += [points[index - 1], points[index], points[index + 1]]
                }
                self.sharpExtremumPoints = sharpPoints
                self.steepCellPoints = Self.steepCellEnds(points, values)
                return
            }
            // Refine everywhere, not only where it is crowded: an
            // oscillation sampled near a multiple of its frequency aliases
            // to a slow wave that looks resolved, and only the crowding
            // somewhere else (the geometric points, other phases) tells.
            (points, values) = Self.refined(
                points, values, cells: Array(0..<cells), integrand.function, sigma: sigma)
            round += 1
        }
    }
}

private extension FeatureScan {
    /// Splits each listed cell into four, evaluating only the new points.
    static func refined(
        _ points: [Double], _ values: [Double], cells: [Int],
        _ function: CompiledFunction, sigma: Double
    ) -> ([Double], [Double]) {
        var added: [Double] = []
        added.reserveCapacity(3 * cells.count)
        for cell in cells {
            let lower = points[cell]
            let width = points[cell + 1] - lower
            added.append(contentsOf: [lower + 0.25 * width, lower + 0.5 * width,
                                      lower + 0.75 * width])
        }
        let addedValues = function.values(at: added, scale: sigma)

        var mergedPoints: [Double] = []
        var mergedValues: [Double] = []
        mergedPoints.reserveCapacity(points.count + added.count)
        mergedValues.reserveCapacity(points.count + added.count)
        var next = 0
        for index in points.indices {
            mergedPoints.append(points[index])
            mergedValues.append(values[index])
            if next < cells.count, cells[next] == index {
                for offset in 0..<3 {
                    mergedPoints.append(added[3 * next + offset])
                    mergedValues.append(addedValues[3 * next + offset])
                }
                next += 1
            }
        }
        return (mergedPoints, mergedValues)
    }

    /// The trapezoid rule for `∫ |transform(g)| w dt` over the finite
    /// grid values (non-finite ones count as 0).
    static func trapezoid(
        _ sample: GridSample, _ transform: GaussianIntegrand.Transform
    ) -> Double {
        let points = sample.points
        guard points.count > 1 else { return 0 }
        let densities = ScanGrid.densities(at: points)
        var sum = 0.0
        for (index, value) in sample.values.enumerated() where value.isFinite {
            let lower = points[max(index - 1, 0)]
            let upper = points[min(index + 1, points.count - 1)]
            sum += 0.5 * (upper - lower) * Swift.abs(transform.apply(value)) * densities[index]
        }
        return sum
    }
}
