import Foundation
import Testing

private let small = ["--layers", "5", "--width", "96", "--batch", "300"]

/// The schemes `--compare --json` ran, in order.
private func comparedSchemes(_ expression: String) throws -> [SimulateJSON] {
    let run = try ToolRunner.run(
        arguments: ["simulate", "--compare", expression, "--json"] + small)
    #expect(run.status == 0)
    // Warnings only (sin(x)/x gets one about x = 0).
    #expect(run.standardError.isEmpty || run.errorLines.allSatisfy { $0.hasPrefix("warning: ") })
    return try ToolRunner.decode([SimulateJSON].self, from: run)
}

@Suite("vi3nr simulate --compare")
struct SimulateCompareTests {
    @Test("pytorch only for calculate_gain's activations, siren only for sin(w*x)",
          arguments: [
            ("tanh(x)", ["vi3nr", "pytorch", "torch-default", "xavier"]),
            ("sigmoid(x)", ["vi3nr", "pytorch", "torch-default", "xavier"]),
            ("leaky_relu(x, 0.1)", ["vi3nr", "pytorch", "torch-default", "xavier"]),
            ("sin(30*x)", ["vi3nr", "torch-default", "siren", "xavier"]),
            ("sin(x)/x", ["vi3nr", "torch-default", "xavier"]),
            ("max(x, 0)", ["vi3nr", "torch-default", "xavier"]),
          ])
    func applicableSchemes(expression: String, schemes: [String]) throws {
        let objects = try comparedSchemes(expression)
        #expect(objects.map(\.scheme) == schemes)
        for object in objects {
            #expect(object.error == nil)
            #expect(object.forwardSMAPE != nil && object.backwardSMAPE != nil)
            #expect((object.layers, object.width, object.batch) == (5, 96, 300))
        }
    }

    @Test("each row's bound follows its scheme's formula")
    func bounds() throws {
        let objects = try comparedSchemes("sin(30*x)")
        let bounds = Dictionary(uniqueKeysWithValues: objects.map {
            ($0.scheme, $0.uniformBound ?? .nan)
        })
        // sin(30x) at σ_p = 1: M_f = (1 − e^(−1800))/2 = 1/2, gain √2.
        #expect(relativeDifference(try #require(bounds["vi3nr"]),
                                   2.0.squareRoot() * (3.0 / 96).squareRoot()) < 1e-12)
        #expect(relativeDifference(try #require(bounds["torch-default"]),
                                   1 / 96.0.squareRoot()) < 1e-15)
        #expect(relativeDifference(try #require(bounds["siren"]),
                                   (6.0 / 96).squareRoot() / 30) < 1e-15)
        #expect(relativeDifference(try #require(bounds["xavier"]),
                                   (3.0 / 96).squareRoot()) < 1e-15)
        #expect(objects.first { $0.scheme == "siren" }?.sineFrequency == 30)
    }

    @Test("relu: vi3nr and pytorch have the same gain √2, so the same network")
    func reluSchemesAgree() throws {
        let objects = try comparedSchemes("relu(x)")
        let vi3nr = try #require(objects.first { $0.scheme == "vi3nr" })
        let pytorch = try #require(objects.first { $0.scheme == "pytorch" })
        #expect(pytorch.gain == 2.0.squareRoot())
        #expect(relativeDifference(try #require(vi3nr.gain), 2.0.squareRoot()) < 1e-12)
        // Same seed, same inputs, weights equal to the last bit or two.
        #expect(abs(try #require(vi3nr.forwardSMAPE) - (try #require(pytorch.forwardSMAPE)))
            < 1e-3)
    }

    @Test("the text table has a row per scheme; the CSV the documented header")
    func tables() throws {
        let text = try ToolRunner.run(arguments: ["simulate", "--compare", "tanh(x)"] + small)
        #expect(text.status == 0)
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[0] == "phi(x) = tanh(x); 5 layers of width 96, batch 300, sigma_p = 1, "
            + "seed 0")
        #expect(lines[1].hasPrefix("scheme "))
        #expect(lines.count == 3 + 4)
        #expect(lines[3].hasPrefix("vi3nr "))
        #expect(lines[6].hasPrefix("xavier "))

        let csv = try ToolRunner.run(
            arguments: ["simulate", "--compare", "tanh(x)", "--csv"] + small)
        let rows = csv.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows[0] == "scheme,gain,gain_error,uniform_bound,forward_smape,backward_smape,"
            + "forward_variance,backward_variance,error")
        #expect(rows.count == 5)
        #expect(rows[2].hasPrefix("pytorch,1.6666666666666667,0,"))
    }

    @Test("a scheme that fails is a row with its error; the others still run (exit 1)")
    func failingSchemes() throws {
        // exp(x²): M_f diverges at σ_p = 1, so vi3nr has no gain; with the
        // other schemes exp(z²) overflows a Float in the first layers.
        let run = try ToolRunner.run(
            arguments: ["simulate", "--compare", "exp(x^2)", "--json"] + small)
        #expect(run.status == 1)
        let objects = try ToolRunner.decode([SimulateJSON].self, from: run)
        #expect(objects.map(\.scheme) == ["vi3nr", "torch-default", "xavier"])
        #expect(objects.allSatisfy { $0.error != nil && $0.forwardSMAPE == nil })
        #expect(objects[0].gain == nil)
        #expect(objects[1].gain != nil)
        let errors = run.errorLines.filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 3)
        #expect(errors[0].hasPrefix("error: vi3nr: cannot compute M_f"))
        #expect(errors[1].hasPrefix("error: torch-default: the activation gave NaN or infinity"))
    }
}
