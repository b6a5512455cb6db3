import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The command line under a stream of bad invocations keeps its promises
/// (README, "Exit status and messages"): exit status 2 for usage errors,
/// 1 for computation errors, a first line on standard error that starts
/// with `error: ` and names the problem, and nothing on standard output.
/// Then the numeric adversaries, through the tool: each a value whose
/// error covers the truth, or an error that says why.
@Suite("Adversarial command lines")
struct AdversarialCommandLineTests {
    /// Checks one run against what the invocation must do.
    func expectKeepsPromises(
        _ run: AdversarialRunner.Run, _ invocation: BadInvocation,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let shown = run.commandLine
        #expect(run.status == invocation.status,
                "\(shown): exit \(run.status), want \(invocation.status); \(run.firstErrorLine)",
                sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(shown) printed \(run.standardOutput.prefix(200))",
                sourceLocation: sourceLocation)
        #expect(run.firstErrorLine.hasPrefix("error: ") && run.firstErrorLine.count > 12,
                "\(shown): first line \(run.firstErrorLine.debugDescription)",
                sourceLocation: sourceLocation)
        let named = invocation.mentions.debugDescription
        #expect(run.firstErrorLine.contains(invocation.mentions),
                "\(shown): \(run.firstErrorLine.debugDescription) does not name \(named)",
                sourceLocation: sourceLocation)
    }

    @Test("hundreds of usage errors: exit 2, one 'error:' line naming the fault, no output")
    func usageErrors() throws {
        let invocations = AdversarialInvocations.usageErrors
        #expect(invocations.count > 300)
        let runs = try AdversarialRunner.runAll(invocations.map(\.arguments))
        for (run, invocation) in zip(runs, invocations) {
            expectKeepsPromises(run, invocation)
            // A usage error points to the help on its second line.
            #expect(run.standardError.contains("--help' for usage."), "\(run.commandLine)")
        }
    }

    @Test("bad expressions in every command: exit 1, the parse error first, no output")
    func expressionErrors() throws {
        let invocations = AdversarialInvocations.computationErrors
        #expect(invocations.count > 100)
        let runs = try AdversarialRunner.runAll(invocations.map(\.arguments))
        for (run, invocation) in zip(runs, invocations) {
            expectKeepsPromises(run, invocation)
        }
    }

    /// The moments that diverge, are undefined or cannot be resolved, as
    /// the tool reports them (the library's causes are tested in
    /// VI3NRTests/AdversarialNumericTests).
    @Test("moments that cannot be computed: exit 1 and the reason", arguments: [
        (["gain", "exp(x^2)"], "the expectation diverges"),
        (["gain", "1/x"], "non-integrable singularity at x = 0"),
        (["gain", "log(abs(x))"], "cannot compute M_d"),
        (["gain", "sqrt(x)"], "undefined (NaN)"),
        (["gain", "x^x"], "undefined (NaN)"),
        (["gain", "exp(1000*x)"], "the expectation diverges"),
        (["gain", "0"], "M_f = E[φ(z)²] is 0"),
        (["gain", "sin(30*x)", "--sigma-p", "1e6"], "oscillates faster than the scan can follow"),
    ])
    func momentFailures(arguments: [String], reason: String) throws {
        let run = try AdversarialRunner.run(arguments + ["--samples", "1000"])
        expectKeepsPromises(run, BadInvocation(arguments: arguments, status: 1, mentions: reason))
    }
}

// MARK: - Numbers through the tool

/// The parts of `gain --json` the numeric checks read.
struct AdversarialGainJSON: Decodable {
    struct Condition: Decodable {
        let value: Double
        let error: Double
    }

    let gain2: Double
    let gain2Error: Double
    let backwardCondition: Condition

    enum CodingKeys: String, CodingKey {
        case gain2
        case gain2Error = "gain2_error"
        case backwardCondition = "backward_condition"
    }
}

@Suite("Adversarial numerics through the command line")
struct AdversarialCommandLineNumericTests {
    func gain(_ arguments: [String]) throws -> AdversarialGainJSON {
        let run = try AdversarialRunner.run(["gain"] + arguments + ["--samples", "10000", "--json"])
        try #require(run.status == 0, "\(run.commandLine): \(run.standardError)")
        let data = Data(run.standardOutput.utf8)
        return try JSONDecoder().decode(AdversarialGainJSON.self, from: data)
    }

