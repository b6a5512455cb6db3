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
            return SimulateRun(
                scheme: scheme, weights: nil, result: nil, failure: .scheme(error))
        }

        var configuration = configuration
        configuration.weightScale = weights.weightScale
        do {
            let result = try check(configuration, derivative: activation.derivative, label: label)
            return SimulateRun(scheme: scheme, weights: weights, result: result, failure: nil)
        } catch {
            let failure = SimulateFailure.network(error, weights)
            guard Self.leavesForwardPassIntact(error) else {
                return SimulateRun(scheme: scheme, weights: weights, result: nil, failure: failure)
            }
            // The library throws away the finished forward pass when the
            // backward one fails. The forward pass does not depend on φ',
            // so a second run with φ' ≡ 0 (whose gradients cannot
            // overflow) gives its figures bit for bit. Known cost: such a
            // run takes twice the time.
            progress.show("\(label): the backward pass failed; running the forward pass again…")
            let forward = Self.zeroDerivative.flatMap { zero in
                try? check(configuration, derivative: zero, label: label + " (forward)")
            }
            return SimulateRun(scheme: scheme, weights: weights, result: forward, failure: failure)
        }
    }
}

// MARK: - Steps

private extension SimulateRunner {
    /// `DeepNetworkCheck.run` with progress.
    func check(
        _ configuration: DeepNetworkConfiguration, derivative: CompiledFunction, label: String
    ) throws(DeepNetworkError) -> DeepNetworkResult {
        let progress = progress
        return try DeepNetworkCheck.run(
            function: activation.function, derivative: derivative,
            configuration: configuration
        ) { layer, total, phase in
            progress.show("\(label): \(phase.rawValue) pass, layer \(layer) of \(total)…")
        }
    }

    /// Whether the forward pass finished before `error`: gradients that
    /// became NaN or infinite, or a φ' that did on the forward pass's
    /// preactivations (φ' is only stored there, for the backward pass).
    static func leavesForwardPassIntact(_ error: DeepNetworkError) -> Bool {
        switch error {
        case .nonFiniteValues(_, .backward), .nonFiniteActivation(_, isDerivative: true):
            return true
        default:
            return false
        }
    }

    /// The constant 0, compiled (a number always compiles; were it not
    /// to, the forward figures would not be recovered).
    static let zeroDerivative: CompiledFunction? = (try? Activation(parsing: "0"))?.function
}

/// One initialisation's check: its weights, the result, the failure.
///
/// Three cases: a result and no failure (both passes ran); a failure and
/// no result (no weights, or the forward pass failed); both, when the
/// backward pass failed: then only the result's forward layers hold.
struct SimulateRun {
    let scheme: InitializationScheme

    /// The weights; nil when the scheme gave none.
    let weights: InitializationWeights?

    /// The check's result; see the type's description for what holds.
    let result: DeepNetworkResult?

    let failure: SimulateFailure?

    /// The forward pass's layers, when it finished.
    var forwardLayers: [DeepNetworkLayerVariance]? { result?.forwardLayers }

    /// The backward pass's layers, when it finished.
    var backwardLayers: [DeepNetworkLayerVariance]? {
        failure == nil ? result?.backwardLayers : nil
    }
}
