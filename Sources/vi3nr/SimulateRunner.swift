import ActivationExpr
import VI3NR

/// Runs the deep-network check for one initialisation at a time, with
/// progress on the terminal.
struct SimulateRunner {
    let activation: Activation

    /// The network's shape, σ_p and seed; each run puts its own weights in.
    let configuration: DeepNetworkConfiguration

    let progress: ProgressReporter

    /// The weights of `scheme`, then the check with them. Never throws:
    /// a failure is part of the run, so that a comparison can go on.
    func run(_ scheme: InitializationScheme, label: String) -> SimulateRun {
        progress.show("\(label): computing the weights…")
        let weights: InitializationWeights
        do {
            weights = try scheme.weights(
                for: activation, preactivationStd: configuration.preactivationStd,
                width: configuration.width)
        } catch {
            return SimulateRun(scheme: scheme, weights: nil, outcome: .failure(.scheme(error)))
        }

        var configuration = configuration
        configuration.weightScale = weights.weightScale
        let progress = progress
        do {
            let result = try DeepNetworkCheck.run(
                function: activation.function, derivative: activation.derivative,
                configuration: configuration
            ) { layer, total, phase in
                progress.show("\(label): \(phase.rawValue) pass, layer \(layer) of \(total)…")
            }
            return SimulateRun(scheme: scheme, weights: weights, outcome: .success(result))
        } catch {
            return SimulateRun(
                scheme: scheme, weights: weights, outcome: .failure(.network(error, weights)))
        }
    }
}

/// One initialisation's check: its weights, and the result or the
/// failure.
struct SimulateRun {
    let scheme: InitializationScheme

    /// The weights; nil when the scheme gave none.
    let weights: InitializationWeights?

    let outcome: Result<DeepNetworkResult, SimulateFailure>

    /// The result, when the check ran to the end.
    var result: DeepNetworkResult? {
        if case .success(let result) = outcome { return result }
        return nil
    }

    /// The failure, when there was one.
    var failure: SimulateFailure? {
        if case .failure(let failure) = outcome { return failure }
        return nil
    }
}
