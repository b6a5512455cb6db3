import CGSL

/// The one place that talks to GSL's global error machinery.
///
/// GSL's default error handler calls `abort()`, so a single integral that
/// does not converge or a root bracket without a sign change would kill
/// the process. Every entry point of this module first calls
/// `ensureDisabled()`, which reads a static `let` whose initialiser
/// switches the handler off; Swift runs that initialiser exactly once,
/// thread-safely, after which GSL reports problems only through return
/// codes.
enum GSLErrorHandling {
    /// True once GSL's abort-on-error handler has been switched off.
    private static let isDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure the handler is off before a GSL call.
    static func ensureDisabled() {
        _ = isDisabled
    }

    /// GSL's own text for a status code.
    static func reason(for status: Int32) -> String {
        guard let text = gsl_strerror(status) else { return "unknown GSL status" }
        return String(cString: text)
    }

    /// Turns a GSL quadrature status into an error carrying the partial
    /// result, or nil on success.
    static func quadratureError(
        status: Int32, limit: Int, partial: QuadratureResult
    ) -> NumericalError? {
        switch Int(status) {
        case GSL_SUCCESS:
            return nil
        case GSL_EMAXITER:
            return .maximumSubdivisionsReached(limit: limit, partial: partial)
        case GSL_EROUND:
            return .roundOffLimited(partial: partial)
        case GSL_ESING:
            return .badIntegrandBehaviour(partial: partial)
        case GSL_EDIVERGE:
            return .divergent(partial: partial)
        case GSL_EBADTOL:
            return .invalidArgument("tolerance cannot be reached: " + reason(for: status))
        default:
            return .gslFailure(status: status, reason: reason(for: status))
        }
    }
}
