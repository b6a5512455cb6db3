import Foundation
import Testing

@Suite("vi3nr simulate: usage and computation errors")
struct SimulateErrorTests {
    @Test("sizes outside the library's limits are usage errors (exit 2)",
          arguments: [
            (["--layers", "0"], "invalid value '0' for --layers: expected a whole number of "
                + "layers from 1 to 100000"),
            (["--layers", "100001"], "invalid value '100001' for --layers: expected a whole "
                + "number of layers from 1 to 100000"),
            (["--width", "1"], "invalid value '1' for --width: expected a whole number of "
                + "units from 2 to 32768"),
            (["--width", "32769"], "invalid value '32769' for --width: expected a whole "
                + "number of units from 2 to 32768"),
            (["--batch", "0"], "invalid value '0' for --batch: expected a whole number of "
                + "samples from 1 to 2^31 - 1"),
            (["--batch", "2.5"], "invalid value '2.5' for --batch: expected a whole number "
                + "of samples from 1 to 2^31 - 1"),
            (["--gain", "0"], "invalid value '0' for --gain: expected a finite number "
                + "greater than 0"),
            (["--init", "kaiming"], "invalid value 'kaiming' for --init: expected one of "
                + "vi3nr, pytorch, torch-default, siren, xavier"),
            (["--init", "xavier", "--gain", "2"], "--init and --gain exclude each other: "
                + "choose one"),
            (["--compare", "--init", "vi3nr"], "--init and --compare exclude each other: "
                + "choose one"),
            (["--json", "--csv"], "--json and --csv exclude each other"),
            (["--svg", ""], "--svg needs a file name"),
          ])
    func usageErrors(options: [String], message: String) throws {
        let run = try ToolRunner.run(arguments: ["simulate", "tanh(x)"] + options)
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.errorLines == ["error: " + message,
                                   "Run 'vi3nr simulate --help' for usage."])
    }

    @Test("a network too large for memory is refused before any work (exit 2)")
    func tooLarge() throws {
        let run = try ToolRunner.run(
            "simulate", "tanh(x)", "--layers", "100000", "--width", "32768", "--batch", "1e5")
        #expect(run.status == 2)
        #expect(run.errorLines.first?.hasPrefix("error: the deep-network check needs ") == true)
        #expect(run.errorLines.first?.contains("reduce the layers, the batch or the width")
            == true)
    }

    @Test("sigma_p that is no Float is a usage error")
    func sigmaBeyondFloat() throws {
        let run = try ToolRunner.run("simulate", "tanh(x)", "--sigma-p", "1e-50")
        #expect(run.status == 2)
        #expect(run.errorLines.first == "error: --sigma-p 1e-50 does not fit the network's "
            + "single precision: sigma_p must be a nonzero finite Float (about 1.4e-45 to 3.4e38)")
    }

    @Test("pytorch and siren where they do not apply are usage errors that say so")
    func schemeNotApplicable() throws {
        let pytorch = try ToolRunner.run("simulate", "sin(x)/x", "--init", "pytorch")
        #expect(pytorch.status == 2)
        #expect(pytorch.errorLines.first == "error: the pytorch initialisation uses "
            + "calculate_gain, which has a gain only for x, tanh(x), sigmoid(x), relu(x) and "
            + "leaky_relu(x[, s]) written exactly so; 'sin(x)/x' is none of them")

        let siren = try ToolRunner.run("simulate", "cos(30*x)", "--init", "siren")
        #expect(siren.status == 2)
        #expect(siren.errorLines.first == "error: the siren initialisation is stated for "
            + "sin(w*x) with a constant w; 'cos(30*x)' is not of that form")
        #expect(siren.standardOutput.isEmpty)
    }

    @Test("--svg with --compare is a usage error: the plot is of one scheme")
    func svgWithCompare() throws {
        let run = try ToolRunner.run("simulate", "--compare", "tanh(x)", "--svg", "x.svg")
        #expect(run.status == 2)
        #expect(run.errorLines.first?.hasPrefix("error: --svg plots one initialisation") == true)
    }

    @Test("values that overflow in the network: exit 1, naming the layer and the pass")
    func overflow() throws {
        // φ(x) = x with gain 1000 multiplies the values by about 10^3 a
        // layer: from N(0, 1) they pass Float's 3.4e38 in layer 13.
        let run = try ToolRunner.run(
            "simulate", "x", "--gain", "1000", "--layers", "30", "--width", "32", "--batch",
            "20")
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        let first = try #require(run.errorLines.first)
        #expect(first.hasPrefix("error: the preactivations of layer "))
        #expect(first.contains(" became NaN or infinite in the forward pass"))
        let layer = Int(first.dropFirst("error: the preactivations of layer ".count)
            .prefix { $0.isNumber })
        #expect(layer.map { (12...14).contains($0) } == true)
        #expect(run.errorLines.dropFirst().first
            == "With --gain 1000: weights U(-a, a), a = 306.186.")
    }

    @Test("gradients that overflow: the forward figures still print, then exit 1")
    func backwardOverflow() throws {
        // sin(30x) at σ_p = 1 has cond = 900 coth(900) = 900: the gradient
        // variance grows 900-fold a layer. Among 256 000 values the largest
        // is about 4.9 standard deviations, which passes Float's 3.4e38
        // once the variance passes 4.8e75, i.e. after 26 layers (900^26 =
        // 6.5e76, 900^25 = 7.2e73): at layer 40 − 26 = 14.
        let run = try ToolRunner.run("simulate", "sin(30*x)", "--layers", "40")
        #expect(run.status == 1)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[5].hasPrefix("forward SMAPE   "))
        #expect(lines[6] == "backward SMAPE  not measured: overflow (see the error)")
        let first = try #require(run.errorLines.first)
        #expect(first.hasPrefix("error: vi3nr: the gradients of layer "))
        #expect(first.hasSuffix(" became NaN or infinite in the backward pass (Float overflow: "
            + "the backward variance grows too fast through the layers)"))
        let layer = Int(first.dropFirst("error: vi3nr: the gradients of layer ".count)
            .prefix { $0.isNumber })
        #expect(layer.map { (13...15).contains($0) } == true)

        // The forward pass finished: its figures are all there, the
        // backward ones are null.
        let json = try ToolRunner.decode(SimulateJSON.self, from: try ToolRunner.run(
            "simulate", "sin(30*x)", "--layers", "40", "--json", "--per-layer"))
        #expect(json.backwardSMAPE == nil && json.backwardVariance == nil)
        #expect(json.error?.hasPrefix("the gradients of layer ") == true)
        let layers = try #require(json.perLayer)
        #expect(layers.count == 41)
        #expect(layers.allSatisfy { $0.backwardSMAPE == nil && $0.backwardVariance == nil })
        #expect(try #require(json.forwardSMAPE) < 8)
        #expect(json.forwardSMAPE == layers[40].forwardSMAPE)
    }

    @Test("φ undefined at exactly 0: a warning that names the limit used, or the way out")
    func undefinedAtZero() throws {
        let removable = try ToolRunner.run(
            "simulate", "sin(x)/x", "--layers", "2", "--width", "16", "--batch", "10")
        #expect(removable.status == 0)
        #expect(removable.errorLines == ["warning: phi(0) is nan and its limit 1, phi'(0) is "
            + "nan and its limit 0; where single precision makes a preactivation exactly 0, "
            + "the check uses the limit (a removable singularity)"])

        // x·log|x| tends to 0 at 0, but its derivative log|x| + 1 has no
        // limit. It has no division, so sinc is no help and is not named.
        let pole = try ToolRunner.run(
            "simulate", "x*log(abs(x))", "--layers", "2", "--width", "16", "--batch", "10")
        #expect(pole.errorLines == ["warning: phi'(0) is nan without a limit there; a "
            + "preactivation that is exactly 0 (single precision gives one now and then in a "
            + "large network) stops the check with NaN; write the expression so that it is "
            + "defined at 0"])

        // With a division in it, sinc is a likely way out and is named.
        let divided = try ToolRunner.run(
            "simulate", "sin(x)/x + x*log(abs(x))", "--layers", "2", "--width", "16",
            "--batch", "10")
        #expect(divided.errorLines.first?.hasSuffix(
            "write the expression so that it is defined at 0 (sinc(x) for sin(x)/x)") == true)

        let builtin = try ToolRunner.run(
            "simulate", "sinc(x)", "--layers", "2", "--width", "16", "--batch", "10")
        #expect(builtin.status == 0)
        #expect(builtin.standardError.isEmpty)
    }

    @Test("an activation that does not parse: exit 1 with the caret picture")
    func badExpression() throws {
        let run = try ToolRunner.run("simulate", "tanh(x")
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.errorLines.count >= 3)
        #expect(run.errorLines.first?.hasPrefix("error: ") == true)
    }

    @Test("a vi3nr gain that cannot be computed: exit 1 with the quadrature's reason")
    func divergentGain() throws {
        let run = try ToolRunner.run("simulate", "exp(x^2)")
        #expect(run.status == 1)
        #expect(run.errorLines.first?.hasPrefix(
            "error: cannot compute M_f = E[φ(z)²] at σ_p = 1") == true)
    }

    @Test("help lists every option and an example")
    func help() throws {
        let run = try ToolRunner.run("simulate", "--help")
        #expect(run.status == 0)
        for option in ["--init NAME", "--gain G", "--compare", "--sigma-p S", "--layers L",
                       "--width N", "--batch B", "--seed K", "--per-layer", "--csv",
                       "--svg FILE", "--json"] {
            #expect(run.standardOutput.contains(option))
        }
        #expect(run.standardOutput.contains("vi3nr simulate --compare 'sin(30*x)'"))
    }
}
