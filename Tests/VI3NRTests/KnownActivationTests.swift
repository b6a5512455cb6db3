import ActivationExpr
import Testing
@testable import VI3NR

@Suite("PyTorch's fixed gains and the activations it knows")
struct KnownActivationTests {
    @Test("calculate_gain's values")
    func pytorchGains() {
        #expect(PyTorchNonlinearity.linear.gain == 1)
        #expect(PyTorchNonlinearity.sigmoid.gain == 1)
        #expect(PyTorchNonlinearity.tanh.gain == 5.0 / 3)
        #expect(PyTorchNonlinearity.relu.gain == 2.0.squareRoot())
        #expect(PyTorchNonlinearity.selu.gain == 0.75)
        #expect(PyTorchNonlinearity.leakyRelu(negativeSlope: 0.01).gain
            == (2 / 1.0001).squareRoot())
        #expect(PyTorchNonlinearity.leakyRelu(negativeSlope: 0.2).name == "leaky_relu")
    }

    @Test("exactly x, tanh(x), sigmoid(x), relu(x), leaky_relu(x[, s]) are recognised")
    func recognised() throws {
        #expect(KnownActivation(activation: try activation("x")) == .identity)
        #expect(KnownActivation(activation: try activation("tanh(x)")) == .tanh)
        #expect(KnownActivation(activation: try activation("sigmoid(x)")) == .sigmoid)
        #expect(KnownActivation(activation: try activation("relu(x)")) == .relu)
        #expect(KnownActivation(activation: try activation("leaky_relu(x)"))
            == .leakyRelu(negativeSlope: 0.01))
        #expect(KnownActivation(activation: try activation("leaky_relu(x, 0.2)"))
            == .leakyRelu(negativeSlope: 0.2))
        let bound = try activation("leaky_relu(x, s)", parameters: ["s": 0.3])
        #expect(KnownActivation(activation: bound) == .leakyRelu(negativeSlope: 0.3))
        #expect(KnownActivation(activation: try activation("relu(x)"))?.pytorchGain
            == 2.0.squareRoot())
    }

    @Test("anything else is not, even when equal in value",
          arguments: ["max(x, 0)", "2*tanh(x)", "tanh(2*x)", "sin(x)", "relu(x - 1)",
                      "tanh(x) + 1", "1/(1 + exp(-x))", "leaky_relu(x, x)"])
    func notRecognised(source: String) throws {
        #expect(KnownActivation(activation: try activation(source)) == nil)
    }

    @Test("structural recognition works on a tree as parsed")
    func parsedTree() throws {
        #expect(KnownActivation(expression: try Expression.parse("tanh(x)")) == .tanh)
        #expect(KnownActivation(expression: .variable) == .identity)
        #expect(KnownActivation(expression: .call(.relu, [.number(1)])) == nil)
    }
}

@Suite("Parsing with the module's error type")
struct ActivationParsingTests {
    @Test("a syntax error keeps its caret picture")
    func syntaxError() {
        do {
            _ = try Activation.parse("sinn(30*x)")
            Issue.record("expected an error")
        } catch {
            guard case .invalidActivation(.invalidSyntax) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            let lines = error.description.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("unknown function 'sinn'") == true)
            #expect(lines.last == "^~~~")
        }
    }

    @Test("an unbound parameter is an invalid expression")
    func unboundParameter() {
        #expect(throws: VI3NRError.self) { try Activation.parse("sin(w*x)") }
        #expect((try? Activation.parse("sin(w*x)", parameters: ["w": 2])) != nil)
    }
}
