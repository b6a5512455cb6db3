/// Why a data file could not give input statistics.
///
/// Lines count from 1 as an editor shows them; `column` is the field
/// number within the line, from 1 (not a character position).
public enum InputDataError: Error, Equatable, Sendable {
    /// The file cannot be opened; `reason` is the system's.
    case cannotOpen(path: String, reason: String)

    /// Reading failed part way (a directory, an I/O error).
    case readFailed(path: String, reason: String)

    /// The file has no bytes, or only blank and comment lines.
    case emptyFile(path: String)

    /// The file has a header line but no data rows.
    case noNumbers(path: String, line: Int)

    /// A row whose number of fields differs from the first row (or the
    /// header).
    case raggedRow(line: Int, expected: Int, found: Int)

    /// A field that is not a number (and not a header line).
    case textCell(line: Int, column: Int, text: String)

    /// A field that is NaN or infinite, or a number too large for a
    /// double (`1e999`).
    case nonFiniteCell(line: Int, column: Int, text: String)

    /// A CSV field with nothing in it (`1,,2`, or a trailing comma).
    case emptyCell(line: Int, column: Int)

    /// The first line mixes names and numbers: a header line must hold
    /// only names; `text` is the first number in it.
    case mixedHeader(line: Int, column: Int, text: String)

    /// Control bytes (NUL and the like) that no text file has: the file
    /// is binary, or not the file meant.
    case binaryContent(line: Int)

    /// A single field longer than the reader's buffer allows.
    case cellTooLong(line: Int, column: Int, limit: Int)

    /// Numbers so large that their second moment `mean(x²)` (or their
    /// mean or spread) is beyond the range of doubles: magnitudes from
    /// about 1e154 on. No input gain can be computed from them.
    /// `largestMagnitude` is the largest `|x|` in the file.
    case secondMomentOverflow(path: String, largestMagnitude: Double)
}

extension InputDataError: CustomStringConvertible {
    /// What is wrong and where, in one line.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open data file '\(path)': \(reason)"
        case let .readFailed(path, reason):
            return "cannot read data file '\(path)': \(reason)"
        case .emptyFile(let path):
            return "data file '\(path)' is empty: it has no data rows"
        case let .noNumbers(path, line):
            return "data file '\(path)' has a header (line \(line)) but no data rows"
        case let .raggedRow(line, expected, found):
            return "line \(line): \(found) \(fields(found)) where the first row has "
                + "\(expected); every row must have the same number of fields"
        case let .textCell(line, column, text):
            return "line \(line), column \(column): '\(text)' is not a number"
        case let .nonFiniteCell(line, column, text):
            return "line \(line), column \(column): '\(text)' is not a finite number"
        case let .emptyCell(line, column):
            return "line \(line), column \(column): empty field"
        case let .mixedHeader(line, column, text):
            return "line \(line), column \(column): '\(text)' is a number on a line of "
                + "names; a header line must hold only names, a data line only numbers"
        case .binaryContent(let line):
            return "line \(line): control bytes found: this looks like a binary file, "
                + "not numeric text"
        case let .cellTooLong(line, column, limit):
            return "line \(line), column \(column): field longer than \(limit) bytes"
        case let .secondMomentOverflow(path, largest):
            return "data file '\(path)' holds numbers too large for statistics: the mean "
                + "of their squares is beyond the range of doubles (the largest magnitude is "
                + "\(largest); from about 1e154 on, x² overflows)"
        }
    }

    private func fields(_ count: Int) -> String { count == 1 ? "field" : "fields" }
}
