import ActivationExpr
import Testing
@testable import VI3NR

// Reference values computed with Python's mpmath at 30 digits, from the
// formulas in the PyTorch and SIREN papers and MATH.md, e.g.
// mpmath.sqrt(mpf(6)/256)/30 for SIREN's bound at n = 256, ω = 30, and
// 1/quad(tanh(t)^2 φ(t)) for tanh's gain² at σ_p = 1.

@Suite("Initialisation schemes: names, applicability, bounds")
struct InitializationSchemeTests {
    @Test("every named scheme reads back from its name; others do not")
    func names() {
        let names = InitializationScheme.namedSchemes.map(\.name)
        #expect(names == ["vi3nr", "pytorch", "torch-default", "siren", "xavier"])
        for scheme in InitializationScheme.namedSchemes {
            #expect(InitializationScheme(name: scheme.name) == scheme)
        }
        #expect(InitializationScheme(name: "gain") == nil)
        #expect(InitializationScheme(name: "Xavier") == nil)
        #expect(InitializationScheme(name: "") == nil)
        #expect(InitializationScheme.gain(2).name == "gain")
    }

    @Test("SIREN's bound for ω = 30, n = 256 is √(6/256)/30")
    func sirenBound() throws {
        let weights = try InitializationScheme.siren.weights(
            for: activation("sin(30*x)"), width: 256)
        let expected = 0.00510310363079828770457767515564
        #expect(relativeError(weights.uniformBound, expected) < 4e-16)
        #expect(weights.sineFrequency == 30)
        // Its gain a·√(n/3) is √2/ω whatever n.
        #expect(relativeError(weights.gain, 0.0471404520791031682933896241403) < 4e-16)
        #expect(weights.gainError == 0)
        #expect(weights.weightScale == .bound(weights.uniformBound))
    }

