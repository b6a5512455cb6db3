import Foundation
import Testing
import ActivationExpr
import VI3NR
@testable import vi3nr

/// Runs `python3` on `script` and returns its standard output, or nil
/// when python3 cannot be started.
private func runPython(_ script: String) throws -> (status: Int32, output: String)? {
    let directory = try ToolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let scriptURL = directory.appendingPathComponent("script.py")
    let outputURL = directory.appendingPathComponent("out")
    try Data(script.utf8).write(to: scriptURL)
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptURL.path]
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    process.waitUntilExit()
    try output.close()
    return (process.terminationStatus, try String(contentsOf: outputURL, encoding: .utf8))
}

/// Whether python3 can import torch here; the tests that run PyTorch are
/// skipped otherwise.
private let isTorchAvailable: Bool = {
    (try? runPython("import torch\nprint('ok')"))??.output == "ok\n"
}()

/// Activations that together use every built-in PyTorch has a form for,
/// constants, powers, comparisons and conditionals.
private let translatedActivations = [
    "sin(30*x) + cos(x) - tan(x/4)",
    "exp(-x^2/(2*0.05^2)) + log(1 + x^2) + log1p(x^2) + sqrt(abs(x))",
    "sign(x)*abs(x)^1.5 + tanh(x) + sinh(x/3) - cosh(x/5) + atan(x)",
    "erf(x) + erfc(x/2) + sigmoid(x) + relu(x) + softplus(3*x) + gelu(x) + silu(x)",
    "elu(x) + elu(x, 0.5) + leaky_relu(x) + leaky_relu(x, 0.2) + step(x)",
    "sinc(x) + sinc(3*x) + sin(x)/x",
    "max(x, 0.3) + min(2, x) + max(x, sin(x)) + min(x^2, x) + pow(abs(x), 0.7)",
    "x > 0 ? x^2 : -x",
    "(x < 1) + (x >= -1)*x + 2^-x + (-x)^2 + 2^x^2/100 + x^3^1",
    "pi*x + e*x - sqrt(2*pi)*x + exp(-(x^2/(2*0.1^2))^2)",
    "-x^2 - -x + (x - (x - 1))",
]

/// Points to compare at; 0 is included for sinc (and is NaN in both for
/// sin(x)/x as written).
private let samplePoints: [Double] = [
    -3.7, -1.3, -1, -0.51, -0.2, -1e-3, 0, 1e-7, 0.003, 0.25, 0.9, 1, 1.7, 2.9,
]

@Test(.enabled(if: isTorchAvailable, "needs python3 with torch"))
func theTorchTranslationEvaluatesLikeTheLibrary() throws {
    var script = "import math\nimport torch\n"
    let points = samplePoints.map { NumberText.shortest($0) }.joined(separator: ", ")
    script += "x = torch.tensor([\(points)], dtype=torch.float64)\n"
    for source in translatedActivations {
        let activation = try Activation(parsing: source)
        let translated = try PyTorchTranslation.translate(activation.expression)
        script += "print(' '.join(repr(v) for v in (\(translated)).tolist()))\n"
    }
    let result = try #require(try runPython(script))
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == translatedActivations.count)

    for (source, line) in zip(translatedActivations, lines) {
        let activation = try Activation(parsing: source)
        let values = line.split(separator: " ").map { Double(String($0)) ?? .nan }
        #expect(values.count == samplePoints.count)
        for (point, torchValue) in zip(samplePoints, values) {
            let expected = activation.function(point)
            if expected.isNaN && torchValue.isNaN { continue }  // sin(x)/x at 0 in both
            // Relative 1e-12, with an absolute floor for values near 0
            // (torch.sinc(x/π) rounds its argument once more).
            let tolerance = 1e-12 * max(abs(expected), 1)
            #expect(abs(torchValue - expected) <= tolerance,
                    "\(source) at \(point): torch \(torchValue), vi3nr \(expected)")
        }
    }
}

@Test(.enabled(if: isTorchAvailable, "needs python3 with torch"))
func theEmittedModuleRunsAndInitialisesLayers() throws {
    let run = try ToolRunner.run("emit", "pytorch", "sinc(x)", "--sigma-p", "0.8")
    #expect(run.status == 0)
    let script = run.standardOutput + """

        layer = torch.nn.Linear(1000, 500)
        init_linear(layer)
        bound = GAIN * math.sqrt(3.0 / 1000)
        w = layer.weight.detach()
        print(float(w.abs().max()) <= bound, float(w.abs().max()) > 0.99 * bound)
        print(float(layer.bias.abs().max()))
        print(repr(float(activation(torch.tensor([0.0, 2.0], dtype=torch.float64))[1])))
        print(repr(input_gain(0.0, 2.0)))
        """
    let result = try #require(try runPython(script))
    #expect(result.status == 0)
    // The module's own example runs first (the script is __main__).
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[0].hasPrefix("std of the second layer's preactivations: "))
    #expect(lines[1] == "True True")
    #expect(lines[2] == "0.0")
    // sinc(2) = sin(2)/2 = 0.45464871341284084770 (mpmath).
    #expect(abs((Double(lines[3]) ?? 0) - 0.4546487134128408477) < 1e-15)
    // σ_p / √(0² + 2²) = 0.8 / 2.
    #expect(Double(lines[4]) == 0.4)
}

@Test func theEmittedModuleCarriesTheComputedGain() throws {
    let run = try ToolRunner.run("emit", "pytorch", "relu(x)", "--json")
    #expect(run.status == 0)
    let object = try ToolRunner.decode(EmitJSON.self, from: run)
    #expect(relativeDifference(object.gain, 2.0.squareRoot()) < 1e-12)
    #expect(object.torchExpression == "torch.relu(x)")
    #expect(object.untranslatable == nil)
    #expect(object.code.contains("\nGAIN = 1.41421356237"))
    #expect(object.code.contains("    return torch.relu(x)\n"))
    #expect(object.code.contains("torch.nn.init.uniform_(layer.weight, -bound, bound)"))
    #expect(object.code.contains("bound = gain * math.sqrt(3.0 / fan_in)"))
    #expect(object.code.contains("torch.nn.init.zeros_(layer.bias)"))

    let text = try ToolRunner.run("emit", "pytorch", "relu(x)")
    #expect(text.standardOutput == object.code)
}

@Test func anUntranslatableActivationGetsACommentAndAWarning() throws {
    let run = try ToolRunner.run("emit", "pytorch", "dsinc(x) + x")
    #expect(run.status == 0)
    #expect(run.standardOutput.contains(
        "    # Not translated to PyTorch: dsinc (the derivative of sinc) has no PyTorch function."))
    #expect(run.standardOutput.contains("    raise NotImplementedError("))
    #expect(run.errorLines == [
        "warning: the activation is not translated: dsinc (the derivative of sinc) has no "
            + "PyTorch function",
    ])
}

@Test func emitNeedsAKnownTarget() throws {
    let run = try ToolRunner.run("emit", "pytorh", "x")
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first
        == "error: unknown target 'pytorh' for 'emit': the target is pytorch; "
            + "did you mean 'pytorch'?")
}
