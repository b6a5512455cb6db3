import Foundation

/// One JSON object a peer script printed (one per line).
struct PeerRecord {
    let fields: [String: Any]

    func string(_ key: String) -> String? { fields[key] as? String }

    func double(_ key: String) -> Double? { (fields[key] as? NSNumber)?.doubleValue }

    func int(_ key: String) -> Int? { (fields[key] as? NSNumber)?.intValue }
}

/// What became of one peer script run.
enum PeerOutcome {
    /// The script ran; its JSON lines.
    case records([PeerRecord])

    /// The script could not run, and why (not installed, failed).
    case skipped(String)

    /// The records whose `activation` is `name` and whose `peer` starts
    /// with `peerPrefix` (all peers when empty).
    func records(for name: String, peerPrefix: String = "") -> [PeerRecord] {
        guard case .records(let all) = self else { return [] }
        return all.filter {
            $0.string("activation") == name && ($0.string("peer") ?? "").hasPrefix(peerPrefix)
        }
    }
}

/// Runs the peer scripts (`/work/shared/peers/*.py` or `--peers DIR`)
/// with the Python interpreter found on the path, in this process's run,
/// so that both sides are measured under the same load.
///
/// Peers report their own medians from `time.perf_counter()` around the
/// computation, so Python's start-up and imports are not counted against
/// them.
final class PeerRunner {
    /// The directory holding `mc_gain.py` and the other scripts.
    let directory: URL

    /// The interpreter, as given (`python3` is looked up on the path).
    let python: String

    /// Which Python modules are importable: numpy, scipy, torch.
    private(set) var installedModules: Set<String> = []

    /// Why the peers cannot run at all, if they cannot.
    private(set) var unavailableReason: String?

    init(directory: URL, python: String) {
        self.directory = directory
        self.python = python
        probe()
    }

    /// Whether `module` (numpy, scipy, torch) can be imported.
    func has(_ module: String) -> Bool { installedModules.contains(module) }

    /// A description of the interpreter and modules, for the header.
    var summary: String {
        if let reason = unavailableReason { return "peers unavailable: \(reason)" }
        let modules = ["numpy", "scipy", "torch"].map { has($0) ? $0 : "\($0) (missing)" }
        return "peers in \(directory.path) with \(python): " + modules.joined(separator: ", ")
    }

    /// Runs `script` (a name in the peers directory, or an absolute path)
    /// with `arguments` and parses its JSON lines. Needs `modules`.
    func run(_ script: String, _ arguments: [String], needs modules: [String]) -> PeerOutcome {
        if let reason = unavailableReason { return .skipped(reason) }
        let missing = modules.filter { !has($0) }
        guard missing.isEmpty else {
            return .skipped("\(missing.joined(separator: ", ")) not installed (see README)")
        }
        let path = script.hasPrefix("/") ? script : directory.appendingPathComponent(script).path
        guard FileManager.default.fileExists(atPath: path) else {
            return .skipped("\(path) not found (give the peers directory with --peers DIR)")
        }
        switch execute([path] + arguments) {
        case .failure(let failure):
            return .skipped("\(script) failed: \(failure.message)")
        case .success(let output):
            let records = output.split(separator: "\n").compactMap { line -> PeerRecord? in
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data),
                      let fields = object as? [String: Any] else { return nil }
                return PeerRecord(fields: fields)
            }
            return .records(records)
        }
    }
}

// MARK: - Running the interpreter

private extension PeerRunner {
    /// Finds which of the peers' modules import.
    func probe() {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            unavailableReason = "no directory \(directory.path) (give it with --peers DIR)"
            return
        }
        let code = "import importlib.util as u, json; print(json.dumps("
            + "{m: u.find_spec(m) is not None for m in ('numpy', 'scipy', 'torch')}))"
        switch execute(["-c", code]) {
        case .failure(let failure):
            unavailableReason = "\(python) does not run: \(failure.message)"
        case .success(let output):
            guard let data = output.data(using: .utf8),
                  let found = try? JSONSerialization.jsonObject(with: data) as? [String: Bool]
            else {
                unavailableReason = "\(python) printed no module list"
                return
            }
            installedModules = Set(found.filter { $0.value }.map(\.key))
        }
    }

    /// Runs the interpreter with `arguments`; standard output on success,
    /// the last line of standard error otherwise. Standard error goes to a
    /// temporary file so that neither pipe can fill up and block.
    func execute(_ arguments: [String]) -> Result<String, PeerFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let output = Pipe()
        process.standardOutput = output
        let errorURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("vi3nr-bench-\(UUID().uuidString).err")
        let created = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        guard created, let errorHandle = try? FileHandle(forWritingTo: errorURL) else {
            return .failure(PeerFailure(message: "cannot create \(errorURL.path)"))
        }
        defer { try? errorHandle.close() }
        process.standardError = errorHandle

        do {
            try process.run()
        } catch {
            return .failure(PeerFailure(message: "\(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            let last = errors.split(separator: "\n").last.map(String.init) ?? "no message"
            return .failure(PeerFailure(
                message: "exit \(process.terminationStatus): \(last)"))
        }
        return .success(text)
    }
}

/// Why an interpreter run failed.
struct PeerFailure: Error {
    let message: String
}
