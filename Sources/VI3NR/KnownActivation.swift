import ActivationExpr

/// An activation that is exactly one PyTorch knows a fixed gain for: `x`,
/// `tanh(x)`, `sigmoid(x)`, `relu(x)` or `leaky_relu(x[, s])`.
///
/// Recognition is structural, on the expression tree, never numerical:
/// `tanh(x)` is recognised, `2*tanh(x/2)` (which differs) and `max(x, 0)`
/// (which equals `relu(x)` but is written otherwise) are not. Through
/// `init(activation:)` the tree is the activation's simplified one, with
/// parameters bound, so `1*x` counts as `x` and `leaky_relu(x, s)` with
/// `s = 0.2` as `leaky_relu(x, 0.2)`: the simplifier preserves values.
public enum KnownActivation: Equatable, Sendable {
    /// `x`.
    case identity
    /// `tanh(x)`.
    case tanh
    /// `sigmoid(x)`.
    case sigmoid
    /// `relu(x)`.
    case relu
    /// `leaky_relu(x, slope)`; `leaky_relu(x)` has PyTorch's 0.01.
    case leakyRelu(negativeSlope: Double)

    /// Recognises `expression` as one of the known activations.
    public init?(expression: Expression) {
        if expression == .variable {
            self = .identity
            return
        }
        guard case .call(let function, let arguments) = expression,
              arguments.first == .variable
        else { return nil }
        switch (function, arguments.count) {
        case (.tanh, 1):
            self = .tanh
        case (.sigmoid, 1):
            self = .sigmoid
        case (.relu, 1):
            self = .relu
        case (.leakyRelu, 1):
            self = .leakyRelu(negativeSlope: PyTorchNonlinearity.defaultNegativeSlope)
        case (.leakyRelu, 2):
            guard case .number(let slope) = arguments[1] else { return nil }
            self = .leakyRelu(negativeSlope: slope)
        default:
            return nil
        }
    }

    /// Recognises the activation's simplified expression.
    public init?(activation: Activation) {
        self.init(expression: activation.expression)
    }

    /// The matching `calculate_gain` nonlinearity.
    public var pytorchNonlinearity: PyTorchNonlinearity {
        switch self {
        case .identity: return .linear
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .relu: return .relu
        case .leakyRelu(let slope): return .leakyRelu(negativeSlope: slope)
        }
    }

    /// PyTorch's fixed gain for it.
    public var pytorchGain: Double { pytorchNonlinearity.gain }
}
