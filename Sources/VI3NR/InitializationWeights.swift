import ActivationExpr

/// The uniform weights an `InitializationScheme` gives a square layer:
/// the bound `a` of `U(−a, a)` and the equivalent gain `g = a·√(n/3)`.
///
/// ```swift
/// let sine = try Activation(parsing: "sin(30*x)")
/// let weights = try InitializationScheme.siren.weights(for: sine, width: 256)
/// weights.uniformBound      // √(6/256)/30
/// weights.weightScale       // .bound(√(6/256)/30), for DeepNetworkConfiguration
/// ```
public struct InitializationWeights: Equatable, Sendable {
    /// The scheme.
    public let scheme: InitializationScheme

    /// The width `n` (fan-in and fan-out) the weights are for.
    public let width: Int

    /// The gain `g`: the weights have variance `g²/n`.
    public let gain: Double

    /// The error of `gain`: the quadrature's, propagated, for `vi3nr`;
    /// 0 for the schemes stated as exact formulas.
    public let gainError: Double

    /// The bound `a`: the weights are uniform on `[−a, a]`.
    public let uniformBound: Double

    /// `calculate_gain`'s nonlinearity, for `pytorch`; nil otherwise.
    public let pytorchNonlinearity: PyTorchNonlinearity?

    /// `ω` of `sin(ω·x)`, for `siren`; nil otherwise.
    public let sineFrequency: Double?

    /// The weight scale of a deep-network check: the gain for the
    /// schemes stated as a gain (`vi3nr`, `pytorch`, `xavier`, `gain`),
    /// the bound for those stated as one (`torch-default`, `siren`). Both
    /// give the same weights to rounding.
    public var weightScale: DeepNetworkWeightScale {
        switch scheme {
        case .torchDefault, .siren: return .bound(uniformBound)
        case .varianceInformed, .pytorch, .xavier, .gain: return .gain(gain)
        }
    }
}

extension InitializationScheme {
    /// The uniform weights of this scheme for square layers of width
    /// `width` and activation `activation`.
    ///
    /// - Parameters:
    ///   - activation: φ. Only `vi3nr` computes with it; `pytorch` and
    ///     `siren` recognise its form.
    ///   - preactivationStd: σ_p, for `vi3nr`; the other schemes do not
    ///     depend on it.
    ///   - width: `n`, at least 1.
    /// - Throws: `.notApplicable` for `pytorch` on an activation
    ///   `calculate_gain` does not know and `siren` on one that is not
    ///   `sin(ω·x)`; `.invalidWidth`; `.invalidGain` for a given gain that
    ///   is not finite and above 0; `.invalidBound` for a bound that is not
    ///   finite and above 0 (a tiny `ω`); `.gainFailed` when `vi3nr`'s
    ///   gain cannot be computed (σ_p out of range, a divergent moment).
    public func weights(
        for activation: Activation, preactivationStd: Double = 1, width: Int
    ) throws(InitializationSchemeError) -> InitializationWeights {
        guard width >= 1 else { throw .invalidWidth(width) }
        var gain: Double, gainError = 0.0, bound: Double
        var nonlinearity: PyTorchNonlinearity?, frequency: Double?

        // The gain-stated schemes share Glorot's bound for fan_in =
        // fan_out = width; the bound-stated ones get their gain from it.
        switch self {
        case .varianceInformed:
            do {
                let report = try GainReport(
                    activation: activation, preactivationStd: preactivationStd)
                (gain, gainError) = (report.gain.value, report.gain.errorEstimate)
            } catch {
                throw .gainFailed(error)
            }
            bound = Self.xavierUniformBound(gain: gain, fanIn: width, fanOut: width)
        case .pytorch:
            guard let known = KnownActivation(activation: activation) else {
                throw .notApplicable(self, expression: activation.expression.description)
            }
            nonlinearity = known.pytorchNonlinearity
            gain = known.pytorchGain
            bound = Self.xavierUniformBound(gain: gain, fanIn: width, fanOut: width)
        case .xavier:
            gain = 1
            bound = Self.xavierUniformBound(gain: gain, fanIn: width, fanOut: width)
        case .gain(let given):
            guard given.isFinite, given > 0 else { throw .invalidGain(given) }
            gain = given
            bound = Self.xavierUniformBound(gain: gain, fanIn: width, fanOut: width)
        case .torchDefault:
            bound = Self.torchDefaultBound(fanIn: width)
            gain = DeepNetworkWeightScale.bound(bound).equivalentGain(width: width)
        case .siren:
            guard let sine = SineActivation(activation: activation) else {
                throw .notApplicable(self, expression: activation.expression.description)
            }
            frequency = sine.frequency
            bound = Self.sirenBound(fanIn: width, frequency: sine.frequency)
            gain = DeepNetworkWeightScale.bound(bound).equivalentGain(width: width)
        }

        // A tiny ω, or a huge given gain, gives a bound no weight can have.
        guard bound.isFinite, bound > 0, gain.isFinite else { throw .invalidBound(bound) }
        return InitializationWeights(
            scheme: self, width: width, gain: gain, gainError: gainError, uniformBound: bound,
            pytorchNonlinearity: nonlinearity, sineFrequency: frequency)
    }
}
