#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the fields of a data file are separated.
public enum DataFileFormat: String, Equatable, Sendable {
    /// Comma-separated when the first content line has a comma, otherwise
    /// whitespace-separated.
    case automatic
    /// Fields separated by commas; blanks around a field are ignored; an
    /// empty field is an error.
    case commaSeparated
    /// Fields separated by runs of spaces and tabs.
    case whitespaceSeparated
}

/// Statistics of the numbers in a data file, for the input gain of a
/// network's first layer.
///
/// The file is numeric text: one sample per row, one feature per column,
/// fields separated by commas or by spaces and tabs (`DataFileFormat`).
/// The rules:
///
/// - Header: the first content line is a header of names when ALL its
///   fields are non-numeric; a first line that mixes names and numbers is
///   an error. Names are not kept.
/// - Blank lines, and lines whose first non-blank character is `#`, are
///   skipped. Line ends may be `\n` or `\r\n`. A UTF-8 byte-order mark is
///   skipped.
/// - Every row must have as many fields as the first row (or the header).
/// - A field is a decimal number in C's syntax (`1`, `-2.5`, `.5`,
///   `1e-3`); `nan`, `inf`, hexadecimal and
///   numbers beyond the range of doubles are errors. Quoted fields are
///   not supported (a quoted number is text; a quoted name in a header
///   may not contain a comma).
///
/// The statistics are pooled over every cell, which is what the input
/// gain needs: for features `j` with means `μ_j` and spreads `s_j`, the
/// first layer's pre-activation variance is proportional to the average
/// over features of `E[x_j²] = μ_j² + s_j²`, and with rows of equal length
/// that average is the mean of `x²` over all cells:
///
///     secondMoment = mean(x²) = mean² + standardDeviation²
///
/// with `standardDeviation` the pooled population value (divisor `N`),
/// so that the identity holds exactly.
///
/// The file is read as a stream through a fixed buffer of about 1 MiB:
/// memory does not grow with the file.
///
/// Known limit: numbers with more than 19 significant digits or a
/// decimal exponent beyond ±22 are read with C's `strtod`, which follows
/// the process's `LC_NUMERIC` locale; a program that switches it to a
/// locale with a decimal comma gets such numbers misread (the common
/// short numbers go through a locale-free exact path).
public struct InputDataStatistics: Equatable, Sendable {
    /// The number of data rows (samples).
    public let rows: Int

    /// The number of fields per row (features).
    public let columns: Int

    /// The line of the header, when the file has one.
    public let headerLine: Int?

    /// The format the file was read in (never `.automatic`).
    public let format: DataFileFormat

    /// The mean over all cells.
    public let mean: Double

    /// The population standard deviation over all cells (divisor `N`).
    public let standardDeviation: Double

    /// The mean of `x²` over all cells: `mean² + standardDeviation²`.
    public let secondMoment: Double

    /// The standard error of `secondMoment` as an estimate of the
    /// population's, from the spread of the rows' own means of `x²` (rows
    /// are the independent samples); nil for a single row.
    public let secondMomentStandardError: Double?

    /// The smallest and largest cell.
    public let minimum: Double, maximum: Double

    /// The number of cells, `rows × columns`.
    public var cellCount: Int { rows * columns }

    /// Reads the file at `path` as a stream.
    ///
    /// - Throws: `InputDataError`, each naming the line (and field) at
    ///   fault: `.cannotOpen`, `.readFailed`, `.emptyFile`, `.noNumbers`,
    ///   `.raggedRow`, `.textCell`, `.nonFiniteCell`, `.emptyCell`,
    ///   `.mixedHeader`, `.binaryContent`, `.cellTooLong`,
    ///   `.secondMomentOverflow`.
    public init(
        contentsOfFile path: String, format: DataFileFormat = .automatic
    ) throws(InputDataError) {
        try self.init(
            contentsOfFile: path, format: format, bufferCapacity: DataFileReader.bufferCapacity)
    }

    /// Reads through a buffer of `bufferCapacity` bytes (small buffers
    /// exercise the cuts between pieces in tests).
    init(
        contentsOfFile path: String, format: DataFileFormat, bufferCapacity: Int
    ) throws(InputDataError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }

        var parser = DataFileParser(format: format)
        try DataFileReader.read(
            descriptor: descriptor, path: path, into: &parser, bufferCapacity: bufferCapacity)
        try self.init(parser: &parser, path: path)
    }

    /// Reads an open file descriptor to its end as a stream, e.g. standard
    /// input (descriptor 0) for a tool reading from a pipe; `name` is
    /// used in messages. The descriptor is not closed.
    ///
    /// - Throws: as `init(contentsOfFile:format:)`, except `.cannotOpen`.
    public init(
        fileDescriptor descriptor: Int32, name: String, format: DataFileFormat = .automatic
    ) throws(InputDataError) {
        var parser = DataFileParser(format: format)
        try DataFileReader.read(descriptor: descriptor, path: name, into: &parser)
        try self.init(parser: &parser, path: name)
    }

    /// Reads numeric text held in memory (for small inputs and tests);
    /// the same rules as for a file, with `name` in messages.
    public init(
        text: String, format: DataFileFormat = .automatic, name: String = "<text>"
    ) throws(InputDataError) {
        var bytes = Array(text.utf8)
        var parser = DataFileParser(format: format)
        try DataFileReader.read(bytes: &bytes, path: name, into: &parser)
        try self.init(parser: &parser, path: name)
    }

    private init(parser: inout DataFileParser, path: String) throws(InputDataError) {
        guard parser.hasContent else { throw .emptyFile(path: path) }
        guard parser.statistics.count > 0 else {
            throw .noNumbers(path: path, line: parser.headerLine ?? 1)
        }
        let summary = parser.statistics.summary()
        // Every cell is finite, but squares of magnitudes beyond about
        // 1e154 overflow: the statistics would be infinite or NaN.
        guard summary.mean.isFinite, summary.variance.isFinite,
              summary.secondMoment.isFinite else {
            let largest = Swift.max(
                Swift.abs(parser.statistics.minimum), Swift.abs(parser.statistics.maximum))
            throw .secondMomentOverflow(path: path, largestMagnitude: largest)
        }
        rows = parser.statistics.rows
        columns = parser.expectedFields ?? 0
        headerLine = parser.headerLine
        self.format = parser.format == .automatic ? .whitespaceSeparated : parser.format
        mean = summary.mean
        standardDeviation = summary.variance.squareRoot()
        secondMoment = summary.secondMoment
        // The rows' second moments may still overflow their spread: an
        // unknown error is infinite, never NaN.
        secondMomentStandardError = summary.standardError.map { $0.isNaN ? .infinity : $0 }
        minimum = parser.statistics.minimum
        maximum = parser.statistics.maximum
    }
}
