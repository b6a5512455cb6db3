/// Panel ends where the scan saw the integrand change on a scale far
/// below the one the panels resolve.
///
/// A panel is integrated by a 21-point Gauss–Kronrod rule, whose nodes
/// near an end of a panel of width `W` are about `W/200` apart; the
/// uniform part of the scan grid sets `W` (a few cells). Near the origin
/// the grid is geometric and much finer, so it can see a feature the rule
/// cannot: `tanh(x)²` through σ = 10⁴ has a dip of width 10⁻⁴ in `t` at 0,
/// on a plateau of 1. Without panel ends there the rule integrates the
/// plateau, reports convergence, and `M_f` comes out as 1 instead of
/// `1 − 8·10⁻⁵`, with an error estimate of 10⁻¹⁴: a silent error, in the
/// gain of every saturating activation (tanh, sigmoid, erf) for σ ≥ 10⁴.
extension FeatureScan {
    /// How much steeper than the uniform grid resolves a cell must be to
    /// count: its change must exceed this many times `max |g|` per uniform
    /// cell width.
    static let steepSlopeFactor = 8.0

    /// The change between neighbouring grid values below which a feature
    /// counts as settled, relative to `max |g|`.
    static let settledChange = 1e-13

    /// The grid points that bound the steep cells and their flanks.
    ///
    /// A cell is steep when it is narrower than half the widest cell (so
    /// it lies in the geometric part of the grid) and `g` changes across
    /// it faster than `steepSlopeFactor · max |g| / widest cell`. From
    /// every run of steep cells the marking extends outward through the
    /// narrow cells until `g` changes by less than `settledChange · max |g|`
    /// between neighbours: the flanks of a dip or a step decay slowly
    /// (`1 − tanh² ≈ 4e^{−2x}`) and hold mass the rule would miss too.
    /// Smooth integrands at ordinary σ have no steep cells, so they pay
    /// nothing.
    static func steepCellEnds(_ points: [Double], _ values: [Double]) -> [Double] {
        let cells = points.count - 1
        guard cells > 1 else { return [] }
        var largest = 0.0
        for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
        var widest = 0.0
        for index in 0..<cells { widest = max(widest, points[index + 1] - points[index]) }
        guard largest > 0, widest > 0 else { return [] }

        let width = { (cell: Int) in points[cell + 1] - points[cell] }
        let change = { (cell: Int) in Swift.abs(values[cell + 1] - values[cell]) }
        let isNarrow = { (cell: Int) in width(cell) < 0.5 * widest }
        let isSettled = { (cell: Int) in
            !(change(cell) > settledChange * largest)  // NaN counts as settled
        }
        let slopeLimit = steepSlopeFactor * largest / widest

        var marked = [Bool](repeating: false, count: cells)
        for cell in 0..<cells where isNarrow(cell) && change(cell) > slopeLimit * width(cell) {
            marked[cell] = true
        }
        // Extend each run outward through its unsettled flanks.
        let steep = marked
        for cell in 0..<cells where steep[cell] {
            var left = cell - 1
            while left >= 0, !marked[left], isNarrow(left), !isSettled(left) {
                marked[left] = true
                left -= 1
            }
            var right = cell + 1
            while right < cells, !marked[right], isNarrow(right), !isSettled(right) {
                marked[right] = true
                right += 1
            }
        }

        var ends: [Double] = []
        for cell in 0..<cells where marked[cell] {
            if ends.last != points[cell] { ends.append(points[cell]) }
            ends.append(points[cell + 1])
        }
        return ends
    }
}
