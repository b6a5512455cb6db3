import Foundation
import Testing

/// `vi3nr simulate --json`: one object per run (`--compare` prints a
/// list of them).
struct SimulateJSON: Decodable {
    struct Layer: Decodable {
        let layer: Int
        let forwardVariance: Double
        let forwardVarianceSpread: Double?
        let forwardSMAPE: Double
        let backwardVariance: Double?
        let backwardVarianceSpread: Double?
        let backwardSMAPE: Double?

        enum CodingKeys: String, CodingKey {
            case layer
            case forwardVariance = "forward_variance"
            case forwardVarianceSpread = "forward_variance_spread"
            case forwardSMAPE = "forward_smape"
            case backwardVariance = "backward_variance"
            case backwardVarianceSpread = "backward_variance_spread"
            case backwardSMAPE = "backward_smape"
        }
    }

    let expression: String
    let scheme: String
    let gain: Double?
    let gainError: Double?
    let uniformBound: Double?
    let pytorchNonlinearity: String?
    let sineFrequency: Double?
    let sigmaP: Double
    let layers: Int
    let width: Int
    let batch: Int
    let seed: UInt64
    let forwardSMAPE: Double?
    let backwardSMAPE: Double?
    let forwardVariance: Double?
    let backwardVariance: Double?
    let perLayer: [Layer]?
    let error: String?

    enum CodingKeys: String, CodingKey {
        case expression, scheme, gain, layers, width, batch, seed, error
        case gainError = "gain_error"
        case uniformBound = "uniform_bound"
        case pytorchNonlinearity = "pytorch_nonlinearity"
        case sineFrequency = "sine_frequency"
        case sigmaP = "sigma_p"
        case forwardSMAPE = "forward_smape"
        case backwardSMAPE = "backward_smape"
        case forwardVariance = "forward_variance"
        case backwardVariance = "backward_variance"
        case perLayer = "per_layer"
    }
}

/// A small network, quick even in a debug build.
private let small = ["--layers", "6", "--width", "128", "--batch", "400"]

