import VI3NR

/// The `vi3nr` command line: finds the subcommand, parses its arguments,
/// runs it, and turns the outcome into text and an exit status.
///
/// Exit status 0 on success; 2 for a usage error (unknown command or
/// option, a missing or malformed value); 1 when the input was read but
/// the result cannot be computed (an expression that does not parse, an
/// unbound parameter, a value that is not a number). On failure nothing is
/// written to standard output.
enum CommandLineTool {
    /// The tool's version, printed by `--version`.
    static let version = "0.1.0"

    /// Every subcommand, in the order `--help` lists them.
    static var commands: [any Command.Type] {
        [
            GainCommand.self,
            OptimalCommand.self,
            InputGainCommand.self,
            CheckCommand.self,
            SimulateCommand.self,
            SweepCommand.self,
            TableCommand.self,
            EmitCommand.self,
            EvalCommand.self,
            DeriveCommand.self,
        ]
    }

    /// Runs the tool on `arguments` (without the program name).
    static func run(_ arguments: [String]) -> ToolResult {
        guard let first = arguments.first else {
            return usageFailure(UsageError("no command given"), extra: overview())
        }
        switch first {
        case "--help", "-h", "help":
            return ToolResult(standardOutput: overview())
        case "--version":
            return versionResult(asJSON: arguments.dropFirst().prefix { $0 != "--" }
                .contains("--json"))
        default:
            break
        }

        guard let command = commands.first(where: { $0.description.name == first }) else {
            var message = first.hasPrefix("-")
                ? "unknown option '\(first)'" : "unknown command '\(first)'"
            let names = commands.map { $0.description.name }
            if let suggestion = closestMatch(to: first, among: names) {
                message += "; did you mean '\(suggestion)'?"
            }
            return usageFailure(UsageError(message))
        }
        return run(command, Array(arguments.dropFirst()))
    }
}

/// What a run of the tool produced.
struct ToolResult: Equatable {
    var standardOutput = ""
    var standardError = ""
    var status: Int32 = 0
}

// MARK: - Running a command

extension CommandLineTool {
    /// `vi3nr 0.1.0`, or `{"version": "0.1.0"}` with `--json`, which every
    /// command promises to honour.
    static func versionResult(asJSON: Bool) -> ToolResult {
        let text = asJSON ? "{\"version\": \"\(version)\"}" : "vi3nr \(version)"
        return ToolResult(standardOutput: text + "\n")
    }
}

private extension CommandLineTool {
    static func run(_ command: any Command.Type, _ arguments: [String]) -> ToolResult {
        let description = command.description
        let beforeSeparator = arguments.prefix { $0 != "--" }
        if beforeSeparator.contains("--help") || beforeSeparator.contains("-h") {
            return ToolResult(standardOutput: HelpText.forCommand(description))
        }
        if beforeSeparator.contains("--version") {
            return versionResult(asJSON: beforeSeparator.contains("--json"))
        }

        let instance: any Command
        do {
            let parsed = try ArgumentParser.parse(arguments, for: description)
            instance = try command.init(parsed)
        } catch {
            return usageFailure(error)
        }

        do {
            let output = try instance.run()
            let errors = output.errors.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
            let warnings = output.warnings.map { "warning: \($0)\n" }.joined()
            return ToolResult(
                standardOutput: output.standardOutput, standardError: errors + warnings,
                status: output.status)
        } catch let error as UsageError {
            // A command may find a bad combination of options only once it
            // runs; that is still a usage error.
            return usageFailure(error)
        } catch let error as UserFacingError {
            return ToolResult(standardError: error.report, status: 1)
        } catch let error as VI3NRError {
            return ToolResult(standardError: ComputationFailure(error).report, status: 1)
        } catch {
            return ToolResult(standardError: "error: \(error)\n", status: 1)
        }
    }

    static func usageFailure(_ error: UsageError, extra: String = "") -> ToolResult {
        let text = "error: \(error.message)\n\(error.helpHint)\n"
            + (extra.isEmpty ? "" : "\n" + extra)
        return ToolResult(standardError: text, status: 2)
    }

    /// The tool's own help: what it does and the list of commands.
    static func overview() -> String {
        HelpText.overview(version: version, commands: commands.map { $0.description })
    }
}
