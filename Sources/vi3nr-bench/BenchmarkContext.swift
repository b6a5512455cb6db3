import Foundation
import GaussianMoments

/// What every benchmark item shares: the options, the peers, and the
/// summary rows collected for the closing table.
final class BenchmarkContext {
    let options: BenchmarkOptions
    let peers: PeerRunner
    private(set) var rows: [SummaryRow] = []

    /// Threads our side uses: every core the process may run on, as
    /// NumPy's OpenBLAS and PyTorch do.
    let threads = AvailableProcessors.count

    init(options: BenchmarkOptions) {
        self.options = options
        let directory = URL(fileURLWithPath: options.peersDirectory).standardizedFileURL
        peers = PeerRunner(directory: directory, python: options.python)
    }

    func add(_ row: SummaryRow) { rows.append(row) }

    /// Prints an item's heading.
    func heading(_ title: String, work: String) {
        print("\n== \(title)")
        print(work)
    }

    /// Prints one line of an item's detail, flushed, so that progress on
    /// long items shows as it happens.
    func detail(_ line: String) {
        print(line)
        fflush(nil)
    }

    /// Says a peer was skipped and why.
    func skipped(_ peer: String, _ outcome: PeerOutcome) {
        if case .skipped(let reason) = outcome {
            detail("  (\(peer) skipped: \(reason))")
        }
    }
}

/// Number formatting for the detail lines.
enum Format {
    /// `value ± error` with the error's two significant digits deciding
    /// the places of both.
    static func estimate(_ value: Double, _ error: Double) -> String {
        guard error > 0, error.isFinite else { return String(format: "%.15g ± 0", value) }
        let places = max(0, min(16, 1 - Int(floor(log10(error)))))
        return String(format: "%.\(places)f ± %.2g", value, error)
    }

    /// A number with `digits` significant digits.
    static func number(_ value: Double, digits: Int = 6) -> String {
        String(format: "%.\(digits)g", value)
    }

    /// A relative difference, e.g. "3.2e-12".
    static func relative(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.1e", value)
    }
}
