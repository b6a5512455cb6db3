// Initialises a small MLP with vi3nr's library and checks, on a batch of
// inputs, that every layer's preactivations keep the chosen σ_p.
//
//     swift run InitialiseMLP ['EXPRESSION']
//
// The activation defaults to the Gaussian bump exp(-x^2/(2*0.05^2)); its
// σ_p is the theoretical optimum from OptimalSigmaSearch when it has one,
// else 1. Inputs are uniform on [-1, 1] (coordinates, as in an implicit
// neural representation): mean 0, standard deviation 1/√3.

import ActivationExpr
import VI3NR

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small seeded generator (SplitMix64), so the example prints the same
/// numbers on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `weights · inputs` for a row-major `fanOut × fanIn` matrix and a batch
/// of column vectors stored sample by sample.
func multiply(
    _ weights: [Double], fanOut: Int, fanIn: Int, _ batch: [[Double]]
) -> [[Double]] {
    batch.map { input in
        (0..<fanOut).map { row in
            var sum = 0.0
            for column in 0..<fanIn { sum += weights[row * fanIn + column] * input[column] }
            return sum
        }
    }
}

/// The standard deviation of every value in the batch.
func standardDeviation(_ batch: [[Double]]) -> Double {
    let values = batch.flatMap { $0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return variance.squareRoot()
}

func main() throws {
    let source = CommandLine.arguments.dropFirst().first ?? "exp(-x^2/(2*0.05^2))"
    let activation = try Activation.parse(source)

    // 1. σ_p: the root of cond(σ_p) = 1 when there is one, else 1.
    let search = try OptimalSigmaSearch(scanFailurePolicy: .searchBelowFailure)
        .run(for: activation)
    let sigma = search.roots.first?.preactivationStd.value ?? 1
    print("phi(x) = \(activation.expression), sigma_p = \(sigma)")

    // 2. The gains: hidden layers from M_f, the first layer from the data.
    let hidden = try GainReport(activation: activation, preactivationStd: sigma)
    let input = try InputGain(
        mean: 0, standardDeviation: 1 / 3.0.squareRoot(), preactivationStd: sigma)
    print("hidden gain = \(hidden.gain.value), input gain = \(input.gain)")

    // 3. Weights for 2 → 256 → 256 → 256, uniform on [-a, a].
    let widths = [2, 256, 256, 256]
    var layers: [(weights: [Double], fanOut: Int, fanIn: Int)] = []
    for index in 0..<(widths.count - 1) {
        let gain = index == 0 ? input.gain : hidden.gain.value
        let initializer = try WeightInitializer(
            gain: gain, fanIn: widths[index], fanOut: widths[index + 1])
        layers.append((initializer.weights(seed: UInt64(index + 1)), widths[index + 1],
                       widths[index]))
    }

    // 4. A batch of inputs, pushed through: z = W φ(z_previous), with the
    //    data itself entering the first layer.
    var generator = SplitMix64(state: 2024)
    var values = (0..<1000).map { _ in
        [Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator)]
    }
    for (index, layer) in layers.enumerated() {
        let preactivations = multiply(
            layer.weights, fanOut: layer.fanOut, fanIn: layer.fanIn, values)
        let std = standardDeviation(preactivations)
        print("layer \(index + 1): std of preactivations = \(std) (target \(sigma))")
        values = preactivations.map { $0.map { activation.function($0) } }
    }
}

do {
    try main()
} catch {
    let message = Array("error: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(1)
}
