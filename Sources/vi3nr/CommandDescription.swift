/// What a subcommand accepts, for the argument parser and for `--help`.
struct CommandDescription: Sendable {
    /// The word after `vi3nr` (`eval`).
    let name: String

    /// One line for the command list.
    let summary: String

    /// A paragraph for the command's own help, after the usage line.
    let discussion: String

    /// The positional arguments, in order; optional ones come last.
    let positionals: [PositionalDefinition]

    /// The options, in the order help lists them.
    let options: [OptionDefinition]

    /// Complete command lines that work, shown under EXAMPLES.
    let examples: [String]
}

/// A positional argument such as `EXPR`.
struct PositionalDefinition: Sendable {
    /// The placeholder in usage lines (`EXPR`).
    let valueName: String

    /// One line for help.
    let help: String

    /// Whether the command runs without it (only the last positionals may
    /// be optional).
    var isOptional = false
}

/// An option such as `--at X`.
struct OptionDefinition: Sendable {
    /// How often an option may appear and whether it takes a value.
    enum Arity: Sendable {
        /// `--json`: no value; present or not.
        case flag
        /// `--at X`: one value, at most once.
        case single
        /// `--param NAME=VALUE`: one value per occurrence, any number of
        /// times.
        case repeated
    }

    /// The name without its dashes (`at`).
    let name: String

    /// The placeholder for the value (`X`); nil for a flag.
    let valueName: String?

    /// One line for help.
    let help: String

    /// Flag, single value or repeated value.
    let arity: Arity

    /// Whether the command cannot run without it.
    let isRequired: Bool

    /// `--name`.
    var spelling: String { "--\(name)" }

    /// A flag.
    static func flag(_ name: String, help: String) -> OptionDefinition {
        OptionDefinition(name: name, valueName: nil, help: help, arity: .flag, isRequired: false)
    }

    /// An option with one value.
    static func single(
        _ name: String, valueName: String, help: String, isRequired: Bool = false
    ) -> OptionDefinition {
        OptionDefinition(
            name: name, valueName: valueName, help: help, arity: .single, isRequired: isRequired)
    }

    /// An option that may be given several times.
    static func repeated(_ name: String, valueName: String, help: String) -> OptionDefinition {
        OptionDefinition(
            name: name, valueName: valueName, help: help, arity: .repeated, isRequired: false)
    }

    /// `--json`, shared by every command that can print JSON.
    static let json = flag("json", help: "print one JSON object with snake_case keys")
}
