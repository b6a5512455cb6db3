import CGSL

/// Storage for the subintervals of GSL's adaptive integration, reusable
/// across many integrals.
///
/// `AdaptiveQuadrature` allocates one per call. A caller that integrates
/// thousands of panels in a row (an oscillatory integrand split at every
/// period) keeps one workspace and saves an allocation per panel. A
/// workspace is not thread-safe: use one per thread.
public final class QuadratureWorkspace {
    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>

    /// The largest number of subintervals one integral may use.
    public let maximumSubdivisions: Int

    /// Allocates room for `maximumSubdivisions` subintervals.
    ///
    /// - Throws: `.invalidArgument` for a limit below 1, `.gslFailure`
    ///   when the allocation fails.
    public init(maximumSubdivisions: Int = 1000) throws(NumericalError) {
        guard maximumSubdivisions >= 1 else {
            throw .invalidArgument("the maximum number of subdivisions must be at least 1")
        }
        GSLErrorHandling.ensureDisabled()
        guard let workspace = gsl_integration_workspace_alloc(maximumSubdivisions) else {
            throw .gslFailure(status: Int32(GSL_ENOMEM), reason: "cannot allocate a workspace")
        }
        self.workspace = workspace
        self.maximumSubdivisions = maximumSubdivisions
    }

    deinit {
        gsl_integration_workspace_free(workspace)
    }

    /// `∫ f(x) dx` over the finite `lower...upper` by GSL's qag with the
    /// given rule; see `AdaptiveQuadrature.integrate(_:from:to:...)`.
    public func integrate(
        _ integrand: (Double) -> Double,
        from lower: Double,
        to upper: Double,
        rule: GaussKronrodRule = .points21,
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = 1e-10
    ) throws(NumericalError) -> QuadratureResult {
        try validateFiniteInterval(
            lower: lower, upper: upper, absoluteTolerance: absoluteTolerance,
            relativeTolerance: relativeTolerance)
        let limit = maximumSubdivisions
        return try run(integrand, limit: limit) { function, workspace, value, error in
            gsl_integration_qag(
                &function, lower, upper, absoluteTolerance, relativeTolerance,
                limit, Int32(rule.rawValue), workspace, &value, &error)
        }
    }

    /// `∫ f(x) dx` over the finite `lower...upper` by GSL's qags: the
    /// 21-point rule with extrapolation, which copes with integrable
    /// singularities at the ends (`log(x)²` at 0) and reports divergence
    /// for non-integrable ones.
    public func integrateWithEndpointSingularities(
        _ integrand: (Double) -> Double,
        from lower: Double,
        to upper: Double,
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = 1e-10
    ) throws(NumericalError) -> QuadratureResult {
        try validateFiniteInterval(
            lower: lower, upper: upper, absoluteTolerance: absoluteTolerance,
            relativeTolerance: relativeTolerance)
        let limit = maximumSubdivisions
        return try run(integrand, limit: limit) { function, workspace, value, error in
            gsl_integration_qags(
                &function, lower, upper, absoluteTolerance, relativeTolerance,
                limit, workspace, &value, &error)
        }
    }
}

extension QuadratureWorkspace {
    /// The checks every routine shares, plus finite limits: a workspace
    /// routine integrates over a finite interval only.
    func validateFiniteInterval(
        lower: Double, upper: Double, absoluteTolerance: Double, relativeTolerance: Double
    ) throws(NumericalError) {
        try AdaptiveQuadrature.validate(
            lower: lower, upper: upper, absoluteTolerance: absoluteTolerance,
            relativeTolerance: relativeTolerance, maximumSubdivisions: maximumSubdivisions)
        guard lower.isFinite, upper.isFinite else {
            throw .invalidArgument("a workspace integrates over finite limits only")
        }
    }

    typealias GSLCall = (
        inout gsl_function, UnsafeMutablePointer<gsl_integration_workspace>,
        inout Double, inout Double
    ) -> Int32

    /// Runs one GSL routine on this workspace through the bridge and turns
    /// its status and the bridge's records into a result or an error.
    func run(
        _ integrand: (Double) -> Double, limit: Int, call: GSLCall
    ) throws(NumericalError) -> QuadratureResult {
        let workspace = self.workspace
        let (status, result, nonFinite) = FunctionBridge.withGSLFunction(integrand) {
            function, bridge in
            var value = 0.0
            var error = 0.0
            let status = call(&function, workspace, &value, &error)
            let result = QuadratureResult(
                value: value, errorEstimate: error,
                evaluations: bridge.evaluations, intervals: workspace.pointee.size)
            return (status, result, bridge.nonFiniteError)
        }

        if let nonFinite { throw nonFinite }
        if let failure = GSLErrorHandling.quadratureError(
            status: status, limit: limit, partial: result) {
            throw failure
        }
        return result
    }
}