    @Test("SIREN reads ω from every spelling of sin(ω·x)")
    func sirenFrequencies() throws {
        let twoPi = try InitializationScheme.siren.weights(
            for: activation("sin(2*pi*x)"), width: 1000)
        #expect(relativeError(twoPi.uniformBound, 0.0123280888812299961112993818869) < 4e-16)

        // A negative ω gives the same bound as |ω|.
        let half = try InitializationScheme.siren.weights(
            for: activation("sin(-x/2)"), width: 64)
        #expect(half.sineFrequency == -0.5)
        #expect(relativeError(half.uniformBound, 0.612372435695794524549321018677) < 4e-16)

        let parameter = try InitializationScheme.siren.weights(
            for: activation("sin(w0*x)", parameters: ["w0": 30]), width: 256)
        #expect(parameter.sineFrequency == 30)
        #expect(try InitializationScheme.siren.weights(
            for: activation("sin(x*30)"), width: 256).sineFrequency == 30)
        #expect(try InitializationScheme.siren.weights(
            for: activation("sin(x)"), width: 256).sineFrequency == 1)
    }

    @Test("SIREN refuses what is not sin(ω·x)",
          arguments: ["tanh(x)", "cos(30*x)", "sin(30*x + 1)", "2*sin(30*x)", "sin(x^2)",
                      "sin(x)/x", "sin(30*x)^2", "sin(30*x)*x"])
    func sirenNotApplicable(source: String) throws {
        let phi = try activation(source)
        #expect(!InitializationScheme.siren.isApplicable(to: phi))
        #expect(throws: InitializationSchemeError.notApplicable(
            .siren, expression: phi.expression.description)) {
            try InitializationScheme.siren.weights(for: phi, width: 256)
        }
    }

    @Test("torch.nn.Linear's default is U(±1/√n), a gain of 1/√3")
    func torchDefault() throws {
        let weights = try InitializationScheme.torchDefault.weights(
            for: activation("sin(x)/x"), width: 1000)
        #expect(relativeError(weights.uniformBound, 0.0316227766016837933199889354443) < 4e-16)
        #expect(relativeError(weights.gain, 1 / 3.0.squareRoot()) < 4e-16)
        #expect(try InitializationScheme.torchDefault.weights(
            for: activation("x"), width: 256).uniformBound == 0.0625)
        #expect(weights.weightScale == .bound(weights.uniformBound))
    }

    @Test("Glorot's bound √(6/(fan_in + fan_out)) is gain·√(3/n) for square layers")
    func xavier() throws {
        #expect(relativeError(
            InitializationScheme.xavierUniformBound(gain: 1, fanIn: 100, fanOut: 300),
            0.122474487139158904909864203735) < 4e-16)
        let weights = try InitializationScheme.xavier.weights(for: activation("sin(x)/x"),
                                                              width: 256)
        #expect(weights.gain == 1)
        #expect(relativeError(weights.uniformBound, 0.108253175473054830845465396344) < 4e-16)
        // The check draws with DeepNetworkWeightScale: the same bound.
        #expect(weights.weightScale.uniformBound(width: 256) == weights.uniformBound)
    }

    @Test("pytorch uses calculate_gain's number with Glorot's bound")
    func pytorch() throws {
        let tanh = try InitializationScheme.pytorch.weights(for: activation("tanh(x)"),
                                                            width: 1000)
        #expect(tanh.gain == 5.0 / 3)
        #expect(tanh.pytorchNonlinearity == .tanh)
        #expect(relativeError(tanh.uniformBound, 0.0912870929175276855761616304668) < 4e-16)

        let leaky = try InitializationScheme.pytorch.weights(
            for: activation("leaky_relu(x, 0.2)"), width: 10)
        #expect(relativeError(leaky.gain, 1.38675049056307280504585433364) < 4e-16)
        #expect(try InitializationScheme.pytorch.weights(for: activation("sigmoid(x)"),
                                                         width: 10).gain == 1)
        #expect(try InitializationScheme.pytorch.weights(for: activation("x"),
                                                         width: 10).gain == 1)
    }

    @Test("pytorch refuses activations calculate_gain does not know",
          arguments: ["sin(x)/x", "max(x, 0)", "2*tanh(x)", "sin(30*x)", "gelu(x)"])
    func pytorchNotApplicable(source: String) throws {
        let phi = try activation(source)
        #expect(!InitializationScheme.pytorch.isApplicable(to: phi))
        #expect(throws: InitializationSchemeError.notApplicable(
            .pytorch, expression: phi.expression.description)) {
            try InitializationScheme.pytorch.weights(for: phi, width: 256)
        }
    }

    @Test("vi3nr is σ_p/√M_f: √2 for relu, tanh's and the bump's closed forms")
    func varianceInformed() throws {
        let relu = try InitializationScheme.varianceInformed.weights(
            for: activation("relu(x)"), preactivationStd: 3, width: 256)
        #expect(relativeError(relu.gain, 2.0.squareRoot()) < 1e-12)
        #expect(relativeError(relu.uniformBound, 2.0.squareRoot() * (3.0 / 256).squareRoot())
            < 1e-12)

        let tanh = try InitializationScheme.varianceInformed.weights(
            for: activation("tanh(x)"), width: 1000)
        #expect(relativeError(tanh.gain, 1.59253741972283142777043884602) < 1e-11)
        #expect(tanh.gainError > 0 && tanh.gainError < 1e-9)
        #expect(tanh.weightScale == .gain(tanh.gain))

        // exp(−x²/(2c²)) at its optimal σ_p* = c√(1 + √2), c = 0.05:
        // gain = c(1 + √2).
        let bump = try InitializationScheme.varianceInformed.weights(
            for: activation("exp(-x^2/(2*0.05^2))"), preactivationStd: 0.0776886987015019,
            width: 1000)
        #expect(relativeError(bump.gain, 0.120710678118654828541081302106) < 1e-10)
    }

    @Test("a given gain is used as it is, and must be finite and above 0")
    func givenGain() throws {
        let phi = try activation("tanh(x)")
        let weights = try InitializationScheme.gain(2).weights(for: phi, width: 3)
        #expect(weights.gain == 2)
        #expect(weights.uniformBound == 2)  // 2·√(3/3)
        for bad in [0, -1, Double.nan, Double.infinity] {
            #expect(throws: InitializationSchemeError.self) {
                try InitializationScheme.gain(bad).weights(for: phi, width: 3)
            }
        }
        // 1.5e308·√(6/2) overflows.
        #expect(throws: InitializationSchemeError.invalidBound(.infinity)) {
            try InitializationScheme.gain(1.5e308).weights(for: phi, width: 1)
        }
        #expect(throws: InitializationSchemeError.invalidWidth(0)) {
            try InitializationScheme.xavier.weights(for: phi, width: 0)
        }
    }

    @Test("a vi3nr gain that cannot be computed says why")
    func gainFailure() throws {
        #expect(throws: InitializationSchemeError.gainFailed(.invalidPreactivationStd(0))) {
            try InitializationScheme.varianceInformed.weights(
                for: activation("tanh(x)"), preactivationStd: 0, width: 10)
        }
    }

    @Test("messages name the scheme's requirement and the expression")
    func messages() throws {
        let pytorch = InitializationSchemeError.notApplicable(.pytorch, expression: "sin(x)/x")
        #expect(pytorch.description == "the pytorch initialisation uses calculate_gain, which "
            + "has a gain only for x, tanh(x), sigmoid(x), relu(x) and leaky_relu(x[, s]) "
            + "written exactly so; 'sin(x)/x' is none of them")
        let siren = InitializationSchemeError.notApplicable(.siren, expression: "tanh(x)")
        #expect(siren.description == "the siren initialisation is stated for sin(w*x) with a "
            + "constant w; 'tanh(x)' is not of that form")
    }
}

@Suite("Recognising sin(ω·x)")
struct SineActivationTests {
    @Test("on the tree as parsed, constant parts folded")
    func parsedTrees() throws {
        #expect(SineActivation(expression: try Expression.parse("sin(30*x)"))?.frequency == 30)
        #expect(SineActivation(expression: try Expression.parse("sin(x/4)"))?.frequency == 0.25)
        #expect(SineActivation(expression: try Expression.parse("sin(-(3*x))"))?.frequency
            == -3)
        #expect(SineActivation(expression: try Expression.parse("sin(x*(2+1))"))?.frequency
            == 3)
        #expect(SineActivation(expression: try Expression.parse("sin(3*(x/2))"))?.frequency
            == 1.5)
        #expect(SineActivation(expression: try Expression.parse("sin(x*x)")) == nil)
        #expect(SineActivation(expression: try Expression.parse("sin(0*x)")) == nil)
        #expect(SineActivation(expression: try Expression.parse("sin(a*x)")) == nil)
        #expect(SineActivation(expression: .variable) == nil)
    }
}
