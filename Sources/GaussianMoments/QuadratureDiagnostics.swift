import ActivationExpr

/// Turns what a grid scan saw into errors that say where and why.
enum QuadratureDiagnostics {
    /// Throws `.undefined` when `g` is NaN on a run of grid points within
    /// `|t| ≤ limit`, naming the NaN point nearest to `|t| = 1` (`|x| = σ`,
    /// where samples typically fall) and, when a breakpoint locator
    /// changes sign between it and the nearest point where `g` is defined,
    /// that locator's description (e.g. "log has a pole where x = 0").
    static func rejectUndefined(
        _ sample: GridSample, integrand: GaussianIntegrand, sigma: Double, within limit: Double
    ) throws(GaussianMomentError) {
        let points = sample.points
        func distanceFromTypical(_ index: Int) -> Double { Swift.abs(Swift.abs(points[index]) - 1) }
        let candidates = sample.undefinedRuns.flatMap { run in
            run.filter { sample.values[$0].isNaN && Swift.abs(points[$0]) <= limit }
        }
        guard let index = candidates.min(by: { distanceFromTypical($0) < distanceFromTypical($1) })
        else { return }

        let x = sigma * points[index]
        let defined = sample.values.indices
            .filter { sample.values[$0].isFinite }
            .min { Swift.abs($0 - index) < Swift.abs($1 - index) }
        throw .undefined(
            x: x,
            reason: reason(
                between: x, and: defined.map { sigma * points[$0] },
                breakpoints: integrand.breakpoints))
    }

    /// The description of the breakpoint that best explains a NaN at
    /// `undefinedX` next to a defined value at `definedX`.
    static func reason(
        between undefinedX: Double, and definedX: Double?, breakpoints: [BreakpointLocator]
    ) -> String {
        let edges = breakpoints.filter { $0.kind == .domainEdge || $0.kind == .pole }
        if let definedX {
            for locator in edges {
                let inside = locator.locator(undefinedX)
                let outside = locator.locator(definedX)
                if inside.isNaN || outside.isNaN || (inside < 0) != (outside < 0)
                    || inside == 0 || outside == 0 {
                    return locator.description
                }
            }
        }
        return edges.first?.description ?? ""
    }
}
