/// Which way the deep-network check is going through the layers.
public enum DeepNetworkPhase: String, Sendable, Equatable {
    /// Inputs pushed from the first layer to the last: `z ← W · φ(z)`.
    case forward

    /// Gradients pushed from the last layer back to the input:
    /// `g ← (Wᵀ g) ⊙ φ'(z)`.
    case backward
}

/// Called by the deep-network check after each layer of each phase.
///
/// The arguments are the number of layers finished in this phase (1 to
/// `total`), the total number of layers, and the phase. The forward phase
/// reports layers 1…L in order, then the backward phase reports 1…L as it
/// walks from the last layer down to the first. The callback runs on the
/// thread that called the check, between layers; keep it short.
public typealias DeepNetworkProgress =
    @Sendable (_ layer: Int, _ total: Int, _ phase: DeepNetworkPhase) -> Void
