import Foundation

/// Finds the scale of an integrand's features (oscillations, peaks) on
/// `[−T, T]` by sampling `g` with the block evaluator on a uniform grid
/// that is refined until the features are resolved.
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
/// The grid is symmetric and contains `t = 0`, so peaks centred at 0 are
/// always seen. Known limit: a feature narrower than the final grid
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
        var cells = Self.initialCells
        while true {
            let points = (0...cells).map { halfWidth * Double(2 * $0 - cells) / Double(cells) }
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
            if Self.isResolved(positions, cells: cells) {
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
            guard cells < Self.maximumCells else {
                throw .unresolved(
                    detail: "\(positions.count) sign changes and extrema on \(cells) "
                        + "grid cells: the function oscillates faster than a grid of "
                        + "\(Self.maximumCells) points over |x| ≤ \(formatted(sigma * halfWidth)) "
                        + "can follow")
            }
            cells *= 4
        }
    }
}

private extension FeatureScan {
    /// Feature positions in units of grid cells: an extremum at index `i`
    /// is at `i`, a sign change between `i` and `i + 1` at `i + 0.5`, an
    /// exact zero between values of opposite sign at its index.
    static func featurePositions(_ values: [Double]) -> [Double] {
        let largest = values.lazy.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 0
        let hysteresis = 1e-12 * largest
        var positions: [Double] = []

        // Sign changes, skipping non-finite points.
        var previousIndex: Int?
        for index in values.indices where values[index].isFinite && values[index] != 0 {
            if let previous = previousIndex, (values[previous] < 0) != (values[index] < 0) {
                let gap = index - previous
                positions.append(gap == 2 && values[previous + 1] == 0
                    ? Double(previous + 1) : Double(previous) + 0.5 * Double(gap))
            }
            previousIndex = index
        }

        // Extrema: follow the running maximum while rising and the running
        // minimum while falling; a turn needs a change beyond the hysteresis.
        var direction = 0
        var reference = 0.0
        var referenceIndex = -1
        for index in values.indices where values[index].isFinite {
            let value = values[index]
            if referenceIndex < 0 {
                reference = value
                referenceIndex = index
                continue
            }
            switch direction {
            case 1 where value > reference:
                reference = value
                referenceIndex = index
            case -1 where value < reference:
                reference = value
                referenceIndex = index
            case 1 where value < reference - hysteresis,
                 -1 where value > reference + hysteresis:
                positions.append(Double(referenceIndex))
                direction = -direction
                reference = value
                referenceIndex = index
            case 0 where Swift.abs(value - reference) > hysteresis:
                direction = value > reference ? 1 : -1
                reference = value
                referenceIndex = index
            default:
                break
            }
        }
        return positions.sorted()
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

    /// `Σ |transform(g_i)| w(t_i) h` over the finite grid values.
    static func trapezoid(_ sample: GridSample, _ transform: GaussianIntegrand.Transform) -> Double {
        let points = sample.points
        guard points.count > 1 else { return 0 }
        let spacing = points[1] - points[0]
        var sum = 0.0
        for (index, value) in sample.values.enumerated() where value.isFinite {
            let weight = index == 0 || index == points.count - 1 ? 0.5 : 1
            sum += weight * Swift.abs(transform.apply(value)) * GaussianWeight.density(points[index])
        }
        return sum * spacing
    }
}
