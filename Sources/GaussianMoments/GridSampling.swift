import ActivationExpr

/// The values of a function on a grid of the scaled variable `t`, with
/// the places where it is not finite sorted into kinds.
struct GridSample {
    /// The grid, in `t`, ascending.
    let points: [Double]

    /// `g(σ·t)` at each grid point.
    let values: [Double]

    /// Grid indices where `g` is not finite but is finite just beside
    /// them: removable singularities (`sin(x)/x` at 0) or poles (`1/x`).
    let singularIndices: [Int]

    /// Runs of grid indices where `g` is NaN, or isolated NaN points that
    /// stay NaN beside them.
    let undefinedRuns: [ClosedRange<Int>]

    /// Runs of grid indices where `g` is infinite (overflow).
    let infiniteRuns: [ClosedRange<Int>]

    /// Evaluates `function` at `σ·t` for every `t` with the block
    /// evaluator and classifies the non-finite values.
    ///
    /// An isolated non-finite value is probed at `t ± 1e-7·spacing`; if
    /// both probes are finite it is a singular point, otherwise it belongs
    /// to a run.
    init(function: CompiledFunction, sigma: Double, points: [Double]) {
        self.init(
            function: function, sigma: sigma, points: points,
            values: function.values(at: points, scale: sigma))
    }

    /// Classifies `values`, already computed at `σ·points`.
    init(function: CompiledFunction, sigma: Double, points: [Double], values: [Double]) {
        self.points = points
        self.values = values

        var singular: [Int] = []
        var undefined: [ClosedRange<Int>] = []
        var infinite: [ClosedRange<Int>] = []
        var index = 0
        while index < values.count {
            guard !values[index].isFinite else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < values.count, !values[end + 1].isFinite { end += 1 }
            let run = index...end
            let hasNaN = run.contains { values[$0].isNaN }
            if run.count == 1, index > 0, end + 1 < values.count,
               Self.isFiniteBeside(function, sigma: sigma, points: points, index: index) {
                singular.append(index)
            } else if hasNaN
                || Self.isNaNBeside(function, sigma: sigma, points: points, index: index) {
                undefined.append(run)
            } else {
                infinite.append(run)
            }
            index = end + 1
        }
        singularIndices = singular
        undefinedRuns = undefined
        infiniteRuns = infinite
    }
}

private extension GridSample {
    static func probes(points: [Double], index: Int) -> (Double, Double) {
        let left = index > 0 ? points[index] - points[index - 1] : .infinity
        let right = index + 1 < points.count ? points[index + 1] - points[index] : .infinity
        let spacing = min(left, right, 1)
        let offset = 1e-7 * spacing
        return (points[index] - offset, points[index] + offset)
    }

    static func isFiniteBeside(
        _ function: CompiledFunction, sigma: Double, points: [Double], index: Int
    ) -> Bool {
        let (left, right) = probes(points: points, index: index)
        return function(sigma * left).isFinite && function(sigma * right).isFinite
    }

    static func isNaNBeside(
        _ function: CompiledFunction, sigma: Double, points: [Double], index: Int
    ) -> Bool {
        guard points.count > 1 else { return false }
        let (left, right) = probes(points: points, index: index)
        return function(sigma * left).isNaN || function(sigma * right).isNaN
    }
}

extension CompiledFunction {
    /// `self(scale·t)` for every `t`, through the block evaluator.
    func values(at points: [Double], scale: Double) -> [Double] {
        var buffer = points.map { scale * $0 }
        buffer.withUnsafeMutableBufferPointer { storage in
            evaluateBlock(UnsafeBufferPointer(storage), storage)
        }
        return buffer
    }
}