    /// Truths as in VI3NRTests/AdversarialNumericTests: mpmath at 30
    /// digits for tanh at σ_p = 1e6, closed forms for the rest.
    @Test("σ_p = 1e6 and 1e-12, exp(x²) below its divergence, step and a constant")
    func valuesWithHonestErrors() throws {
        let cases: [([String], gain2: Double, cond: Double)] = [
            (["tanh(x)", "--sigma-p", "1e6"], 1000000797885.1974228, 531923.4649486780179),
            (["relu(x)", "--sigma-p", "1e-12"], 2, 1),
            (["exp(x^2)", "--sigma-p", "0.3"], 0.072, 0.050625),
            (["step(x)"], 2, 0),
            (["3"], 1.0 / 9, 0),
        ]
        for (arguments, gainSquared, condition) in cases {
            let result = try gain(arguments)
            #expect(Swift.abs(result.gain2 - gainSquared)
                        <= result.gain2Error + 1e-13 * gainSquared,
                    "\(arguments): gain² \(result.gain2) ± \(result.gain2Error)")
            #expect(Swift.abs(result.backwardCondition.value - condition)
                        <= result.backwardCondition.error + 1e-12 * condition,
                    "\(arguments): cond \(result.backwardCondition.value)")
        }
    }

    @Test("the search on step(x): degenerate, M_d = 0 everywhere")
    func degenerateSearch() throws {
        let run = try AdversarialRunner.run(["optimal", "step(x)", "--json"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"degenerate\": \"zero_backward_moment\""))
    }
}

// MARK: - Data files

@Suite("Adversarial data files through input-gain")
struct AdversarialDataFileTests {
    /// Writes `bytes` to a fresh temporary file.
    func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-adversarial-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("empty, binary, a directory, missing: exit 1 with the reason, no output", arguments: [
        ([], "is empty"),
        (Array("   \n# only a comment\n\n".utf8), "is empty"),
        ([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x62, 0x69, 0x6E], "binary"),
        (Array("1 2\n3\u{0}4\n".utf8), "binary"),
        (Array("x,y\n".utf8), "no data rows"),
        (Array("1,2\n3\n".utf8), "line 2"),
        (Array("1,nan\n".utf8), "not a finite number"),
    ] as [([UInt8], String)])
    func badFiles(bytes: [UInt8], reason: String) throws {
        let path = try temporaryFile(bytes, name: "bad.txt")
        defer { unlink(path) }
        let run = try AdversarialRunner.run(["input-gain", "--data", path])
        #expect(run.status == 1, "\(run.firstErrorLine)")
        #expect(run.standardOutput.isEmpty)
        #expect(run.firstErrorLine.hasPrefix("error: ") && run.firstErrorLine.contains(reason),
                "\(run.firstErrorLine)")
    }

    @Test("a directory and a missing file")
    func notFiles() throws {
        for (path, reason) in [("/", "Is a directory"),
                               ("/nonexistent/vi3nr-data.txt", "No such file")] {
            let run = try AdversarialRunner.run(["input-gain", "--data", path])
            #expect(run.status == 1 && run.standardOutput.isEmpty)
            #expect(run.firstErrorLine.contains(reason), "\(run.firstErrorLine)")
        }
    }

    /// A 4 GiB file: 200 000 valid rows (2.4 MB written), then a sparse
    /// hole of zero bytes to 4 GiB (nothing written, no disk used). The
    /// reader must stream to the hole and name its line, with a peak
    /// memory far below the file's size: read whole, it could not fit.
    @Test("a 4 GiB file with a fault far in: the line is named, memory stays bounded")
    func gigabyteFile() throws {
        let rows = 200_000
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-adversarial-\(UUID().uuidString)-huge.txt").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { unlink(path) }
        let row = Array("1.5 -2 3.25\n".utf8)
        let block = Array([[UInt8]](repeating: row, count: 10_000).joined())
        for _ in 0..<(rows / 10_000) {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            try #require(written == block.count)
        }
        try #require(ftruncate(descriptor, off_t(4) << 30) == 0)
        close(descriptor)

        let run = try AdversarialRunner.run(["input-gain", "--data", path])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.firstErrorLine.contains("line \(rows + 1)") &&
                run.firstErrorLine.contains("binary"), "\(run.firstErrorLine)")
        #expect(run.peakMemory < 200 << 20, "peak memory \(run.peakMemory) bytes")
    }
}
