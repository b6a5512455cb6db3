import ActivationExpr
import Testing
@testable import VI3NR

/// The tiny network of the gradient check, rebuilt in double precision
/// from the same seeded draws as the check.
struct TinyNetwork {
    let width: Int
    let batch: Int
    let inputs: [Double]
    let weights: [[Double]]
    let topGradients: [Double]
    let function: (Double) -> Double

    init(configuration: DeepNetworkConfiguration, function: @escaping (Double) -> Double) {
        let width = configuration.width
        let elements = configuration.batchSize * width
        let seed = configuration.seed
        func draw(_ fill: (UnsafeMutableBufferPointer<Float>) -> Void, count: Int) -> [Double] {
            var values = [Float](repeating: .nan, count: count)
            values.withUnsafeMutableBufferPointer { fill($0) }
            return values.map(Double.init)
        }

        self.width = width
        batch = configuration.batchSize
        self.function = function
        inputs = draw({
            DeepNetworkRandom.fillNormal($0, std: Float(configuration.preactivationStd),
                                         seed: seed, stream: .inputs, workers: 1)
        }, count: elements)
        weights = (1 ... configuration.layerCount).map { layer in
            draw({
                DeepNetworkRandom.fillUniform($0, bound: Float(configuration.weightBound),
                                              seed: seed, stream: .weights(layer: layer),
                                              workers: 1)
            }, count: width * width)
        }
        topGradients = draw({
            DeepNetworkRandom.fillNormal($0, std: 1, seed: seed, stream: .topGradients,
                                         workers: 1)
        }, count: elements)
    }

    /// `z_L` for one sample: `z ← W · φ(z)`, `W[i][j]` at `i · n + j`.
    func output(input: [Double]) -> [Double] {
        var preactivations = input
        for layerWeights in weights {
            let activations = preactivations.map(function)
            preactivations = (0 ..< width).map { row in
                (0 ..< width).reduce(0) { sum, column in
                    sum + layerWeights[row * width + column] * activations[column]
                }
            }
        }
        return preactivations
    }

    /// The loss `⟨g_top, z_L⟩` of sample `sample` with its input replaced.
    func loss(sample: Int, input: [Double]) -> Double {
        let top = topGradients[sample * width ..< (sample + 1) * width]
        return zip(top, output(input: input)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// `∂loss/∂x_j` by central differences with step `h`.
    func centralDifference(sample: Int, unit: Int, step: Double) -> Double {
        var plus = Array(inputs[sample * width ..< (sample + 1) * width])
        var minus = plus
        plus[unit] += step
        minus[unit] -= step
        return (loss(sample: sample, input: plus) - loss(sample: sample, input: minus))
            / (2 * step)
    }
}

@Test(arguments: ["tanh", "sin(2x)"])
func inputGradientMatchesCentralDifferences(activation: String) throws {
    let (function, derivative): (CompiledFunction, CompiledFunction) =
        activation == "tanh"
        ? (TestActivation.tanh, TestActivation.tanhDerivative)
        : TestActivation.sine(frequency: 2)
    let configuration = DeepNetworkConfiguration(
        layerCount: 3, width: 4, batchSize: 2, preactivationStd: 1.2,
        weightScale: .gain(1.7), seed: 11)

    let outcome = try DeepNetworkCheck.propagate(
        function: function, derivative: derivative, configuration: configuration,
        keepingEndpoints: true)
    let network = TinyNetwork(configuration: configuration, function: function.evaluate)
    let gradients = try #require(outcome.inputGradients)
    let last = try #require(outcome.lastPreactivations)

    for sample in 0 ..< 2 {
        // The forward pass agrees with the double-precision one to Float's
        // precision (a few ulps of the largest value, over three layers).
        let input = Array(network.inputs[sample * 4 ..< (sample + 1) * 4])
        let expectedOutput = network.output(input: input)
        let outputScale = expectedOutput.map(Swift.abs).max() ?? 1
        for unit in 0 ..< 4 {
            let difference = Swift.abs(Double(last[sample * 4 + unit]) - expectedOutput[unit])
            #expect(difference <= 1e-5 * outputScale, "z_L[\(sample), \(unit)]")
        }

        // Central differences in double precision with h = 1e-6 are good to
        // about 1e-9; the check's Float gradients to about 1e-6 relative.
        let expected = (0 ..< 4).map {
            network.centralDifference(sample: sample, unit: $0, step: 1e-6)
        }
        let scale = expected.map(Swift.abs).max() ?? 1
        #expect(scale > 1e-3, "a vanishing gradient would make the check empty")
        for unit in 0 ..< 4 {
            let measured = Double(gradients[sample * 4 + unit])
            let finiteDifference = expected[unit]
            #expect(Swift.abs(measured - finiteDifference) <= 1e-4 * scale,
                    "\(activation) g[\(sample), \(unit)]: \(measured) vs \(finiteDifference)")
        }
    }
}
