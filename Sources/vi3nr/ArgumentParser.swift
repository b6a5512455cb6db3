import ActivationExpr

/// Splits a subcommand's arguments into positionals, option values and
/// flags, as its description declares them.
///
/// Conventions:
/// - `--name value` and `--name=value` are the same;
/// - a value is taken as written even when it starts with `-`
///   (`--at -1`), unless it starts with `--`, which means the value is
///   missing (`--at --json`);
/// - a word starting with a single `-` is a positional, so an expression
///   such as `-x^2` needs no quoting beyond the shell's;
/// - `--` ends the options: everything after it is positional.
enum ArgumentParser {
    /// Parses `arguments` (the words after the subcommand's name).
    ///
    /// - Throws: `UsageError` for an unknown option (with the closest known
    ///   one suggested), a missing value, a repeated single option, a flag
    ///   given a value, a missing required option, or the wrong number of
    ///   positionals.
    static func parse(
        _ arguments: [String], for command: CommandDescription
    ) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments(commandName: command.name)
        var remaining = arguments[...]
        var optionsEnded = false

        while let word = remaining.popFirst() {
            guard !optionsEnded, word.hasPrefix("--") else {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            try readOption(word, from: &remaining, for: command, into: &parsed)
        }

        try checkComplete(parsed, for: command)
        return parsed
    }
}

// MARK: - Steps

private extension ArgumentParser {
    /// Reads one `--name` or `--name=value` and its value.
    static func readOption(
        _ word: String,
        from remaining: inout ArraySlice<String>,
        for command: CommandDescription,
        into parsed: inout ParsedArguments
    ) throws(UsageError) {
        let body = word.dropFirst(2)
        let name: String
        var attachedValue: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            attachedValue = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
        }

        guard let option = command.options.first(where: { $0.name == name }) else {
            throw unknownOption(name, for: command)
        }

        if option.arity == .flag {
            if attachedValue != nil {
                throw UsageError(
                    "\(option.spelling) does not take a value", commandName: command.name)
            }
            parsed.flags.insert(name)
            return
        }

        let value: String
        if let attachedValue {
            value = attachedValue
        } else if let next = remaining.first, !next.hasPrefix("--") {
            value = next
            remaining.removeFirst()
        } else {
            throw UsageError(
                "\(option.spelling) needs a value (\(option.valueName ?? "VALUE"))",
                commandName: command.name)
        }

        if option.arity == .single, parsed.values[name] != nil {
            throw UsageError(
                "\(option.spelling) is given more than once", commandName: command.name)
        }
        parsed.values[name, default: []].append(value)
    }

    /// The error for an option the command does not have, suggesting the
    /// closest one it does have.
    static func unknownOption(_ name: String, for command: CommandDescription) -> UsageError {
        var message = "unknown option '--\(name)' for '\(command.name)'"
        let known = command.options.map(\.name) + ["help", "version"]
        let extensions = known.filter { $0.hasPrefix(name) }
        if !name.isEmpty, extensions.count == 1, let suggestion = extensions.first {
            message += "; did you mean '--\(suggestion)'?"
        } else if let suggestion = closestMatch(to: name, among: known) {
            message += "; did you mean '--\(suggestion)'?"
        }
        return UsageError(message, commandName: command.name)
    }

    /// Checks the positionals' count and the required options.
    static func checkComplete(
        _ parsed: ParsedArguments, for command: CommandDescription
    ) throws(UsageError) {
        let expected = command.positionals
        let required = expected.filter { !$0.isOptional }.count
        if parsed.positionals.count < required {
            let missing = expected[parsed.positionals.count]
            throw UsageError(
                "missing \(missing.valueName) (\(missing.help))", commandName: command.name)
        }
        if parsed.positionals.count > expected.count {
            let extra = parsed.positionals[expected.count]
            throw UsageError("unexpected argument '\(extra)'", commandName: command.name)
        }
        for option in command.options where option.isRequired && parsed.values[option.name] == nil {
            throw UsageError(
                "missing \(option.spelling) \(option.valueName ?? "VALUE")",
                commandName: command.name)
        }
    }
}

// MARK: - Suggestions

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo (at most a third of the word's length, and at least
/// one edit).
func closestMatch(to word: String, among candidates: [String]) -> String? {
    let limit = Swift.max(1, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
    return best.0
}

/// The optimal-string-alignment distance (insertions, deletions,
/// substitutions and swaps of neighbours, so that `gian` is one edit from
/// `gain`), the measure the expression parser uses for function names.
func editDistance(_ a: String, _ b: String) -> Int {
    NameSuggestion.editDistance(Array(a), Array(b))
}
