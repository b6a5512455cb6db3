import Foundation
import Testing

/// Runs the built `vi3nr` executable and captures what it prints.
///
/// The executable is looked for, in order: at `$VI3NR_EXECUTABLE`; next to
/// the running test binary (SwiftPM puts test products and executables in
/// the same build products directory); next to each loaded bundle (an
/// `.xctest` bundle on macOS); and in `.build/debug` of the package that
/// holds this file.
enum ToolRunner {
    /// What one run produced.
    struct Run {
        let status: Int32
        let standardOutput: String
        let standardError: String

        /// Standard error's lines, without the empty one after the last
        /// newline.
        var errorLines: [String] {
            standardError.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(standardError.hasSuffix("\n") ? 1 : 0).map(String.init)
        }
    }

    /// The executable, or nil when it has not been built.
    static let executable: URL? = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["VI3NR_EXECUTABLE"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(running.deletingLastPathComponent().appendingPathComponent("vi3nr"))
        if let main = Bundle.main.executableURL {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent("vi3nr"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(
                bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("vi3nr"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/vi3nr"))
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `vi3nr` with `arguments` and waits for it.
    static func run(_ arguments: String...) throws -> Run {
        try run(arguments: arguments)
    }

    /// Runs `vi3nr` with `arguments`, `input` on its standard input (empty
    /// when nil), optionally in `workingDirectory`, and waits for it.
    static func run(
        arguments: [String], input: String? = nil, in workingDirectory: URL? = nil
    ) throws -> Run {
        let executable = try #require(
            executable, "the vi3nr executable was not found; build it with 'swift build'")

        // Output goes to temporary files rather than pipes, so that a large
        // output cannot fill a pipe and block the child.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)

        let inputURL = directory.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(
            atPath: inputURL.path, contents: Data((input ?? "").utf8))
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        defer { try? inputHandle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = inputHandle
        process.standardOutput = output
        process.standardError = error
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()

        return Run(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
            standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }

    /// The package's root directory (for `Examples/`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The keys of the JSON object a run printed on standard output.
    static func jsonKeys(_ run: Run) throws -> Set<String> {
        let data = Data(run.standardOutput.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return Set(object.keys)
    }

    /// The JSON a run printed, decoded. `JSONDecoder` reads numbers exactly;
    /// `JSONSerialization` on Linux goes through `NSDecimalNumber` and can
    /// lose the last bit, so numbers are never read with it here.
    static func decode<Value: Decodable>(_ type: Value.Type, from run: Run) throws -> Value {
        try JSONDecoder().decode(type, from: Data(run.standardOutput.utf8))
    }
}

/// The JSON `vi3nr eval` prints.
struct EvalJSON: Decodable {
    let expression: String
    let derivative: String
    let x: Double
    let value: Double?
    let derivativeValue: Double?
    let valueError: String?
    let derivativeValueError: String?

    enum CodingKeys: String, CodingKey {
        case expression, derivative, x, value
        case derivativeValue = "derivative_value"
        case valueError = "value_error"
        case derivativeValueError = "derivative_value_error"
    }
}

/// The JSON `vi3nr derive` prints.
struct DeriveJSON: Decodable {
    let expression: String
    let derivative: String
}

/// `|actual − expected| / |expected|`.
func relativeDifference(_ actual: Double, _ expected: Double) -> Double {
    abs(actual - expected) / abs(expected)
}

/// Whether `actual` is within `ulps` units in the last place of `expected`.
func isWithin(_ ulps: Double, ulpsOf expected: Double, _ actual: Double) -> Bool {
    abs(actual - expected) <= ulps * expected.ulp
}
