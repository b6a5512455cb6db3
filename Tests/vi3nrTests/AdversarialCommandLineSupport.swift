import Dispatch
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs `vi3nr` for the adversarial tests: an argument array (the bad
/// invocations are generated), and the child's peak memory, which
/// `Process` does not report (the data-file test bounds it).
enum AdversarialRunner {
    struct Run {
        let arguments: [String]
        let status: Int32
        let standardOutput: String
        let standardError: String
        /// The child's peak resident memory in bytes (`ru_maxrss`).
        let peakMemory: Int

        var firstErrorLine: String {
            String(standardError.split(separator: "\n", omittingEmptySubsequences: false)
                .first ?? "")
        }

        /// The arguments as a shell would show them, for messages.
        var commandLine: String {
            (["vi3nr"] + arguments).map { $0.debugDescription }.joined(separator: " ")
        }
    }

    /// Runs `vi3nr arguments` with `posix_spawn` and `wait4`, standard
    /// output and error into temporary files, standard input from
    /// /dev/null.
    static func run(_ arguments: [String]) throws -> Run {
        let executable = try #require(
            ToolRunner.executable,
            "the vi3nr executable was not found; build it with 'swift build'")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-adversarial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputPath = directory.appendingPathComponent("stdout").path
        let errorPath = directory.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable.path, &actions, nil, argv, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")

        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros;
        // a signal shows as 128 + its number, as in a shell.
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)

        return Run(
            arguments: arguments, status: exitStatus,
            standardOutput: contents(of: outputPath),
            standardError: contents(of: errorPath),
            peakMemory: usage.ru_maxrss * 1024)
    }

    /// A file's text, or a marker when it is not UTF-8.
    static func contents(of path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<not UTF-8>"
    }

    /// Runs many invocations, two at a time (the machine has two cores).
    static func runAll(_ invocations: [[String]]) throws -> [Run] {
        let results = LockedResults(count: invocations.count)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: invocations.count, by: 2) {
                results.set(index, Result { try run(invocations[index]) })
            }
        }
        return try results.values.map { try $0!.get() }
    }
}

/// Results written from two threads, each to its own indices.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<AdversarialRunner.Run, Error>?]

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<AdversarialRunner.Run, Error>) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Result<AdversarialRunner.Run, Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A bad invocation and what the tool must do with it.
struct BadInvocation {
    let arguments: [String]
    /// 2 for a usage error, 1 for a computation error.
    let status: Int32
    /// Text the first line of standard error must contain: the option,
    /// value or fault it is about.
    let mentions: String
}
