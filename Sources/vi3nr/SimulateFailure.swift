import VI3NR

/// Why `simulate` could not check an initialisation, and how the command
/// line reports it.
///
/// A scheme that does not apply to the activation, or weights or sizes
/// out of range, are usage errors (exit 2): the command line asked for
/// something that cannot be. A gain that cannot be computed, or a network
/// whose values overflow, are computation failures (exit 1).
enum SimulateFailure: Error {
    /// The scheme gave no weights.
    case scheme(InitializationSchemeError)

    /// The check stopped: a configuration the library refused, or NaN or
    /// infinity in the network; with the weights it ran with.
    case network(DeepNetworkError, InitializationWeights)

    /// The error to throw for a single run: `UsageError` or a
    /// `UserFacingError`.
    var error: any Error {
        switch self {
        case .scheme(.gainFailed(let cause)):
            return ComputationFailure(cause)
        case .scheme(let error):
            return UsageError(error.description, commandName: "simulate")
        case .network(let error, let weights):
            if let usage = Self.usageError(error) { return usage }
            return NetworkFailure(error: error, weights: weights)
        }
    }

    /// The report for standard error in a comparison, naming the scheme.
    func report(scheme: InitializationScheme) -> String {
        let lines: [String]
        switch error {
        case let failure as UserFacingError:
            lines = ["error: \(scheme.name): \(failure.summary)"] + failure.details
        case let usage as UsageError:
            lines = ["error: \(scheme.name): \(usage.message)"]
        default:
            lines = ["error: \(scheme.name): \(error)"]
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Checks the configuration as the library will, as a usage error.
    static func validate(_ configuration: DeepNetworkConfiguration) throws(UsageError) {
        do {
            try configuration.validate()
        } catch {
            throw usageError(error) ?? UsageError(error.description, commandName: "simulate")
        }
    }

    /// A configuration error as the command line states it; nil for the
    /// errors of a running network.
    static func usageError(_ error: DeepNetworkError) -> UsageError? {
        switch error {
        case .nonFiniteActivation, .nonFiniteValues:
            return nil
        case .invalidPreactivationStd(let sigma):
            // The command line accepts σ_p from 1e-100 to 1e100; the
            // network's inputs are Floats.
            return UsageError(
                "--sigma-p \(NumberText.shortest(sigma)) does not fit the network's single "
                    + "precision: sigma_p must be a nonzero finite Float (about 1.4e-45 "
                    + "to 3.4e38)",
                commandName: "simulate")
        default:
            return UsageError(error.description, commandName: "simulate")
        }
    }
}

/// NaN or infinity appeared in the network (exit 1): the library's
/// account with the layer and the pass, then the weights that led there.
struct NetworkFailure: UserFacingError {
    let error: DeepNetworkError
    let weights: InitializationWeights

    var summary: String { error.description }

    var details: [String] {
        let bound = "weights U(-a, a), a = "
            + NumberText.significant(weights.uniformBound, digits: 6) + "."
        if case .gain(let gain) = weights.scheme {
            return ["With --gain \(NumberText.shortest(gain)): " + bound]
        }
        return ["With the \(weights.scheme.name) initialisation: gain "
            + NumberText.significant(weights.gain, digits: 6) + ", " + bound]
    }
}
