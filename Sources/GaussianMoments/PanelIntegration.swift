import NumericalMethods

/// Integrates the weighted integrand panel by panel with GSL and sums the
/// values and error estimates.
enum PanelIntegration {
    /// The sum over panels.
    struct Sum {
        var value = 0.0
        var errorEstimate = 0.0
        var evaluations = 0
        /// `Σ |panel value|`, for the rounding error of the sum itself.
        var absoluteSum = 0.0
    }

    /// Subintervals one panel may use; a panel holds about one period of
    /// an oscillation, so needing more means trouble, not precision.
    static let subdivisionsPerPanel = 500

    /// Integrates every panel.
    ///
    /// Each panel gets the relative tolerance `tolerance/2` and the
    /// absolute tolerance `tolerance/2 · absoluteScale / panelCount`, so
    /// the summed error estimates stay below `tolerance · E[|integrand|]`
    /// while panels in the far tails, which hold almost nothing, finish
    /// after one rule evaluation.
    static func integrate(
        _ integrand: GaussianIntegrand,
        sigma: Double,
        panels: [Panel],
        breakpoints: [LocatedBreakpoint],
        relativeTolerance tolerance: Double,
        absoluteScale: Double
    ) throws(GaussianMomentError) -> Sum {
        let workspace: QuadratureWorkspace
        do {
            workspace = try QuadratureWorkspace(maximumSubdivisions: subdivisionsPerPanel)
        } catch {
            throw .notConverged(from: 0, to: 0, cause: error)
        }
        let weighted = weightedIntegrand(integrand, sigma: sigma)
        let relative = 0.5 * tolerance
        let absolute = 0.5 * tolerance * absoluteScale / Double(max(panels.count, 1))

        var sum = Sum()
        for panel in panels {
            do {
                let result = panel.touchesSingularity
                    ? try workspace.integrateWithEndpointSingularities(
                        weighted, from: panel.lower, to: panel.upper,
                        absoluteTolerance: absolute, relativeTolerance: relative)
                    : try workspace.integrate(
                        weighted, from: panel.lower, to: panel.upper, rule: .points21,
                        absoluteTolerance: absolute, relativeTolerance: relative)
                sum.value += result.value
                sum.absoluteSum += Swift.abs(result.value)
                sum.errorEstimate += result.errorEstimate
                sum.evaluations += result.evaluations
            } catch {
                throw failure(
                    error, panel: panel, integrand: integrand, sigma: sigma,
                    breakpoints: breakpoints)
            }
        }
        // The rounding of the sum over panels, which GSL's per-panel
        // estimates do not cover: at most (n − 1)·u·Σ|v| for n terms with
        // unit round-off u = ε/2.
        sum.errorEstimate += Double(max(panels.count - 1, 0)) * 0.5 * Double.ulpOfOne
            * sum.absoluteSum
        return sum
    }
}

private extension PanelIntegration {
    /// `t ↦ transform(g(σt))·w(t)`, with NaN beyond the undefined-check
    /// limit counted as 0 (see `GaussianWeight.undefinedCheckLimit`).
    static func weightedIntegrand(
        _ integrand: GaussianIntegrand, sigma: Double
    ) -> (Double) -> Double {
        let function = integrand.function.evaluate
        let limit = GaussianWeight.undefinedCheckLimit
        switch integrand.transform {
        case .square:
            return { t in
                let value = function(sigma * t)
                if value.isNaN, Swift.abs(t) > limit { return 0 }
                return value * value * GaussianWeight.density(t)
            }
        case .identity:
            return { t in
                let value = function(sigma * t)
                if value.isNaN, Swift.abs(t) > limit { return 0 }
                return value * GaussianWeight.density(t)
            }
        }
    }

    /// Says what a GSL failure on a panel means for the expectation.
    static func failure(
        _ error: NumericalError, panel: Panel, integrand: GaussianIntegrand, sigma: Double,
        breakpoints: [LocatedBreakpoint]
    ) -> GaussianMomentError {
        let singularEnd = panel.isSingularAtLower ? panel.lower : panel.upper
        let singularReason = breakpoints.first { $0.t == singularEnd && $0.isSingular }?
            .description ?? "the function is not finite there"

        if case let .nonFiniteValue(t, value) = error {
            if value.isNaN, !panel.touchesSingularity {
                return .undefined(
                    x: sigma * t,
                    reason: QuadratureDiagnostics.reason(
                        between: sigma * t, and: nil, breakpoints: integrand.breakpoints))
            }
            if !panel.touchesSingularity {
                return .nonFiniteValue(x: sigma * t, value: value, cause: error)
            }
        }
        if panel.touchesSingularity {
            return .nonIntegrableSingularity(
                x: sigma * singularEnd, reason: singularReason, cause: error)
        }
        return .notConverged(from: sigma * panel.lower, to: sigma * panel.upper, cause: error)
    }
}
