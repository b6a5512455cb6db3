// `gsl_min_fminimizer_brent` is a C global variable that GSL never writes
// after load; without @preconcurrency Swift 6 refuses to read it.
@preconcurrency import CGSL

/// A local minimum found inside a bracket, with the bracket it ended in.
public struct MinimumResult: Equatable, Sendable {
    /// Where the smallest value seen lies.
    public var location: Double

    /// The function's value there.
    public var value: Double

    /// The final bracket; it contains the minimum.
    public var lower: Double, upper: Double

    /// How many Brent iterations ran.
    public var iterations: Int

    /// Whether the bracket met the tolerance. When false, the iteration
    /// limit was reached first (a noisy function can stall the bracket);
    /// `location` and `value` are still the best point seen.
    public var converged: Bool

    /// Bundles a minimum with its final bracket.
    public init(
        location: Double, value: Double, lower: Double, upper: Double, iterations: Int,
        converged: Bool
    ) {
        self.location = location
        self.value = value
        self.lower = lower
        self.upper = upper
        self.iterations = iterations
        self.converged = converged
    }
}

/// Bracketed minimisation with GSL's Brent minimiser
/// (`gsl_min_fminimizer_brent`: parabolic interpolation safeguarded by
/// golden-section steps).
public enum MinimumRefinement {
    /// Shrinks a bracket `lower < guess < upper` with
    /// `f(guess) < f(lower)` and `f(guess) < f(upper)` around a local
    /// minimum of `function`.
    ///
    /// Stops when `|upper − lower| < absoluteTolerance +
    /// relativeTolerance · min(|lower|, |upper|)`, when the bracket is down
    /// to neighbouring doubles, or after `maximumIterations` (then
    /// `converged` is false). A minimum is flat to second order, so its
    /// location is known only to about the square root of the function's
    /// relative noise, and GSL's Brent steps are never shorter than
    /// `√ε·|x|` (1.5e-8 relative): a relative tolerance below about 1e-7
    /// cannot be met and ends at the iteration limit.
    ///
    /// - Throws: `.invalidArgument` when the bracket is not ordered and
    ///   finite, a tolerance cannot work, or the guess is not below both
    ///   ends (GSL would abort here by default); `.nonFiniteValue` when
    ///   the function is NaN or infinite at a point the minimiser asked for.
    public static func brent(
        _ function: (Double) -> Double,
        lower: Double,
        guess: Double,
        upper: Double,
        relativeTolerance: Double = 1e-7,
        absoluteTolerance: Double = 0,
        maximumIterations: Int = 100
    ) throws(NumericalError) -> MinimumResult {
        guard lower.isFinite, upper.isFinite, lower < guess, guess < upper else {
            throw .invalidArgument(
                "the bracket \(lower) < \(guess) < \(upper) must be finite and ordered")
        }
        guard relativeTolerance >= 0, absoluteTolerance >= 0,
              relativeTolerance > 0 || absoluteTolerance > 0 else {
            throw .invalidArgument("tolerances must be non-negative and one of them positive")
        }
        guard maximumIterations >= 1 else {
            throw .invalidArgument("the maximum number of iterations must be at least 1")
        }

        // Check the bracket in Swift, as RootRefinement does: GSL's own
        // check is an error status, and the values make a better message.
        let values = (function(lower), function(guess), function(upper))
        for (x, value) in [(lower, values.0), (guess, values.1), (upper, values.2)]
            where !value.isFinite {
            throw .nonFiniteValue(x: x, value: value)
        }
        guard values.1 < values.0, values.1 < values.2 else {
            throw .invalidArgument(
                "the bracket does not enclose a minimum: f(\(lower)) = \(values.0), "
                    + "f(\(guess)) = \(values.1), f(\(upper)) = \(values.2)")
        }

        return try solve(
            function, lower: lower, guess: guess, upper: upper,
            endValues: (values.0, values.1, values.2), relativeTolerance: relativeTolerance,
            absoluteTolerance: absoluteTolerance, maximumIterations: maximumIterations)
    }
}

private extension MinimumRefinement {
    /// Runs the GSL Brent iteration on a bracket already known to be good.
    static func solve(
        _ function: (Double) -> Double, lower: Double, guess: Double, upper: Double,
        endValues: (Double, Double, Double),
        relativeTolerance: Double, absoluteTolerance: Double, maximumIterations: Int
    ) throws(NumericalError) -> MinimumResult {
        GSLErrorHandling.ensureDisabled()
        guard let minimizer = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent) else {
            throw .gslFailure(status: Int32(GSL_ENOMEM), reason: "cannot allocate a minimiser")
        }
        defer { gsl_min_fminimizer_free(minimizer) }

        let outcome: Result<MinimumResult, NumericalError> = FunctionBridge.withGSLFunction(
            function
        ) { gslFunction, bridge in
            // The values are known: `set_with_values` spares three calls.
            let setStatus = gsl_min_fminimizer_set_with_values(
                minimizer, &gslFunction, guess, endValues.1, lower, endValues.0, upper,
                endValues.2)
            guard setStatus == Int32(GSL_SUCCESS) else {
                return .failure(.gslFailure(
                    status: setStatus, reason: GSLErrorHandling.reason(for: setStatus)))
            }

            var iteration = 0
            while iteration < maximumIterations {
                iteration += 1
                let status = gsl_min_fminimizer_iterate(minimizer)
                if let nonFinite = bridge.nonFiniteError { return .failure(nonFinite) }
                guard status == Int32(GSL_SUCCESS) else {
                    return .failure(.gslFailure(
                        status: status, reason: GSLErrorHandling.reason(for: status)))
                }
                let low = gsl_min_fminimizer_x_lower(minimizer)
                let high = gsl_min_fminimizer_x_upper(minimizer)
                let test = gsl_min_test_interval(low, high, absoluteTolerance, relativeTolerance)
                if test == Int32(GSL_SUCCESS) || high.nextDown <= low {
                    return .success(result(minimizer, iterations: iteration, converged: true))
                }
            }
            return .success(result(minimizer, iterations: iteration, converged: false))
        }
        return try outcome.get()
    }

    /// The minimiser's current state as a result.
    static func result(
        _ minimizer: UnsafeMutablePointer<gsl_min_fminimizer>, iterations: Int, converged: Bool
    ) -> MinimumResult {
        MinimumResult(
            location: gsl_min_fminimizer_x_minimum(minimizer),
            value: gsl_min_fminimizer_f_minimum(minimizer),
            lower: gsl_min_fminimizer_x_lower(minimizer),
            upper: gsl_min_fminimizer_x_upper(minimizer),
            iterations: iterations, converged: converged)
    }
}
