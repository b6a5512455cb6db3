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

/// What a successful command prints.
struct CommandOutput {
    /// Text for standard output, printed only if the command succeeds.
    var standardOutput: String

    /// One line each, printed on standard error as `warning: …`.
    var warnings: [String] = []
}

/// An error the user can read: one summary line, then optional detail
/// lines (a caret picture, a hint).
protocol UserFacingError: Error {
    /// The first line, printed after `error: `.
    var summary: String { get }

    /// Further lines, printed as they are.
    var details: [String] { get }
}
