/// Why an `InitializationScheme` gives no weights.
public enum InitializationSchemeError: Error, Equatable, Sendable {
    /// The scheme is stated for other activations: `pytorch` for those
    /// `calculate_gain` knows, `siren` for `sin(ω·x)`. `expression` is the
    /// activation as simplified.
    case notApplicable(InitializationScheme, expression: String)

    /// The width is below 1.
    case invalidWidth(Int)

    /// A given gain is not a finite number above 0.
    case invalidGain(Double)

    /// The bound the scheme gives is not a finite number above 0 (SIREN's
    /// `√(6/n)/|ω|` for an `ω` near the smallest doubles).
    case invalidBound(Double)

    /// The variance-informed gain could not be computed.
    case gainFailed(VI3NRError)
}

extension InitializationSchemeError: CustomStringConvertible {
    /// One line that says what the scheme needs or what failed.
    public var description: String {
        switch self {
        case .notApplicable(.pytorch, let expression):
            return "the pytorch initialisation uses calculate_gain, which has a gain only "
                + "for x, tanh(x), sigmoid(x), relu(x) and leaky_relu(x[, s]) written "
                + "exactly so; '\(expression)' is none of them"
        case .notApplicable(.siren, let expression):
            return "the siren initialisation is stated for sin(w*x) with a constant w; "
                + "'\(expression)' is not of that form"
        case .notApplicable(let scheme, let expression):
            return "the \(scheme.name) initialisation does not apply to '\(expression)'"
        case .invalidWidth(let width):
            return "the width must be at least 1, got \(width)"
        case .invalidGain(let gain):
            return "the gain must be a finite number above 0, got \(gain)"
        case .invalidBound(let bound):
            return "the uniform weight bound must be a finite number above 0, got \(bound)"
        case .gainFailed(let error):
            return error.description
        }
    }
}
