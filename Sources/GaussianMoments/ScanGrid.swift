import CVectorMath

/// The grids of `t = x/σ` on which integrands are sampled.
///
/// A uniform grid alone misses features much narrower than its spacing:
/// at σ = 20 the derivative of the bump `exp(−x²/(2·0.05²))` is two peaks
/// of width 0.0025 in `t`, at `t = ±0.0025`, and vanishes at `t = 0`. Most
/// activations put their structure near `x = 0`, so every grid here is the
/// union of a uniform grid and a geometric one, `±10⁻⁶·1.2^k`, whose
/// spacing is a fifth of the distance to 0. It catches a feature of width
/// `w` centred anywhere within about `5w` of the origin, at every σ.
enum ScanGrid {
    /// The innermost geometric point.
    static let geometricStart = 1e-6

    /// The ratio between consecutive geometric points of the feature scan.
    static let geometricRatio = 1.2

    /// The ratio for the coarse range scan, which only has to notice that
    /// something is there (the feature scan then resolves it).
    static let coarseGeometricRatio = 1.5

    /// `geometricStart · ratio^k` below `limit`, ascending.
    static func geometricMagnitudes(ratio: Double, below limit: Double) -> [Double] {
        var magnitudes: [Double] = []
        var value = geometricStart
        while value < limit {
            magnitudes.append(value)
            value *= ratio
        }
        return magnitudes
    }

    /// The feature scan's geometric magnitudes out to the outer limit,
    /// computed once.
    static let fineMagnitudes = geometricMagnitudes(
        ratio: geometricRatio, below: GaussianWeight.outerLimit)

    /// The coarse range-scan grid: step `RangeSelection.step` out to the
    /// outer limit joined with the coarse geometric points where they are
    /// denser than it, computed once.
    static let coarsePoints: [Double] = {
        let limit = GaussianWeight.outerLimit
        let step = RangeSelection.step
        let cells = 2 * Int(limit / step)
        let uniform = (0...cells).map { limit * Double(2 * $0 - cells) / Double(cells) }
        let magnitudes = geometricMagnitudes(
            ratio: coarseGeometricRatio, below: step / (coarseGeometricRatio - 1))
        return union(uniform, magnitudes.reversed().map { -$0 } + magnitudes)
    }()

    /// The standard normal density at each of `coarsePoints`.
    static let coarseDensities = densities(at: coarsePoints)

    /// `exp(−t²/2)/√(2π)` for every `t`, through the block `vm_exp`.
    static func densities(at points: [Double]) -> [Double] {
        var values = points.map { -0.5 * $0 * $0 }
        values.withUnsafeMutableBufferPointer { buffer in
            vm_exp(buffer.baseAddress, buffer.baseAddress, buffer.count)
        }
        for index in values.indices { values[index] *= GaussianWeight.normalization }
        return values
    }

    /// The smallest `|x|` the feature scan's geometric points reach.
    ///
    /// Below it an expression with a cancellation (`sin(x)/x`'s derivative
    /// `(x cos x − sin x)/x²` loses all its digits near 0) is mostly
    /// rounding noise, which would look like an oscillation and make the
    /// scan refine for nothing. Known limit: features narrower than about
    /// 1e-3 in `x` near the origin are left to the adaptive rule.
    static let smallestFeatureMagnitude = 1e-3

    /// The union of `cells + 1` uniform points on `[−halfWidth, halfWidth]`
    /// (with 0 among them when `cells` is even) and the geometric points
    /// from `|x| = smallestFeatureMagnitude` out to where the uniform grid
    /// is denser, ascending and without duplicates.
    static func points(halfWidth: Double, cells: Int, sigma: Double) -> [Double] {
        let uniform = (0...cells).map { halfWidth * Double(2 * $0 - cells) / Double(cells) }
        let innermost = smallestFeatureMagnitude / sigma
        let spacing = 2 * halfWidth / Double(cells)
        let outermost = min(halfWidth, spacing / (geometricRatio - 1))
        let magnitudes = fineMagnitudes.filter { $0 >= innermost && $0 < outermost }
        let geometric = magnitudes.reversed().map { -$0 } + magnitudes
        return union(uniform, geometric)
    }

    /// The union of two ascending lists, ascending, with values closer
    /// than 1e-9 of the larger spacing merged (the first list wins).
    static func union(_ first: [Double], _ second: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(first.count + second.count)
        var firstIndex = 0
        var secondIndex = 0
        while firstIndex < first.count || secondIndex < second.count {
            let takeFirst = secondIndex == second.count
                || (firstIndex < first.count && first[firstIndex] <= second[secondIndex])
            let value = takeFirst ? first[firstIndex] : second[secondIndex]
            if takeFirst { firstIndex += 1 } else { secondIndex += 1 }
            if let last = result.last, value - last <= 1e-12 * max(Swift.abs(value), 1e-300) {
                continue
            }
            result.append(value)
        }
        return result
    }
}
