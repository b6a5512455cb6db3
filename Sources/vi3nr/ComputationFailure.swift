import VI3NR

/// A result the library could not compute (exit status 1), as the command
/// line reports it: the library's one-line account after `error:`, and
/// for an expression that does not parse, its caret picture.
struct ComputationFailure: UserFacingError {
    let error: VI3NRError

    init(_ error: VI3NRError) {
        self.error = error
    }

    var summary: String {
        if case .invalidActivation(let activationError) = error {
            return ActivationFailure(error: activationError).summary
        }
        return lines.first ?? ""
    }

    var details: [String] {
        if case .invalidActivation(let activationError) = error {
            return ActivationFailure(error: activationError).details
        }
        return Array(lines.dropFirst())
    }

    private var lines: [String] {
        error.description.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }
}
