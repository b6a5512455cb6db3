import ActivationExpr
import VI3NR

/// `vi3nr optimal EXPR`: the σ_p where the backward condition holds, from
/// `OptimalSigmaSearch`, classified as the library classifies it.
struct OptimalCommand: Command {
    static let description = CommandDescription(
        name: "optimal",
        summary: "the theoretical optimal sigma_p: roots of cond(sigma_p) = 1/fan_ratio",
        discussion: """
            Searches [A, B] for the sigma_p where cond = sigma_p^2 M_d/M_f equals \
            1/R (R = fan_out/fan_in, 1 for square layers), on a log-spaced quadrature \
            scan refined by Brent's method, and classifies what it finds: 'roots' \
            (each with its gain), 'any_sigma' (cond = 1 everywhere, as for relu), \
            'trivial_limit' (only sigma_p -> 0, as for tanh and sin(a*x)) or \
            'no_root' (with the closest approach). When quadrature cannot compute the \
            moments above some sigma_p (a fast oscillation seen through a wide \
            Gaussian), the range below it is searched and the output says where \
            the search stopped and why.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            CommonOptions.from(default: OptimalSigmaSearch.defaultLowerBound),
            CommonOptions.to(default: OptimalSigmaSearch.defaultUpperBound),
            CommonOptions.fanRatio,
            ActivationArguments.parameterOption,
            .json,
        ],
        examples: [
            "vi3nr optimal 'exp(-x^2/(2*0.05^2))'",
            "vi3nr optimal 'sin(30*x)' --fan-ratio 0.5 --from 0.01 --to 1 --json",
        ])

    let activationArguments: ActivationArguments
    let range: ClosedRange<Double>
    let fanRatio: Double
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        range = try arguments.sigmaRange(
            from: OptimalSigmaSearch.defaultLowerBound, to: OptimalSigmaSearch.defaultUpperBound)
        fanRatio = try arguments.fanRatio()
        printsJSON = arguments.isSet("json")
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let progress = ProgressReporter()
        progress.show("searching sigma_p in [\(NumberText.shortest(range.lowerBound)), "
            + "\(NumberText.shortest(range.upperBound))]…")
        defer { progress.finish() }
        let result = try OptimalSigmaSearch(
            lowerBound: range.lowerBound, upperBound: range.upperBound, fanRatio: fanRatio,
            scanFailurePolicy: .searchBelowFailure
        ).run(for: activation)
        progress.finish()

        if case .degenerate(.zeroForwardMoment) = result.outcome {
            throw VanishingActivation(range: range)
        }
        let text = SearchResultText(result: result)
        let output = printsJSON
            ? JSONValue.object(JSONValue.activationMembers(activation) + text.jsonMembers())
                .rendered() + "\n"
            : labelledLines([
                ("phi(x)", activation.expression.description),
                ("phi'(x)", activation.derivativeExpression.description),
            ] + text.textRows())
        let warnings = text.limitWarning.map { ["the search covered " + $0] } ?? []
        return CommandOutput(standardOutput: output, warnings: warnings)
    }
}

/// φ = 0 wherever the Gaussian has representable density, at every σ_p
/// of the search: there is no gain, and `cond` is undefined.
struct VanishingActivation: UserFacingError {
    let range: ClosedRange<Double>

    var summary: String {
        "M_f = E[phi(z)^2] is 0 at every sigma_p in [\(NumberText.shortest(range.lowerBound)), "
            + "\(NumberText.shortest(range.upperBound))]: the activation vanishes, so no gain "
            + "preserves the variance and cond is undefined"
    }

    var details: [String] { [] }
}
