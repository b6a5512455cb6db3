import ActivationExpr
import VI3NR

/// `vi3nr emit pytorch EXPR`: a Python snippet that initialises
/// `torch.nn.Linear` layers with the gain computed here.
struct EmitCommand: Command {
    static let description = CommandDescription(
        name: "emit",
        summary: "print code that initialises a network with the computed gain",
        discussion: """
            Prints a short Python module for TARGET 'pytorch': the gain at sigma_p \
            as a constant (computed here by quadrature), a function that \
            initialises a torch.nn.Linear layer with weights uniform on \
            [-bound, bound], bound = gain*sqrt(3/fan_in), and a zero bias, the \
            input-layer gain for data of a given mean and std, and the activation \
            as a torch expression (sinc is translated to torch's normalised sinc \
            correctly). An activation PyTorch has no function for gets a comment \
            and a NotImplementedError instead.
            """,
        positionals: [
            PositionalDefinition(valueName: "TARGET", help: "what to emit: pytorch"),
            ActivationArguments.expressionPositional,
        ],
        options: [
            CommonOptions.sigmaP,
            ActivationArguments.parameterOption,
            .json,
        ],
        examples: [
            "vi3nr emit pytorch 'sin(30*x)' > siren_init.py",
            "vi3nr emit pytorch 'exp(-x^2/(2*s^2))' --param s=0.05 --sigma-p 0.0777",
        ])

    /// The targets the command knows.
    static let targets = ["pytorch"]

    let activationArguments: ActivationArguments
    let sigmaP: Double
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let target = arguments.positionals[0]
        guard Self.targets.contains(target) else {
            var message = "unknown target '\(target)' for 'emit': the target is pytorch"
            if let suggestion = closestMatch(to: target, among: Self.targets) {
                message += "; did you mean '\(suggestion)'?"
            }
            throw UsageError(message, commandName: "emit")
        }
        var shifted = arguments
        shifted.positionals.removeFirst()
        activationArguments = try ActivationArguments(shifted)
        sigmaP = try arguments.sigmaP()
        printsJSON = arguments.isSet("json")
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let report = try GainReport(
            activation: activation, preactivationStd: sigmaP, includeBackwardMoment: true)
        let translation: Result<String, PyTorchTranslation.Untranslatable>
        do {
            translation = .success(try PyTorchTranslation.translate(activation.expression))
        } catch {
            translation = .failure(error)
        }
        let snippet = PyTorchSnippet(
            activation: activation, report: report, translation: translation).text

        var warnings: [String] = []
        if case .failure(let problem) = translation {
            warnings.append("the activation is not translated: \(problem.reason)")
        }
        guard printsJSON else {
            return CommandOutput(standardOutput: snippet, warnings: warnings)
        }
        var members = JSONValue.activationMembers(activation)
        members += [
            ("target", .string("pytorch")),
            ("sigma_p", .number(sigmaP)),
            ("gain", .number(report.gain.value)),
            ("gain2", .number(report.gainSquared.value)),
            ("backward_condition", report.backwardCondition.map { .estimate($0.value) } ?? .null),
        ]
        switch translation {
        case .success(let text):
            members += [("torch_expression", .string(text)), ("untranslatable", .null)]
        case .failure(let problem):
            members += [("torch_expression", .null), ("untranslatable", .string(problem.reason))]
        }
        members.append(("code", .string(snippet)))
        return CommandOutput(
            standardOutput: JSONValue.object(members).rendered() + "\n", warnings: warnings)
    }
}
