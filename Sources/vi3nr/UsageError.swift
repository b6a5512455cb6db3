/// A command line that does not say what to do: unknown command or option,
/// a missing or malformed value. The tool exits with status 2.
struct UsageError: Error, Equatable {
    /// What is wrong, as one line.
    let message: String

    /// The command whose help explains the right usage; nil for the tool
    /// itself.
    var commandName: String?

    init(_ message: String, commandName: String? = nil) {
        self.message = message
        self.commandName = commandName
    }

    /// The line that points to the right help.
    var helpHint: String {
        if let commandName { return "Run 'vi3nr \(commandName) --help' for usage." }
        return "Run 'vi3nr --help' for usage."
    }
}
