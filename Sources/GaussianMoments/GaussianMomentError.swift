import Foundation
import NumericalMethods

/// Why a Gaussian expectation could not be computed.
///
/// Each case says what went wrong in terms of the activation (where it is
/// undefined, that it grows too fast) and, where a numerical method gave
/// up, carries that method's `NumericalError` as the cause.
public enum GaussianMomentError: Error, Equatable, Sendable {
    /// The standard deviation is 0, negative, NaN or infinite.
    case invalidStandardDeviation(Double)

    /// A Monte Carlo sample count below 2 (a standard error needs two
    /// samples).
    case invalidSampleCount(Int)

    /// A Monte Carlo thread count below 1.
    case invalidThreadCount(Int)

    /// The integrand grows faster than the Gaussian weight decays, so the
    /// expectation is infinite (or beyond the range of doubles).
    /// `x` is where the growth was seen.
    case divergent(x: Double, detail: String)

    /// The function is NaN on a part of the line, so the expectation is
    /// undefined. `x` is a point where it is NaN; `reason` names the
    /// built-in responsible when a breakpoint description says so.
    case undefined(x: Double, reason: String)

    /// The integrand has a singularity at `x` that is not integrable
    /// (`1/x` squared), or that quadrature could not integrate.
    case nonIntegrableSingularity(x: Double, reason: String, cause: NumericalError?)

    /// The integrand oscillates faster, or has features narrower, than the
    /// scan can resolve.
    case unresolved(detail: String)

    /// Adaptive quadrature did not reach the tolerance on the panel of
    /// `x` values `from...to` (e.g. round-off: the compiled expression is
    /// noisier there than the tolerance, as `(x cos x − sin x)/x²` is for
    /// `|x|` near 1e-6).
    case notConverged(from: Double, to: Double, cause: NumericalError)

    /// A value that should be finite was not (an estimate that overflowed,
    /// an integrand infinite at `x`).
    case nonFiniteValue(x: Double, value: Double, cause: NumericalError?)
}

extension GaussianMomentError: CustomStringConvertible {
    /// A one-line account of the failure, fit for an error message.
    public var description: String {
        switch self {
        case let .invalidStandardDeviation(sigma):
            return "invalid standard deviation \(sigma): it must be finite and positive"
        case let .invalidSampleCount(count):
            return "invalid sample count \(count): Monte Carlo needs at least 2 samples"
        case let .invalidThreadCount(count):
            return "invalid thread count \(count): Monte Carlo needs at least 1 thread"
        case let .divergent(x, detail):
            return "the expectation diverges: \(detail) (seen at x = \(formatted(x)))"
        case let .undefined(x, reason):
            let suffix = reason.isEmpty ? "" : ": \(reason)"
            return "undefined (NaN) for x near \(formatted(x))\(suffix)"
        case let .nonIntegrableSingularity(x, reason, cause):
            let suffix = cause.map { " (\($0))" } ?? ""
            let what = reason.isEmpty ? "" : ": \(reason)"
            return "non-integrable singularity at x = \(formatted(x))\(what)\(suffix)"
        case let .unresolved(detail):
            return "cannot resolve the integrand: \(detail)"
        case let .notConverged(from, to, cause):
            return "quadrature did not converge on x in [\(formatted(from)), "
                + "\(formatted(to))]: \(cause)"
        case let .nonFiniteValue(x, value, cause):
            let suffix = cause.map { " (\($0))" } ?? ""
            return "non-finite value \(value) at x = \(formatted(x))\(suffix)"
        }
    }
}

/// Six significant digits, enough to say where on the line.
func formatted(_ value: Double) -> String {
    String(format: "%.6g", value)
}
