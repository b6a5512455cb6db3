import CGSL

/// The outcome of an adaptive integration.
public struct QuadratureResult: Equatable, Sendable {
    /// The approximation of the integral.
    public var value: Double

    /// GSL's estimate of the absolute error of `value`. It is usually
    /// pessimistic (the Gauss–Kronrod difference raised to the power 1.5
    /// and scaled), so the true error is normally far smaller.
    public var errorEstimate: Double

    /// How many times the integrand was evaluated.
    public var evaluations: Int

    /// How many subintervals the adaptive rule ended with.
    public var intervals: Int

    /// Bundles a value with its error estimate and cost.
    public init(value: Double, errorEstimate: Double, evaluations: Int, intervals: Int) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.evaluations = evaluations
        self.intervals = intervals
    }
}

/// The Gauss–Kronrod pair that the adaptive rule applies to each
/// subinterval: `points61` is the `2n+1`-point Kronrod extension of the
/// 30-point Gauss rule, and so on.
///
/// Higher orders need fewer bisections on smooth integrands; lower orders
/// adapt faster around kinks and peaks.
public enum GaussKronrodRule: Int32, CaseIterable, Sendable {
    /// 15 points (7-point Gauss), exact for polynomials of degree 23.
    case points15 = 1
    /// 21 points (10-point Gauss), degree 31; the default.
    case points21
    /// 31 points (15-point Gauss), degree 47.
    case points31
    /// 41 points (20-point Gauss), degree 61.
    case points41
    /// 51 points (25-point Gauss), degree 77.
    case points51
    /// 61 points (30-point Gauss), degree 91.
    case points61
}

/// Adaptive Gauss–Kronrod integration over Swift closures, through GSL's
/// QUADPACK routines.
///
/// Each call allocates its own workspace, so calls may run concurrently.
/// GSL never aborts the process: every failure comes back as a
/// `NumericalError`, and a NaN or infinity returned by the integrand is
/// reported as `.nonFiniteValue(x:value:)` with the first place it was seen.
public enum AdaptiveQuadrature {
    /// `∫ f(x) dx` from `lower` to `upper` by adaptive bisection.
    ///
    /// Finite limits use `gsl_integration_qag` with the chosen rule. An
    /// infinite limit maps the range onto (0, 1] by `x = a + (1 − t)/t`
    /// (GSL's qagiu, qagil, qagi), always with the 15-point rule; such a
    /// rule can miss features far from where its nodes fall (a narrow bump
    /// at a large `x`), so prefer finite limits when the integrand is known
    /// to be negligible outside them.
    ///
    /// The refinement stops when the error estimate is at most
    /// `max(absoluteTolerance, relativeTolerance · |value|)`.
    ///
    /// - Throws: `NumericalError` naming why the tolerance was not met
    ///   (the error carries the best result found), or where the integrand
    ///   was not finite, or which argument was invalid.
    public static func integrate(
        _ integrand: (Double) -> Double,
        from lower: Double,
        to upper: Double,
        rule: GaussKronrodRule = .points21,
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = 1e-10,
        maximumSubdivisions: Int = 1000
    ) throws(NumericalError) -> QuadratureResult {
        try validate(
            lower: lower, upper: upper, absoluteTolerance: absoluteTolerance,
            relativeTolerance: relativeTolerance, maximumSubdivisions: maximumSubdivisions)
        if lower == upper {
            return QuadratureResult(value: 0, errorEstimate: 0, evaluations: 0, intervals: 0)
        }
        if lower > upper {
            var flipped = try integrate(
                integrand, from: upper, to: lower, rule: rule,
                absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                maximumSubdivisions: maximumSubdivisions)
            flipped.value = -flipped.value
            return flipped
        }

        let workspace = try QuadratureWorkspace(maximumSubdivisions: maximumSubdivisions)
        return try workspace.run(integrand, limit: maximumSubdivisions) {
            function, workspace, value, error in
            switch (lower.isFinite, upper.isFinite) {
            case (true, true):
                return gsl_integration_qag(
                    &function, lower, upper, absoluteTolerance, relativeTolerance,
                    maximumSubdivisions, Int32(rule.rawValue), workspace, &value, &error)
            case (true, false):
                return gsl_integration_qagiu(
                    &function, lower, absoluteTolerance, relativeTolerance,
                    maximumSubdivisions, workspace, &value, &error)
            case (false, true):
                return gsl_integration_qagil(
                    &function, upper, absoluteTolerance, relativeTolerance,
                    maximumSubdivisions, workspace, &value, &error)
            case (false, false):
                return gsl_integration_qagi(
                    &function, absoluteTolerance, relativeTolerance,
                    maximumSubdivisions, workspace, &value, &error)
            }
        }
    }

    /// `∫ f(x) dx` over the finite range `lower...upper`, with known
    /// trouble spots (kinks, jumps, integrable singularities) at
    /// `breakpoints` (GSL's qagp, 21-point rule, with extrapolation).
    ///
    /// The integrand is never evaluated at a break point itself, which is
    /// what makes removable singularities such as `sin(x)/x` at 0 safe.
    /// Break points outside the open range are ignored; duplicates are
    /// merged; order does not matter.
    ///
    /// - Throws: as `integrate(_:from:to:...)`; infinite limits are an
    ///   invalid argument here.
    public static func integrate(
        _ integrand: (Double) -> Double,
        from lower: Double,
        to upper: Double,
        breakpoints: [Double],
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = 1e-10,
        maximumSubdivisions: Int = 1000
    ) throws(NumericalError) -> QuadratureResult {
        try validate(
            lower: lower, upper: upper, absoluteTolerance: absoluteTolerance,
            relativeTolerance: relativeTolerance, maximumSubdivisions: maximumSubdivisions)
        guard lower.isFinite, upper.isFinite else {
            throw .invalidArgument("integration with break points needs finite limits")
        }
        guard breakpoints.allSatisfy({ !$0.isNaN }) else {
            throw .invalidArgument("a break point is NaN")
        }
        if lower == upper {
            return QuadratureResult(value: 0, errorEstimate: 0, evaluations: 0, intervals: 0)
        }
        let (low, high, sign) = lower < upper ? (lower, upper, 1.0) : (upper, lower, -1.0)
        let inside = Set(breakpoints.filter { $0 > low && $0 < high }).sorted()
        var points = [low] + inside + [high]
        let limit = max(maximumSubdivisions, points.count)

        let workspace = try QuadratureWorkspace(maximumSubdivisions: limit)
        var result = try workspace.run(integrand, limit: limit) {
            function, workspace, value, error in
            gsl_integration_qagp(
                &function, &points, points.count, absoluteTolerance, relativeTolerance,
                limit, workspace, &value, &error)
        }
        result.value *= sign
        return result
    }
}

extension AdaptiveQuadrature {
    static func validate(
        lower: Double, upper: Double, absoluteTolerance: Double,
        relativeTolerance: Double, maximumSubdivisions: Int
    ) throws(NumericalError) {
        guard !lower.isNaN, !upper.isNaN else {
            throw .invalidArgument("an integration limit is NaN")
        }
        guard absoluteTolerance >= 0, relativeTolerance >= 0 else {
            throw .invalidArgument("tolerances must be non-negative and not NaN")
        }
        guard maximumSubdivisions >= 1 else {
            throw .invalidArgument("the maximum number of subdivisions must be at least 1")
        }
    }
}
