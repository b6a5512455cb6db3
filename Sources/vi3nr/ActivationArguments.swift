import ActivationExpr

/// The activation a command works on: the `EXPR` positional and its
/// `--param NAME=VALUE` options, shared by every command that takes an
/// expression.
struct ActivationArguments {
    /// The `EXPR` positional, for a command's description.
    static let expressionPositional = PositionalDefinition(
        valueName: "EXPR", help: "the activation in x, e.g. 'sin(30*x)' (quote it for the shell)")

    /// `--param`, for a command's description.
    static let parameterOption = OptionDefinition.repeated(
        "param", valueName: "NAME=VALUE", help: "give a parameter of EXPR a value; repeatable")

    /// The expression as written.
    let source: String

    /// The parameters' values, by name.
    let parameters: [String: Double]

    /// Reads `EXPR` (the first positional) and every `--param`.
    ///
    /// - Throws: `UsageError` for a malformed assignment or a parameter
    ///   given twice.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        source = arguments.positionals[0]
        var parameters: [String: Double] = [:]
        for assignment in try arguments.values("param", as: .parameterAssignment) {
            guard parameters.updateValue(assignment.value, forKey: assignment.name) == nil else {
                throw UsageError(
                    "parameter '\(assignment.name)' is given more than once",
                    commandName: arguments.commandName)
            }
        }
        self.parameters = parameters
    }

    /// Parses, binds, differentiates and compiles.
    ///
    /// - Throws: `ActivationFailure` (exit 1) with the caret picture for a
    ///   syntax error.
    func activation() throws(ActivationFailure) -> Activation {
        do {
            return try Activation(parsing: source, parameters: parameters)
        } catch {
            throw ActivationFailure(error: error)
        }
    }
}

/// An activation that could not be built, as the command line reports it:
/// the one-line summary after `error:`, then the source line and caret for
/// a syntax error, and a hint for a missing parameter.
struct ActivationFailure: UserFacingError {
    let error: ActivationError

    var summary: String { error.summary }

    var details: [String] {
        switch error {
        case .invalidSyntax(let parseError):
            let lines = parseError.diagnostic
                .split(separator: "\n", omittingEmptySubsequences: false)
            return lines.dropFirst().map(String.init)
        case .invalidExpression(.unboundParameters(let names)):
            let example = names.map { "--param \($0)=VALUE" }.joined(separator: " ")
            return ["Give it a value with \(example)."]
        case .invalidExpression:
            return []
        }
    }
}
