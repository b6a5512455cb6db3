/// A subcommand's arguments after parsing, with typed access to values.
struct ParsedArguments {
    /// The subcommand, for error messages.
    let commandName: String

    /// The positional words, in order.
    var positionals: [String] = []

    /// Every value given to each option, by option name, in order.
    var values: [String: [String]] = [:]

    /// The flags present.
    var flags: Set<String> = []

    init(commandName: String) {
        self.commandName = commandName
    }

    /// Whether the flag `--name` was given.
    func isSet(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The value of the single option `--name`, converted; nil if absent.
    ///
    /// - Throws: `UsageError` naming the option and the expected form
    ///   when the text does not convert.
    func value<Value>(_ name: String, as parser: ValueParser<Value>) throws(UsageError) -> Value? {
        guard let text = values[name]?.last else { return nil }
        return try convert(text, option: name, parser)
    }

    /// Every value of the repeated option `--name`, converted, in order.
    func values<Value>(
        _ name: String, as parser: ValueParser<Value>
    ) throws(UsageError) -> [Value] {
        var converted: [Value] = []
        for text in values[name] ?? [] {
            converted.append(try convert(text, option: name, parser))
        }
        return converted
    }

    private func convert<Value>(
        _ text: String, option name: String, _ parser: ValueParser<Value>
    ) throws(UsageError) -> Value {
        guard let value = parser.parse(text) else {
            throw UsageError(
                "invalid value '\(text)' for --\(name): expected \(parser.expectation)",
                commandName: commandName)
        }
        return value
    }
}
