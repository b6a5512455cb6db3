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

    /// Indices of strict local extrema that differ from both neighbours by
    /// more than half the largest magnitude of the three, ignoring values
    /// below 1e-9 of the largest on the grid.
    static func sharpExtrema(_ values: [Double]) -> [Int] {
        guard values.count > 2 else { return [] }
        var largest = 0.0
        for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
        var result: [Int] = []
        for index in 1..<(values.count - 1) {
            let (left, middle, right) = (values[index - 1], values[index], values[index + 1])
            guard left.isFinite, middle.isFinite, right.isFinite else { continue }
            let isExtremum = (middle > left && middle > right) || (middle < left && middle < right)
            let scale = max(Swift.abs(left), Swift.abs(middle), Swift.abs(right))
            let drop = min(Swift.abs(middle - left), Swift.abs(middle - right))
            if isExtremum, scale > 1e-9 * largest, drop > 0.5 * scale {
                result.append(index)
            }
        }
        return result
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
    static func breakpointCells(_ locatorValues: [[Double]]) -> [Double] {
        var cells: [Double] = []
        for values in locatorValues {
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

    /// The cells around features that are closer than 2.5 cells to their
    /// neighbour, with one cell of margin on each side, ascending (their
    /// count measures the crowding).
    ///
    /// A sampled oscillation shows about four features per period, so
    /// features 2.5 cells apart mean about ten points per period; an
    /// aliased oscillation looks like noise, with features one or two
    /// cells apart, and every cell of it is crowded.
    static func crowdedCells(_ positions: [Double], cells: Int) -> [Int] {
        guard positions.count > 1 else { return [] }
        var marked = [Bool](repeating: false, count: cells)
        var count = 0
        for index in 1..<positions.count where positions[index] - positions[index - 1] < 2.5 {
            let first = max(Int(positions[index - 1].rounded(.down)) - 1, 0)
            let last = min(Int(positions[index].rounded(.up)) + 1, cells) - 1
            guard first <= last else { continue }
            for cell in first...last where !marked[cell] {
                marked[cell] = true
                count += 1
            }
        }
        var result: [Int] = []
        result.reserveCapacity(count)
        for cell in marked.indices where marked[cell] { result.append(cell) }
        return result
    }

    /// How many crowded cells the final grid may keep: a few isolated
    /// spots (a jump that no locator reports, rounding noise in a
    /// cancellation) are left to the adaptive rule, a crowd is not.
    static func toleratedCrowdedCells(_ features: Int) -> Int {
        8 + features / 20
    }

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
