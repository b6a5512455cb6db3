import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private let small = ["--layers", "7", "--width", "64", "--batch", "200"]

@Suite("vi3nr simulate --per-layer: CSV, text and SVG")
struct SimulatePerLayerTests {
    @Test("CSV: a header and one row of 7 numbers per layer, 0 to L")
    func csvShape() throws {
        let run = try ToolRunner.run(
            arguments: ["simulate", "cos(x)*exp(-x^2)", "--per-layer", "--csv"] + small)
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        #expect(lines.last == "")
        #expect(lines[0] == "layer,forward_variance,forward_variance_spread,forward_smape,"
            + "backward_variance,backward_variance_spread,backward_smape")
        let rows = lines.dropFirst().dropLast().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 8)
        for (index, row) in rows.enumerated() {
            #expect(row.count == 7)
            #expect(row[0] == String(index))
            let numbers = row.dropFirst().compactMap(Double.init)
            #expect(numbers.count == 6)
            #expect(numbers.allSatisfy { $0.isFinite && $0 >= 0 })
            // SMAPE columns lie in 0…100.
            #expect(numbers[2] <= 100 && numbers[5] <= 100)
        }
    }

    @Test("with --compare, the CSV has a scheme column and every scheme's layers")
    func compareCSV() throws {
        let run = try ToolRunner.run(
            arguments: ["simulate", "--compare", "tanh(x)", "--per-layer", "--csv"] + small)
        #expect(run.status == 0)
        let rows = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows[0].hasPrefix("scheme,layer,forward_variance,"))
        #expect(rows.count == 1 + 4 * 8)
        let schemes = rows.dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(schemes == ["vi3nr", "pytorch", "torch-default", "xavier"].flatMap {
            Array(repeating: $0, count: 8)
        })
    }

    @Test("text: the summary, a blank line, then the aligned per-layer table")
    func text() throws {
        let run = try ToolRunner.run(arguments: ["simulate", "tanh(x)", "--per-layer"] + small)
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        #expect(lines[7] == "")
        #expect(lines[8].hasPrefix("layer  mean Var z_l"))
        #expect(lines.count == 8 + 2 + 8 + 1)
    }

    @Test("--json --per-layer: L + 1 layers, the targets' layers exact")
    func json() throws {
        let run = try ToolRunner.run(
            arguments: ["simulate", "sin(x)/x", "--per-layer", "--json", "--sigma-p", "2"]
                + small)
        let object = try ToolRunner.decode(SimulateJSON.self, from: run)
        let layers = try #require(object.perLayer)
        #expect(layers.count == 8)
        // The last layer's figures are the headline ones.
        #expect(layers[7].forwardSMAPE == object.forwardSMAPE)
        #expect(layers[0].backwardSMAPE == object.backwardSMAPE)
        // Layer 0's inputs are N(0, σ_p² = 4): the mean of 200 sample
        // variances over 64 units is within 3 % of 4 (its relative
        // standard error is √(2/63)/√200 ≈ 1.3 %).
        #expect(relativeDifference(layers[0].forwardVariance, 4) < 0.03)
        #expect(relativeDifference(try #require(layers[7].backwardVariance), 1) < 0.03)
    }

    @Test("--svg writes a well-formed plot: both series, the targets, the title")
    func svg() throws {
        let directory = try ToolRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("layers.svg")

        let run = try ToolRunner.run(
            arguments: ["simulate", "sigmoid(x)", "--init", "pytorch", "--per-layer",
                        "--svg", file.path, "--sigma-p", "0.5"] + small)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("phi(x)          sigmoid(x)\n"))
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.contains("Variance through a deep random network, φ(x) = sigmoid(x)"))
        #expect(svg.contains("pytorch init, gain 1;"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains(">forward: Var z_l</text>"))
        #expect(svg.contains(">backward: Var ∂L/∂z_l</text>"))
        // σ_p = 0.5: two targets, σ_p² = 0.25 and 1.
        #expect(svg.contains(">forward target σ_p² = 0.25</text>"))
        #expect(svg.contains(">backward target 1</text>"))
        #expect(svg.contains(">layer l</text>"))

        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }

    @Test("at σ_p = 1 both targets are one line")
    func svgOneTarget() throws {
        let directory = try ToolRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("one.svg")
        let run = try ToolRunner.run(
            arguments: ["simulate", "tanh(x)", "--svg", file.path, "--json"] + small)
        #expect(run.status == 0)
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.contains(">target: σ_p² = 1 (forward and backward)</text>"))
        #expect(!svg.contains("backward target"))
    }
}
