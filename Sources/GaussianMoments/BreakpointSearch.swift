import ActivationExpr

/// A non-smooth point of the integrand, located in `t = x/σ`.
struct LocatedBreakpoint {
    /// Where, in `t`.
    let t: Double
    /// What happens there.
    let kind: BreakpointLocator.Kind
    /// The locator's account of it, for error messages.
    let description: String

    /// Whether the integrand may be singular next to this point, so that
    /// the panels beside it need a rule that copes with end-point
    /// singularities.
    var isSingular: Bool { kind == .pole || kind == .domainEdge }
}

/// Locates the breakpoints of an integrand on the scan grid.
///
/// Each locator is evaluated on the whole grid with its block evaluator;
/// every cell whose end values differ in sign (negative, zero, positive)
/// holds a breakpoint, which bisection then pins down to neighbouring
/// doubles. Bisection on the sign alone works for locators that jump as
/// well as for smooth ones, and never needs the locator to be finite
/// except on the grid and at the bisection points.
enum BreakpointSearch {
    /// The breakpoints of every locator, ascending in `t`.
    ///
    /// - Parameter locatorValues: each locator's values on `points` (at
    ///   `x = σ·t`), as the feature scan computed them.
    static func locate(
        _ locators: [BreakpointLocator], locatorValues: [[Double]], sigma: Double,
        points: [Double]
    ) -> [LocatedBreakpoint] {
        var located: [LocatedBreakpoint] = []
        for (locator, values) in zip(locators, locatorValues) {
            var handledCells = [Bool](repeating: false, count: points.count)

            // A zero exactly on the grid between non-zero values (relu at
            // t = 0) is the breakpoint itself: no bisection needed.
            for index in values.indices where values[index] == 0 {
                let previous = index > 0 ? values[index - 1] : .nan
                let next = index + 1 < values.count ? values[index + 1] : .nan
                if previous != 0, next != 0 {
                    append(points[index], locator, to: &located)
                    if index > 0 { handledCells[index - 1] = true }
                    handledCells[index] = true
                }
            }

            for index in 0..<(points.count - 1) where !handledCells[index] {
                let left = values[index]
                let right = values[index + 1]
                guard !left.isNaN, !right.isNaN, sign(left) != sign(right) else { continue }
                let t = bisect(
                    from: points[index], to: points[index + 1], leftSign: sign(left)
                ) { locator.locator(sigma * $0) }
                append(t, locator, to: &located)
            }
        }
        return located.sorted { $0.t < $1.t }
    }
}

private extension BreakpointSearch {
    static func sign(_ value: Double) -> Int {
        value > 0 ? 1 : (value < 0 ? -1 : 0)
    }

    static func append(
        _ t: Double, _ locator: BreakpointLocator, to located: inout [LocatedBreakpoint]
    ) {
        located.append(
            LocatedBreakpoint(t: t, kind: locator.kind, description: locator.description))
    }

    /// The first point, to double precision, where the sign of
    /// `function` stops being `leftSign` on `[lower, upper]`.
    static func bisect(
        from lower: Double, to upper: Double, leftSign: Int, _ function: (Double) -> Double
    ) -> Double {
        var low = lower
        var high = upper
        while true {
            let middle = low + 0.5 * (high - low)
            guard middle > low, middle < high, high - low > 1e-300 else { return high }
            let value = function(middle)
            if !value.isNaN, sign(value) == leftSign {
                low = middle
            } else {
                high = middle
            }
        }
    }
}
