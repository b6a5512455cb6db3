/// The text of `vi3nr --help` and `vi3nr COMMAND --help`.
enum HelpText {
    /// The tool's overview and its commands.
    static func overview(version: String, commands: [CommandDescription]) -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var lines = [
            "vi3nr \(version): initialisation gains for any activation written as text.",
            "",
            "USAGE: vi3nr COMMAND [ARGUMENTS] [OPTIONS]",
            "",
            "COMMANDS:",
        ]
        for command in commands {
            lines.append("  " + padded(command.name, to: width) + command.summary)
        }
        lines += [
            "",
            "Run 'vi3nr COMMAND --help' for a command's options and an example.",
            "'vi3nr --version' prints the version.",
            "",
            "EXAMPLE:",
            "  vi3nr gain 'sin(30*x)' --sigma-p 1 --fan-in 256",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command's usage line, arguments, options and examples.
    static func forCommand(_ command: CommandDescription) -> String {
        var lines = ["USAGE: " + usageLine(command), ""] + wrapped(command.discussion, width: 78)

        let optionLabels = command.options.map(optionLabel) + ["-h, --help", "--version"]
        let labels = command.positionals.map(\.valueName) + optionLabels
        let width = (labels.map(\.count).max() ?? 0) + 2

        if !command.positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for positional in command.positionals {
                lines.append("  " + padded(positional.valueName, to: width) + positional.help)
            }
        }
        lines += ["", "OPTIONS:"]
        for option in command.options {
            let required = option.isRequired ? " (required)" : ""
            lines.append("  " + padded(optionLabel(option), to: width) + option.help + required)
        }
        lines.append("  " + padded("-h, --help", to: width) + "show this help")
        lines.append("  " + padded("--version", to: width) + "print the version")

        if !command.examples.isEmpty {
            lines += ["", command.examples.count == 1 ? "EXAMPLE:" : "EXAMPLES:"]
            lines += command.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `vi3nr eval EXPR --at X [--param NAME=VALUE]... [--json]`.
    static func usageLine(_ command: CommandDescription) -> String {
        var words = ["vi3nr", command.name] + command.positionals.map {
            $0.isOptional ? "[\($0.valueName)]" : $0.valueName
        }
        for option in command.options {
            let label = optionLabel(option)
            switch (option.arity, option.isRequired) {
            case (.repeated, _): words.append("[\(label)]...")
            case (_, true): words.append(label)
            case (_, false): words.append("[\(label)]")
            }
        }
        return words.joined(separator: " ")
    }
}

private extension HelpText {
    static func optionLabel(_ option: OptionDefinition) -> String {
        guard let valueName = option.valueName else { return option.spelling }
        return "\(option.spelling) \(valueName)"
    }

    /// The words of `text` in lines of at most `width` characters (a word
    /// longer than that gets a line of its own).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: Swift.max(1, width - text.count))
    }
}
