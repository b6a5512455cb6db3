import Testing
@testable import vi3nr_bench

@Suite("vi3nr-bench options")
struct OptionTests {
    @Test("defaults: every item, every activation, tanh for the deep network")
    func defaults() throws {
        let options = try BenchmarkOptions(arguments: [])
        #expect(options.items == BenchmarkOptions.Item.allCases)
        #expect(options.activations.count == 7)
        #expect(options.deepActivations == ["tanh"])
        #expect(options.peersDirectory == "../shared/peers")
        #expect(!options.quick)
    }

    @Test("--only, --activations, --quick, --peers, --runs")
    func values() throws {
        let options = try BenchmarkOptions(arguments: [
            "--only", "deep,mc", "--activations", "sinc, relu", "--quick",
            "--peers", "/tmp/peers", "--runs", "3",
        ])
        #expect(options.items == [.deepNetwork, .monteCarlo])
        #expect(options.activations.map(\.name) == ["sinc", "relu"])
        #expect(options.quick)
        #expect(options.peersDirectory == "/tmp/peers")
        #expect(options.runs == 3)
    }

    @Test("unknown items, activations and options, bad counts and missing values")
    func errors() {
        func message(_ arguments: [String]) -> String? {
            do {
                _ = try BenchmarkOptions(arguments: arguments)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message(["--only", "gpu"]) == "unknown item 'gpu': mc, quad, search or deep")
        #expect(message(["--activations", "swish"])?.hasPrefix("unknown activation 'swish'")
            == true)
        #expect(message(["--runs", "0"])
            == "--runs takes a whole number from 1 to 1000, not '0'")
        #expect(message(["--peers"])?.hasPrefix("--peers needs a value") == true)
        #expect(message(["--fast"])?.hasPrefix("unknown option '--fast'") == true)
    }

    @Test("--help is not an error: it carries the usage text")
    func help() {
        #expect(throws: BenchmarkError.self) { try BenchmarkOptions(arguments: ["--help"]) }
        do {
            _ = try BenchmarkOptions(arguments: ["--quick", "--help"])
            Issue.record("--help parsed as options")
        } catch {
            guard case .help(let text) = error else {
                Issue.record("--help gave \(error)")
                return
            }
            #expect(text.hasPrefix("usage: vi3nr-bench"))
        }
    }

    @Test("peer records are picked by activation and peer prefix")
    func peerRecords() {
        let outcome = PeerOutcome.records([
            PeerRecord(fields: ["activation": "tanh", "peer": "numpy-float64", "median_ms": 20]),
            PeerRecord(fields: ["activation": "tanh", "peer": "torch-float32-cpu"]),
            PeerRecord(fields: ["activation": "relu", "peer": "numpy-float64"]),
        ])
        #expect(outcome.records(for: "tanh").count == 2)
        #expect(outcome.records(for: "tanh", peerPrefix: "numpy").first?
            .double("median_ms") == 20)
        #expect(outcome.records(for: "sinc").isEmpty)
        #expect(PeerOutcome.skipped("not installed").records(for: "tanh").isEmpty)
    }
}
