import ActivationExpr

/// `vi3nr derive EXPR`: prints the simplified derivative.
struct DeriveCommand: Command {
    static let description = CommandDescription(
        name: "derive",
        summary: "print the simplified derivative of an activation",
        discussion: """
            Differentiates EXPR with respect to x and prints the result, simplified. \
            At kinks the derivative takes the value PyTorch's autograd gives \
            (relu'(0) = 0, abs'(0) = 0).
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [ActivationArguments.parameterOption, .json],
        examples: [
            "vi3nr derive 'exp(-x^2/(2*s^2))' --param s=0.05",
            "vi3nr derive 'sigmoid(x)' --json",
        ])

    let activationArguments: ActivationArguments
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        printsJSON = arguments.isSet("json")
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        if printsJSON {
            let object = JSONValue.object([
                ("expression", .string(activation.expression.description)),
                ("derivative", .string(activation.derivativeExpression.description)),
            ])
            return CommandOutput(standardOutput: object.rendered() + "\n")
        }
        return CommandOutput(standardOutput: "\(activation.derivativeExpression)\n")
    }
}
