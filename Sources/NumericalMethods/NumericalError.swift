/// Why a numerical method failed, with what it had computed so far.
///
/// Every GSL status that can come out of the quadrature and root routines
/// maps to one case here, so a caller can tell a divergent integral from a
/// round-off limit or a bracket without a sign change, and the message
/// names the cause in words.
public enum NumericalError: Error, Equatable, Sendable {
    /// The adaptive rule used all of its subintervals without reaching the
    /// tolerance (GSL_EMAXITER). `partial` is the best result it had.
    case maximumSubdivisionsReached(limit: Int, partial: QuadratureResult)

    /// Round-off error stopped the refinement before the tolerance was met
    /// (GSL_EROUND): the tolerance is finer than the integrand's own noise.
    case roundOffLimited(partial: QuadratureResult)

    /// The integrand behaves badly somewhere (GSL_ESING): a singularity or
    /// a discontinuity that bisection cannot resolve.
    case badIntegrandBehaviour(partial: QuadratureResult)

    /// The integral appears to diverge or to converge too slowly to be
    /// computed (GSL_EDIVERGE).
    case divergent(partial: QuadratureResult)

    /// The integrand or function returned NaN or an infinity at `x`.
    case nonFiniteValue(x: Double, value: Double)

    /// A tolerance, interval or limit that the method cannot use.
    case invalidArgument(String)

    /// The bracket `[lower, upper]` given to a root solver does not change
    /// sign: both end values have the same sign.
    case noSignChange(lower: Double, upper: Double, valueAtLower: Double, valueAtUpper: Double)

    /// The root solver did not shrink its bracket to the tolerance within
    /// `iterations` steps; `lower...upper` is the last bracket.
    case rootNotConverged(iterations: Int, lower: Double, upper: Double)

    /// Any other GSL status, with GSL's own description of it.
    case gslFailure(status: Int32, reason: String)
}

extension NumericalError: CustomStringConvertible {
    /// A one-line account of the failure, fit for an error message.
    public var description: String {
        switch self {
        case let .maximumSubdivisionsReached(limit, partial):
            return "quadrature did not converge: the maximum of \(limit) subdivisions "
                + "was reached (best value \(partial.value) ± \(partial.errorEstimate))"
        case let .roundOffLimited(partial):
            return "quadrature stopped by round-off error before reaching the tolerance "
                + "(best value \(partial.value) ± \(partial.errorEstimate))"
        case let .badIntegrandBehaviour(partial):
            return "bad integrand behaviour (a singularity or discontinuity) "
                + "(best value \(partial.value) ± \(partial.errorEstimate))"
        case .divergent:
            // The partial value is the extrapolation's last guess, which
            // for a divergent integral means nothing (it came out as -391
            // with an error of 1e-8 for the non-negative 1/x²): not shown.
            return "the integral is divergent or converges too slowly"
        case let .nonFiniteValue(x, value):
            return "the function is not finite at x = \(x) (value \(value))"
        case let .invalidArgument(reason):
            return "invalid argument: \(reason)"
        case let .noSignChange(lower, upper, valueAtLower, valueAtUpper):
            return "no sign change in the bracket [\(lower), \(upper)]: "
                + "f(\(lower)) = \(valueAtLower), f(\(upper)) = \(valueAtUpper)"
        case let .rootNotConverged(iterations, lower, upper):
            return "root search did not converge in \(iterations) iterations "
                + "(last bracket [\(lower), \(upper)])"
        case let .gslFailure(status, reason):
            return "GSL error \(status): \(reason)"
        }
    }
}
