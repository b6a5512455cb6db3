// `gsl_root_fsolver_brent` is a C global variable that GSL never writes
// after load; without @preconcurrency Swift 6 refuses to read it.
@preconcurrency import CGSL

/// A root found inside a bracket, with the bracket it ended in.
public struct RootResult: Equatable, Sendable {
    /// The best estimate of the root (GSL's current iterate).
    public var root: Double

    /// The final bracket; it contains a sign change of the function.
    public var lower: Double, upper: Double

    /// How many Brent iterations ran (0 when an end point was a root).
    public var iterations: Int

    /// Bundles a root with its final bracket.
    public init(root: Double, lower: Double, upper: Double, iterations: Int) {
        self.root = root
        self.lower = lower
        self.upper = upper
        self.iterations = iterations
    }
}

/// Bracketed root refinement with GSL's Brent solver
/// (`gsl_root_fsolver_brent`: inverse quadratic interpolation safeguarded
/// by bisection).
public enum RootRefinement {
    /// Shrinks a bracket `[lower, upper]` whose end values differ in sign
    /// around a root of `function`.
    ///
    /// Stops when the bracket satisfies GSL's interval test
    ///
    ///     |upper − lower| < absoluteTolerance + relativeTolerance · min(|lower|, |upper|)
    ///
    /// (the minimum is 0 when the bracket contains 0, so a root at 0 needs
    /// an absolute tolerance), or when the bracket is down to two
    /// neighbouring doubles, which no tolerance can beat.
    ///
    /// - Parameters:
    ///   - relativeTolerance: 1e-10 by default, what the σ_p search needs.
    ///   - maximumIterations: a guard against a function that never lets
    ///     the bracket shrink; Brent needs a few dozen steps at most on
    ///     well-behaved functions.
    /// - Returns: the end point itself when the function is exactly 0
    ///   there.
    /// - Throws: `.noSignChange` when both end values have the same sign
    ///   (GSL would abort here by default), `.nonFiniteValue` when the
    ///   function is NaN or infinite at a point the solver asked for,
    ///   `.rootNotConverged` after `maximumIterations`, and
    ///   `.invalidArgument` for a bracket or tolerance that cannot work.
    public static func brent(
        _ function: (Double) -> Double,
        lower: Double,
        upper: Double,
        relativeTolerance: Double = 1e-10,
        absoluteTolerance: Double = 0,
        maximumIterations: Int = 200
    ) throws(NumericalError) -> RootResult {
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw .invalidArgument("the bracket [\(lower), \(upper)] must be finite and ordered")
        }
        guard relativeTolerance >= 0, absoluteTolerance >= 0,
              relativeTolerance > 0 || absoluteTolerance > 0 else {
            throw .invalidArgument("tolerances must be non-negative and one of them positive")
        }
        guard maximumIterations >= 1 else {
            throw .invalidArgument("the maximum number of iterations must be at least 1")
        }

        // Check the bracket in Swift: GSL's own check would be an error
        // (an abort under the default handler), and the end values make a
        // better message.
        let valueAtLower = function(lower)
        let valueAtUpper = function(upper)
        guard valueAtLower.isFinite else { throw .nonFiniteValue(x: lower, value: valueAtLower) }
        guard valueAtUpper.isFinite else { throw .nonFiniteValue(x: upper, value: valueAtUpper) }
        if valueAtLower == 0 {
            return RootResult(root: lower, lower: lower, upper: lower, iterations: 0)
        }
        if valueAtUpper == 0 {
            return RootResult(root: upper, lower: upper, upper: upper, iterations: 0)
        }
        guard (valueAtLower < 0) != (valueAtUpper < 0) else {
            throw .noSignChange(
                lower: lower, upper: upper, valueAtLower: valueAtLower, valueAtUpper: valueAtUpper)
        }

        return try solve(
            function, lower: lower, upper: upper, relativeTolerance: relativeTolerance,
            absoluteTolerance: absoluteTolerance, maximumIterations: maximumIterations)
    }
}

private extension RootRefinement {
    /// Runs the GSL Brent iteration on a bracket already known to be good.
    static func solve(
        _ function: (Double) -> Double, lower: Double, upper: Double,
        relativeTolerance: Double, absoluteTolerance: Double, maximumIterations: Int
    ) throws(NumericalError) -> RootResult {
        GSLErrorHandling.ensureDisabled()
        guard let solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent) else {
            throw .gslFailure(status: Int32(GSL_ENOMEM), reason: "cannot allocate a Brent solver")
        }
        defer { gsl_root_fsolver_free(solver) }

        let outcome: Result<RootResult, NumericalError> = FunctionBridge.withGSLFunction(function) {
            gslFunction, bridge in
            let setStatus = gsl_root_fsolver_set(solver, &gslFunction, lower, upper)
            if let nonFinite = bridge.nonFiniteError { return .failure(nonFinite) }
            guard setStatus == Int32(GSL_SUCCESS) else {
                return .failure(.gslFailure(
                    status: setStatus, reason: GSLErrorHandling.reason(for: setStatus)))
            }

            for iteration in 1...maximumIterations {
                let status = gsl_root_fsolver_iterate(solver)
                if let nonFinite = bridge.nonFiniteError { return .failure(nonFinite) }
                guard status == Int32(GSL_SUCCESS) else {
                    return .failure(.gslFailure(
                        status: status, reason: GSLErrorHandling.reason(for: status)))
                }
                let root = gsl_root_fsolver_root(solver)
                let low = gsl_root_fsolver_x_lower(solver)
                let high = gsl_root_fsolver_x_upper(solver)
                let test = gsl_root_test_interval(low, high, absoluteTolerance, relativeTolerance)
                if test == Int32(GSL_SUCCESS) || high.nextDown <= low {
                    return .success(
                        RootResult(root: root, lower: low, upper: high, iterations: iteration))
                }
            }
            return .failure(.rootNotConverged(
                iterations: maximumIterations,
                lower: gsl_root_fsolver_x_lower(solver),
                upper: gsl_root_fsolver_x_upper(solver)))
        }
        return try outcome.get()
    }
}
