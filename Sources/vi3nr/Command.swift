/// A subcommand of `vi3nr`: it declares what it accepts, reads its typed
/// arguments, and computes what to print.
///
/// Adding a command means writing one type that conforms and listing it in
/// `CommandTable.commands`; parsing, `--help`, usage errors and exit codes
/// come from the shared machinery.
protocol Command {
    /// The name, options, help and examples.
    static var description: CommandDescription { get }

    /// Reads the parsed arguments into typed fields.
    ///
    /// - Throws: `UsageError` for a missing or malformed value (exit 2).
    init(_ arguments: ParsedArguments) throws(UsageError)

    /// Computes the result.
    ///
    /// - Returns: what goes to standard output, and warnings for standard
    ///   error.
    /// - Throws: any error when the input was read but the result cannot be
    ///   computed (exit 1).
    func run() throws -> CommandOutput
}

/// What a command that ran prints.
///
/// Most commands either succeed (status 0, output) or throw. A command
/// that works through several independent items (`table`) may finish
/// with some of them failed: it prints what it could, reports each
/// failure in `errors`, and sets `status` to 1.
struct CommandOutput {
    /// Text for standard output.
    var standardOutput: String

    /// One line each, printed on standard error as `warning: …`.
    var warnings: [String] = []

    /// Error reports printed on standard error before the warnings, each
    /// as given (its first line starts with `error: `).
    var errors: [String] = []

    /// The exit status: 0, or 1 when some items failed.
    var status: Int32 = 0
}

/// An error the user can read: one summary line, then optional detail
/// lines (a caret picture, a hint).
protocol UserFacingError: Error {
    /// The first line, printed after `error: `.
    var summary: String { get }

    /// Further lines, printed as they are.
    var details: [String] { get }
}

extension UserFacingError {
    /// The text for standard error: `error: ` and the summary, then the
    /// details, each line ending in a newline.
    var report: String {
        (["error: \(summary)"] + details).map { $0 + "\n" }.joined()
    }
}
