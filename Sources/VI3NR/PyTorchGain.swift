/// The nonlinearities of PyTorch's `torch.nn.init.calculate_gain`, with
/// its fixed gains, for comparison with the gains computed here.
///
/// PyTorch's gains are fixed numbers chosen for σ_p-independent reasons
/// (ReLU's `√2` is exact; tanh's `5/3` is a rule of thumb), while
/// `GainReport` computes `σ_p / √M_f(σ_p)` for any activation and σ_p:
/// at σ_p = 1, tanh's is `√2.5362 ≈ 1.593`, sigmoid's `√3.4086 ≈ 1.846`.
public enum PyTorchNonlinearity: Equatable, Sendable {
    /// `linear`, and PyTorch's convolutions (`conv1d` … `conv_transpose3d`),
    /// which share its gain: 1.
    case linear
    /// `sigmoid`: 1.
    case sigmoid
    /// `tanh`: 5/3.
    case tanh
    /// `relu`: √2.
    case relu
    /// `leaky_relu` with its negative slope: `√(2 / (1 + slope²))`.
    case leakyRelu(negativeSlope: Double)
    /// `selu`: 3/4.
    case selu

    /// PyTorch's default negative slope for `leaky_relu`, 0.01.
    public static let defaultNegativeSlope = 0.01

    /// The gain `calculate_gain` returns.
    public var gain: Double {
        switch self {
        case .linear, .sigmoid: return 1
        case .tanh: return 5.0 / 3
        case .relu: return 2.0.squareRoot()
        case .leakyRelu(let slope): return (2 / (1 + slope * slope)).squareRoot()
        case .selu: return 0.75
        }
    }

    /// The name `calculate_gain` takes: `linear`, `leaky_relu`, ...
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .leakyRelu: return "leaky_relu"
        case .selu: return "selu"
        }
    }
}
