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
    /// outer limit joined with the coarse geometric points, computed once.
    static let coarsePoints: [Double] = {
        let limit = GaussianWeight.outerLimit
        let cells = 2 * Int(limit / RangeSelection.step)
        let uniform = (0...cells).map { limit * Double(2 * $0 - cells) / Double(cells) }
        let magnitudes = geometricMagnitudes(ratio: coarseGeometricRatio, below: limit)
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

    /// The union of `cells + 1` uniform points on `[−halfWidth, halfWidth]`
    /// (with 0 among them when `cells` is even) and the geometric points
    /// inside it, ascending and without duplicates.
    static func points(halfWidth: Double, cells: Int) -> [Double] {
        let uniform = (0...cells).map { halfWidth * Double(2 * $0 - cells) / Double(cells) }
        let magnitudes = fineMagnitudes.prefix { $0 < halfWidth }
        let geometric = magnitudes.reversed().map { -$0 } + magnitudes
        return union(uniform, geometric)
    }

    /// Splits every cell of `points` into `parts` equal cells.
    static func refined(_ points: [Double], parts: Int) -> [Double] {
        guard points.count > 1 else { return points }
        var result: [Double] = []
        result.reserveCapacity((points.count - 1) * parts + 1)
        for index in 0..<(points.count - 1) {
            let lower = points[index]
            let width = points[index + 1] - lower
            for part in 0..<parts {
                result.append(lower + width * Double(part) / Double(parts))
            }
        }
        result.append(points[points.count - 1])
        return result
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
