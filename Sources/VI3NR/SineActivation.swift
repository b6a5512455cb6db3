import ActivationExpr

/// An activation that is exactly `sin(ω·x)` for a constant `ω ≠ 0`: the
/// form SIREN's initialisation is stated for.
///
/// Recognition is structural, like `KnownActivation`'s: on the
/// activation's simplified tree, with parameters bound and every constant
/// part folded to its value, the argument of `sin` must be `x`, `ω·x`,
/// `x·ω`, `x/c` (so `ω = 1/c`) or a negation of one of these. So
/// `sin(30*x)`, `sin(w0*x)` with `w0` given, `sin(2*pi*x)` and `sin(-x/2)`
/// are recognised; `sin(30*x + 1)`, `2*sin(30*x)`, `sin(x^2)` and
/// `cos(30*x)` are not.
public struct SineActivation: Equatable, Sendable {
    /// `ω`, as written: it may be negative (`sin(-30*x)`).
    public let frequency: Double

    /// Recognises `expression` as `sin(ω·x)`.
    ///
    /// Returns nil for any other form, and for an `ω` that is 0 or not
    /// finite (`sin(0*x)` is the constant 0).
    public init?(expression: Expression) {
        guard let folded = try? expression.foldingConstants(),
              case .call(.sin, let arguments) = folded, arguments.count == 1,
              let frequency = Self.coefficient(ofLinear: arguments[0]),
              frequency.isFinite, frequency != 0
        else { return nil }
        self.frequency = frequency
    }

    /// Recognises the activation's simplified expression.
    public init?(activation: Activation) {
        self.init(expression: activation.expression)
    }

    /// `|ω|`, the frequency SIREN's bound divides by.
    public var angularFrequency: Double { Swift.abs(frequency) }
}

// MARK: - Matching ω·x

private extension SineActivation {
    /// The `c` of an expression that is `c·x`, built from `x`, numbers,
    /// negation, products with a number and quotients by a number; nil
    /// for anything else.
    static func coefficient(ofLinear expression: Expression) -> Double? {
        switch expression {
        case .variable:
            return 1
        case .negate(let inner):
            return coefficient(ofLinear: inner).map { -$0 }
        case .binary(.multiply, .number(let factor), let inner),
             .binary(.multiply, let inner, .number(let factor)):
            return coefficient(ofLinear: inner).map { factor * $0 }
        case .binary(.divide, let inner, .number(let divisor)):
            return coefficient(ofLinear: inner).map { $0 / divisor }
        default:
            return nil
        }
    }
}
