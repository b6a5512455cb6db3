import Foundation

/// Finds the scale of an integrand's features (oscillations, peaks) on
/// `[−T, T]` by sampling `g` with the block evaluator on a grid (uniform
/// joined with geometric near 0, see `ScanGrid`) whose cells are split in
/// four until the features are resolved.
///
/// Features are the sign changes of `g` and its local extrema (with a
/// hysteresis of 1e-12 of `max |g|`, so that rounding noise on a plateau
/// does not count). A sampled oscillation shows about four features per
/// period; the grid counts as resolving it when features are on average
/// at least four cells apart and almost none are closer than 2.5 cells,
/// i.e. about 16 points per period. An aliased oscillation (fewer than 2
/// points per period) looks like noise, with features one or two cells
/// apart, and fails the test; the grid is then made 4 times finer.
///
/// The grid is symmetric, contains `t = 0` and gets denser towards it, so
/// features near the origin are seen at every σ. Known limit: a feature narrower than the final grid
/// spacing and lying between grid points (a bump of width 0.001 centred
/// at x = 0.3 seen through σ = 20) can be missed entirely, and then the
/// quadrature misses it too.
struct FeatureScan {
    /// The first grid has this many cells; smooth integrands stop there.
    static let initialCells = 256

    /// The finest grid tried; beyond it the integrand is unresolved.
    static let maximumCells = 1 << 18

    /// The final grid and its values.
    let sample: GridSample

    /// The `t` of every feature, ascending.
    let features: [Double]

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
        var points = ScanGrid.points(halfWidth: halfWidth, cells: Self.initialCells)
        while true {
            let cells = points.count - 1
            let sample = GridSample(function: integrand.function, sigma: sigma, points: points)
            try QuadratureDiagnostics.rejectUndefined(
                sample, integrand: integrand, sigma: sigma,
                within: GaussianWeight.undefinedCheckLimit)
            if let run = sample.infiniteRuns.first {
                throw .divergent(
                    x: sigma * points[run.lowerBound],
                    detail: "the function is infinite on an interval")
            }

            let positions = Self.featurePositions(sample.values)
            let breakpointCells = Self.breakpointCells(integrand, sigma: sigma, points: points)
            if Self.isResolved(Self.awayFrom(breakpointCells, positions), cells: cells) {
                self.sample = sample
                self.features = positions.map { position in
                    let lower = Int(position.rounded(.down))
                    let fraction = position - Double(lower)
                    return fraction == 0
                        ? points[lower]
                        : points[lower] + fraction * (points[lower + 1] - points[lower])
                }
                self.absoluteIntegralEstimate = Self.trapezoid(sample, integrand.transform)
                return
            }
            guard cells * 4 <= Self.maximumCells else {
                throw .unresolved(
                    detail: "\(positions.count) sign changes and extrema on \(cells) "
                        + "grid cells: the function oscillates faster than a grid of "
                        + "\(Self.maximumCells) points over |x| ≤ \(formatted(sigma * halfWidth)) "
                        + "can follow")
            }
            points = ScanGrid.refined(points, parts: 4)
        }
    }
}

private extension FeatureScan {
    /// Feature positions in units of grid cells: an extremum at index `i`
    /// is at `i`, a sign change between `i` and `i + 1` at `i + 0.5`, an
    /// exact zero between values of opposite sign at its index.
    static func featurePositions(_ values: [Double]) -> [Double] {
        values.withUnsafeBufferPointer { values in
            var largest = 0.0
            for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
            let hysteresis = 1e-12 * largest
            var signChanges: [Double] = []
            var extrema: [Double] = []

            // Sign changes, skipping non-finite points and exact zeros (a
            // zero between opposite signs is the position itself).
            var previousIndex = -1
            for index in values.indices {
                let value = values[index]
                guard value.isFinite, value != 0 else { continue }
                if previousIndex >= 0, (values[previousIndex] < 0) != (value < 0) {
                    let gap = index - previousIndex
                    signChanges.append(gap == 2 && values[previousIndex + 1] == 0
                        ? Double(previousIndex + 1) : Double(previousIndex) + 0.5 * Double(gap))
                }
                previousIndex = index
            }

            // Extrema: follow the running maximum while rising and the
            // running minimum while falling; a turn needs a change beyond
            // the hysteresis, so rounding noise on a plateau is no turn.
            var direction = 0.0
            var reference = Double.nan
            var referenceIndex = 0
            for index in values.indices {
                let value = values[index]
                guard value.isFinite else { continue }
                if reference.isNaN {
                    reference = value
                    referenceIndex = index
                } else if direction * (value - reference) > 0 {
                    reference = value
                    referenceIndex = index
                } else if direction * (reference - value) > hysteresis {
                    extrema.append(Double(referenceIndex))
                    direction = -direction
                    reference = value
                    referenceIndex = index
                } else if direction == 0, Swift.abs(value - reference) > hysteresis {
                    direction = value > reference ? 1 : -1
                    reference = value
                    referenceIndex = index
                }
            }
            return merged(signChanges, extrema)
        }
    }

    /// The union of two ascending lists, ascending.
    static func merged(_ first: [Double], _ second: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(first.count + second.count)
        var firstIndex = 0
        var secondIndex = 0
        while firstIndex < first.count || secondIndex < second.count {
            if secondIndex == second.count
                || (firstIndex < first.count && first[firstIndex] <= second[secondIndex]) {
                result.append(first[firstIndex])
                firstIndex += 1
            } else {
                result.append(second[secondIndex])
                secondIndex += 1
            }
        }
        return result
    }

    /// Positions (in cells) of the sign changes of every breakpoint
    /// locator on the grid, ascending.
    static func breakpointCells(
        _ integrand: GaussianIntegrand, sigma: Double, points: [Double]
    ) -> [Double] {
        var cells: [Double] = []
        for locator in integrand.breakpoints {
            let values = locator.locator.values(at: points, scale: sigma)
            for index in 0..<(values.count - 1) {
                let left = values[index]
                let right = values[index + 1]
                if left.isNaN || right.isNaN { continue }
                if (left < 0) != (right < 0) || (left == 0) != (right == 0) {
                    cells.append(Double(index) + 0.5)
                }
            }
        }
        return cells.sorted()
    }

    /// The feature positions more than 1.5 cells from every breakpoint.
    ///
    /// A jump makes a sign change and two extrema within one cell however
    /// fine the grid, so features beside a located breakpoint say nothing
    /// about the resolution; the breakpoint itself becomes a panel end.
    static func awayFrom(_ breakpoints: [Double], _ positions: [Double]) -> [Double] {
        guard !breakpoints.isEmpty else { return positions }
        var next = 0
        return positions.filter { position in
            while next < breakpoints.count, breakpoints[next] < position - 1.5 { next += 1 }
            return next == breakpoints.count || breakpoints[next] > position + 1.5
        }
    }

    /// Whether the features are far enough apart for the grid to follow
    /// them (about 16 points per period of an oscillation).
    static func isResolved(_ positions: [Double], cells: Int) -> Bool {
        guard positions.count > 1 else { return true }
        if positions.count * 4 > cells { return false }
        var tight = 0
        for index in 1..<positions.count where positions[index] - positions[index - 1] < 2.5 {
            tight += 1
        }
        return tight <= 2 + positions.count / 20
    }

    /// The trapezoid rule for `∫ |transform(g)| w dt` over the finite
    /// grid values (non-finite ones count as 0).
    static func trapezoid(_ sample: GridSample, _ transform: GaussianIntegrand.Transform) -> Double {
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
