import ActivationExpr

/// A way to choose the uniform weights `U(−a, a)` of a square layer of
/// width `n` (fan-in = fan-out = `n`), as used by the deep-network check
/// to compare initialisations.
///
/// Every scheme comes down to a bound `a`, or equivalently a gain
/// `g = a·√(n/3)` (the weights then have variance `g²/n`, the gain of
/// MATH.md):
///
/// ```
/// vi3nr          g = σ_p / √M_f(σ_p)                    (GainReport)
/// pytorch        a = calculate_gain(φ) · √(6/(fan_in + fan_out))
///                  = calculate_gain(φ) · √(3/n)          (xavier_uniform_)
/// torch-default  a = 1/√fan_in = 1/√n                   (nn.Linear unasked)
/// siren          a = √(6/n) / |ω|        for φ = sin(ω·x)
/// xavier         a = √(6/(fan_in + fan_out)) = √(3/n)   (gain 1)
/// gain G         a = G · √(3/n)
/// ```
///
/// `pytorch` exists only for the activations `calculate_gain` has a gain
/// for, recognised exactly (`KnownActivation`); `siren` only for
/// `sin(ω·x)` (`SineActivation`). `torch-default` is what
/// `torch.nn.Linear` does when nobody initialises it: `kaiming_uniform_`
/// with `a = √5`, whose gain `√(2/(1 + 5))` gives the bound `1/√fan_in`.
public enum InitializationScheme: Equatable, Sendable {
    /// The variance-informed gain at σ_p: `g = σ_p / √M_f(σ_p)`.
    case varianceInformed
    /// PyTorch's `xavier_uniform_` with the gain of `calculate_gain`.
    case pytorch
    /// `torch.nn.Linear`'s default: `U(−1/√fan_in, 1/√fan_in)`.
    case torchDefault
    /// SIREN's hidden layers: `U(−√(6/n)/ω, √(6/n)/ω)` for `sin(ω·x)`.
    case siren
    /// Glorot and Bengio's uniform initialisation, gain 1.
    case xavier
    /// A gain given by the user.
    case gain(Double)

    /// The schemes that have a name, in the order a comparison lists them.
    public static let namedSchemes: [InitializationScheme] = [
        .varianceInformed, .pytorch, .torchDefault, .siren, .xavier,
    ]

    /// The scheme called `name` (`vi3nr`, `pytorch`, `torch-default`,
    /// `siren`, `xavier`); nil for any other text.
    public init?(name: String) {
        guard let scheme = Self.namedSchemes.first(where: { $0.name == name }) else {
            return nil
        }
        self = scheme
    }

    /// The name: `vi3nr`, `pytorch`, `torch-default`, `siren`, `xavier`,
    /// or `gain` for a gain given by the user.
    public var name: String {
        switch self {
        case .varianceInformed: return "vi3nr"
        case .pytorch: return "pytorch"
        case .torchDefault: return "torch-default"
        case .siren: return "siren"
        case .xavier: return "xavier"
        case .gain: return "gain"
        }
    }

    /// Whether the scheme can initialise a network of `activation`:
    /// false for `pytorch` unless `calculate_gain` knows φ, and for `siren`
    /// unless φ is `sin(ω·x)`; true for the others.
    public func isApplicable(to activation: Activation) -> Bool {
        switch self {
        case .pytorch: return KnownActivation(activation: activation) != nil
        case .siren: return SineActivation(activation: activation) != nil
        case .varianceInformed, .torchDefault, .xavier, .gain: return true
        }
    }
}

// MARK: - The bounds as formulas

extension InitializationScheme {
    /// Glorot's uniform bound, the one `torch.nn.init.xavier_uniform_`
    /// uses: `a = gain · √(6 / (fan_in + fan_out))`.
    ///
    /// For a square layer (`fan_in = fan_out = n`) this is `gain · √(3/n)`,
    /// the bound of the gain of MATH.md, to the last bit: `6/(2n)` and
    /// `3/n` are the same real number, and IEEE division rounds it once.
    public static func xavierUniformBound(gain: Double, fanIn: Int, fanOut: Int) -> Double {
        gain * (6 / (Double(fanIn) + Double(fanOut))).squareRoot()
    }

    /// The bound `torch.nn.Linear` draws its weights with when nobody
    /// initialises them: `a = 1/√fan_in`.
    public static func torchDefaultBound(fanIn: Int) -> Double {
        1 / Double(fanIn).squareRoot()
    }

    /// SIREN's bound for a hidden layer of `sin(ω·x)`:
    /// `a = √(6/fan_in) / |ω|`.
    ///
    /// With it a layer maps the preactivation variance `σ²` to
    /// `(1 − e^(−2ω²σ²)) / ω²`, whose fixed point is `ω²σ² = 0.79681`
    /// (the root of `u = 1 − e^(−2u)`): SIREN keeps `σ_p ≈ 0.8926/|ω|`
    /// (0.0298 for `ω = 30`), whatever σ_p the inputs had.
    public static func sirenBound(fanIn: Int, frequency: Double) -> Double {
        (6 / Double(fanIn)).squareRoot() / Swift.abs(frequency)
    }
}
