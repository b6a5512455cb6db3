import Foundation

/// One line of the closing summary: our median time against one peer's.
struct SummaryRow {
    /// The benchmark item, e.g. "1 MC gain".
    let item: String

    /// The activation's peer name, or a label such as "median".
    let activation: String

    /// Our median time in milliseconds.
    let ours: Double?

    /// The peer's name, e.g. "numpy-float64".
    let peer: String

    /// The peer's median time in milliseconds; nil when it was skipped.
    let peerTime: Double?

    /// The speed-up we must reach: peer time / our time ≥ this; nil when
    /// the brief sets no target against this peer.
    let requiredRatio: Double?

    /// How the target reads in the table, e.g. "≥ 3x", "within 1.5x".
    let targetText: String

    /// A further condition of the target (the same or better accuracy),
    /// nil when there is none; and a word on it for the table.
    var conditionMet: Bool? = nil
    var note: String = ""

    /// A ratio given directly, for a row that summarises others (the
    /// median of the per-activation ratios).
    var summarisedRatio: Double? = nil

    /// Peer time over our time: how many times faster we are.
    var ratio: Double? {
        if let summarisedRatio { return summarisedRatio }
        guard let ours, let peerTime, ours > 0 else { return nil }
        return peerTime / ours
    }

    /// Whether the target is met; nil when there is nothing to compare or
    /// no target.
    var isMet: Bool? {
        guard let ratio, let requiredRatio else { return nil }
        return ratio >= requiredRatio && (conditionMet ?? true)
    }
}

/// Prints the summary rows as an aligned text table, or as Markdown for
/// the README.
enum SummaryTable {
    static let header = ["item", "activation", "ours", "peer", "peer time", "ratio",
                         "target", "met?"]

    /// The cells of one row.
    static func cells(_ row: SummaryRow) -> [String] {
        let met: String
        switch row.isMet {
        case .some(true): met = "yes"
        case .some(false): met = "NO"
        case .none: met = "-"
        }
        return [
            row.item, row.activation, row.ours.map(formatTime) ?? "-", row.peer,
            row.peerTime.map(formatTime) ?? (row.summarisedRatio == nil ? "skipped" : "-"),
            row.ratio.map(formatRatio) ?? "-", row.targetText,
            row.note.isEmpty ? met : "\(met) (\(row.note))",
        ]
    }

    /// An aligned plain-text table.
    static func text(_ rows: [SummaryRow]) -> String {
        let table = [header] + rows.map(cells)
        let widths = header.indices.map { column in
            table.map { $0[column].count }.max() ?? 0
        }
        return table.map { line in
            zip(line, widths).map { cell, width in
                cell.padding(toLength: width, withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// A Markdown table.
    static func markdown(_ rows: [SummaryRow]) -> String {
        let lines = [header, header.map { _ in "---" }] + rows.map(cells)
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }

    /// A duration in readable units: µs below 1 ms, s from 10 s on.
    static func formatTime(_ milliseconds: Double) -> String {
        if milliseconds < 1 { return String(format: "%.1f µs", milliseconds * 1e3) }
        if milliseconds < 100 { return String(format: "%.3g ms", milliseconds) }
        if milliseconds < 10_000 { return String(format: "%.0f ms", milliseconds) }
        if milliseconds < 1e8 { return String(format: "%.1f s", milliseconds / 1e3) }
        return String(format: "%.2e s", milliseconds / 1e3)
    }

    /// A ratio with three significant digits, large ones in powers of 10.
    static func formatRatio(_ ratio: Double) -> String {
        if ratio < 100 { return String(format: "%.3gx", ratio) }
        if ratio < 1e5 { return String(format: "%.0fx", ratio) }
        return String(format: "%.2ex", ratio)
    }
}