@Suite("vi3nr simulate: one initialisation")
struct SimulateCommandTests {
    @Test("--json has the documented keys, the configuration and the scheme")
    func jsonKeys() throws {
        let run = try ToolRunner.run(arguments: ["simulate", "relu(x)", "--json"] + small)
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        #expect(try ToolRunner.jsonKeys(run) == [
            "expression", "derivative", "scheme", "scheme_description", "gain", "gain_error",
            "uniform_bound", "pytorch_nonlinearity", "sine_frequency", "sigma_p", "layers",
            "width", "batch", "seed", "threads", "forward_smape", "backward_smape",
            "forward_variance", "backward_variance", "per_layer", "error",
        ])
        let object = try ToolRunner.decode(SimulateJSON.self, from: run)
        #expect(object.scheme == "vi3nr")
        #expect((object.layers, object.width, object.batch) == (6, 128, 400))
        #expect(object.seed == 0 && object.sigmaP == 1)
        // relu: gain² = 2 exactly (MATH.md); the bound is gain·√(3/n).
        let gain = try #require(object.gain)
        #expect(relativeDifference(gain, 2.0.squareRoot()) < 1e-12)
        #expect(relativeDifference(try #require(object.uniformBound),
                                   2.0.squareRoot() * (3.0 / 128).squareRoot()) < 1e-12)
        #expect(object.perLayer == nil)
        #expect(object.error == nil)
        let forward = try #require(object.forwardSMAPE)
        let backward = try #require(object.backwardSMAPE)
        #expect((0...100).contains(forward) && (0...100).contains(backward))
    }

    @Test("the vi3nr gain keeps tanh's variance; a wrong gain loses it")
    func rightAndWrongGain() throws {
        // At the default size (20 layers of 256, 1000 samples) each
        // sample's variance across 256 units scatters by √(2/255) ≈ 8.9 %
        // around its mean even with the exact gain, which alone gives a
        // SMAPE of about 8.9 %·√(2/π)/2 ≈ 3.5 %; 8 % leaves room for the
        // drift of 20 layers.
        let right = try ToolRunner.decode(
            SimulateJSON.self, from: try ToolRunner.run("simulate", "tanh(x)", "--json"))
        #expect(try #require(right.forwardSMAPE) < 8)
        #expect(relativeDifference(try #require(right.forwardVariance), 1) < 0.05)

        // Gain 0.5 multiplies the variance by at most 0.25 per layer
        // (tanh² ≤ z²): after 20 layers it is below 1e-12 and the SMAPE
        // against 1 is 100 % to within 1e-10.
        let wrong = try ToolRunner.decode(
            SimulateJSON.self,
            from: try ToolRunner.run("simulate", "tanh(x)", "--gain", "0.5", "--json"))
        #expect(wrong.scheme == "gain")
        #expect(wrong.gain == 0.5)
        #expect(try #require(wrong.forwardSMAPE) > 99.99)
        #expect(try #require(wrong.forwardVariance) < 1e-12)
    }

    @Test("a linear network multiplies both variances by gain² per layer")
    func linearNetwork() throws {
        // φ(x) = x with gain 2: Var z_l = 4^l σ_p² and Var ∂L/∂z_l = 4^(L−l)
        // in expectation. One weight draw per layer moves the product of
        // the factors: the same network in NumPy (uniform weights, 30
        // seeds) gave a last-layer ratio to 4^6 σ_p² of 0.997 with a
        // standard deviation of 1.3 % at this size, so 6 % is over four
        // standard deviations. (At width 128 and batch 400 it is 5 %.)
        let run = try ToolRunner.run(
            "simulate", "x", "--gain", "2", "--per-layer", "--json", "--sigma-p", "0.5",
            "--layers", "6", "--width", "512", "--batch", "200")
        #expect(run.status == 0)
        let object = try ToolRunner.decode(SimulateJSON.self, from: run)
        let layers = try #require(object.perLayer)
        #expect(layers.map(\.layer) == Array(0...6))
        for layer in layers {
            let forwardExpected = 0.25 * pow(4, Double(layer.layer))
            let backwardExpected = pow(4, Double(6 - layer.layer))
            #expect(relativeDifference(layer.forwardVariance, forwardExpected) < 0.06)
            #expect(relativeDifference(try #require(layer.backwardVariance), backwardExpected)
                < 0.06)
        }
        // Every sample's last-layer variance is near 4^6 = 4096 times the
        // target 0.25, so the SMAPE is near (4096 − 1)/(4096 + 1); the
        // input gradient's is near 4096 times its target 1.
        #expect(abs(try #require(object.forwardSMAPE) - 100 * 4095 / 4097) < 0.1)
        #expect(abs(try #require(object.backwardSMAPE) - 100 * 4095 / 4097) < 0.1)
    }

    @Test("the same seed gives the same numbers; another seed other ones")
    func seeds() throws {
        let arguments = ["simulate", "sin(x)/x", "--json"] + small
        let first = try ToolRunner.run(arguments: arguments + ["--seed", "7"])
        let again = try ToolRunner.run(arguments: arguments + ["--seed", "7"])
        let other = try ToolRunner.run(arguments: arguments + ["--seed", "8"])
        #expect(first.standardOutput == again.standardOutput)
        let firstObject = try ToolRunner.decode(SimulateJSON.self, from: first)
        let otherObject = try ToolRunner.decode(SimulateJSON.self, from: other)
        #expect(firstObject.seed == 7 && otherObject.seed == 8)
        #expect(firstObject.forwardSMAPE != otherObject.forwardSMAPE)
    }

    @Test("the text summary names the scheme, the gain, the bound and both errors")
    func text() throws {
        let run = try ToolRunner.run(
            arguments: ["simulate", "sin(w*x)", "--param", "w=30", "--init", "siren"] + small)
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0] == "phi(x)          sin(30*x)")
        #expect(lines[1] == "initialisation  siren: a = sqrt(6/width)/|w| with w = 30")
        // √(6/128)/30, and its gain a·√(n/3) = √2/30.
        #expect(lines[3] == "weights         U(-a, a), a = 0.00721688")
        #expect(lines[2] == "gain            0.04714045208")
        #expect(lines[4].hasPrefix(
            "network         6 layers of width 128, batch 400, sigma_p = 1, seed 0 ("))
        #expect(lines[5].hasPrefix("forward SMAPE   "))
        #expect(lines[6].hasPrefix("backward SMAPE  "))
    }

    @Test("pytorch and torch-default use their fixed bounds")
    func fixedSchemes() throws {
        let pytorch = try ToolRunner.decode(SimulateJSON.self, from: try ToolRunner.run(
            arguments: ["simulate", "tanh(x)", "--init", "pytorch", "--json"] + small))
        #expect(pytorch.gain == 5.0 / 3)
        #expect(pytorch.pytorchNonlinearity == "tanh")
        #expect(relativeDifference(try #require(pytorch.uniformBound),
                                   5.0 / 3 * (6.0 / 256).squareRoot()) < 1e-15)

        let linear = try ToolRunner.decode(SimulateJSON.self, from: try ToolRunner.run(
            arguments: ["simulate", "tanh(x)", "--init", "torch-default", "--json"] + small))
        #expect(relativeDifference(try #require(linear.uniformBound),
                                   1 / 128.0.squareRoot()) < 1e-15)
        #expect(linear.gainError == 0)
    }
}
