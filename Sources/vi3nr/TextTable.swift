import Foundation

/// A table of text cells, printed aligned for a person or as CSV.
///
/// Columns whose cells all start like numbers are right-aligned, others
/// left-aligned. CSV follows RFC 4180: a cell with a comma, a quote or a
/// line break is quoted, quotes doubled.
struct TextTable {
    /// The column titles.
    let header: [String]

    /// The rows, each with one cell per column.
    var rows: [[String]] = []

    init(header: [String]) {
        self.header = header
    }

    /// Appends a row (short rows are padded with empty cells).
    mutating func append(_ row: [String]) {
        rows.append(row + Array(repeating: "", count: Swift.max(0, header.count - row.count)))
    }

    /// The table in aligned columns, two spaces apart, with a rule under
    /// the header; trailing blanks removed.
    func aligned() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0[column].count }.max() ?? 0
        }
        let isNumeric = header.indices.map { column in
            rows.allSatisfy { looksNumeric($0[column]) }
        }
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            let cells = row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                let isRightAligned = isNumeric[column] && index > 0
                return isRightAligned ? padding + row[column] : row[column] + padding
            }
            lines.append(trimmedRight(cells.joined(separator: "  ")))
            if index == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }
                    .joined(separator: "  "))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The table as CSV, header first, lines ending in `\n`.
    func csv() -> String {
        ([header] + rows).map { row in
            row.map(Self.csvCell).joined(separator: ",") + "\n"
        }.joined()
    }

    /// One CSV cell, quoted when it must be.
    static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func looksNumeric(_ text: String) -> Bool {
        guard let first = text.first else { return true }
        return first.isNumber || first == "-" || first == "+" || first == "."
            || text == "nan" || text == "inf"
    }

    private func trimmedRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Label–value lines for a person: labels padded to one width.
///
///     expression   sin(30*x)
///     sigma_p      1
func labelledLines(_ rows: [(String, String)]) -> String {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { label, text in
        label + String(repeating: " ", count: width - label.count) + "  " + text + "\n"
    }.joined()
}
