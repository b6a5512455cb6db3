import ActivationExpr
import VI3NR

/// `vi3nr gain EXPR`: the forward gain at σ_p with its evidence.
///
/// Everything printed comes from `GainReport` (the moments by quadrature
/// and Monte Carlo, the gain, the backward condition), `WeightInitializer`
/// (the bound and standard deviation for `--fan-in`) and `KnownActivation`
/// (PyTorch's fixed gain).
struct GainCommand: Command {
    static let description = CommandDescription(
        name: "gain",
        summary: "the forward gain at sigma_p, by quadrature and Monte Carlo",
        discussion: """
            Computes M_f = E[phi(z)^2] for z ~ N(0, sigma_p^2) by quadrature (with its \
            error bound) and by Monte Carlo (with its standard error), says whether \
            the two agree (|z| <= 4), and prints gain^2 = sigma_p^2/M_f and gain. Also \
            M_d = E[phi'(z)^2] both ways and the backward condition \
            cond = sigma_p^2 M_d/M_f (1 keeps the gradient variance of square \
            layers). With --fan-in, the weight bound a = gain*sqrt(3/fan_in) of a \
            uniform initialisation and the standard deviation gain/sqrt(fan_in) of a \
            normal one. For x, tanh, sigmoid, relu and leaky_relu, PyTorch's \
            calculate_gain is shown for comparison.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            CommonOptions.sigmaP,
            ActivationArguments.parameterOption,
            CommonOptions.samples,
            CommonOptions.seed,
            .single("fan-in", valueName: "N",
                    help: "also print the weight bound and std for this fan-in"),
            .json,
        ],
        examples: [
            "vi3nr gain 'sin(30*x)' --fan-in 256",
            "vi3nr gain 'exp(-x^2/(2*s^2))' --param s=0.05 --sigma-p 0.0777 --json",
        ])

    let activationArguments: ActivationArguments
    let sigmaP: Double
    let monteCarlo: MonteCarloOptions
    let fanIn: Int?
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        sigmaP = try arguments.sigmaP()
        monteCarlo = try arguments.monteCarloOptions()
        fanIn = try arguments.value("fan-in", as: .fanIn)
        printsJSON = arguments.isSet("json")
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let progress = ProgressReporter()
        progress.show("computing M_f and M_d by quadrature and \(monteCarlo.samples) samples…")
        defer { progress.finish() }
        let report = try GainReport(
            activation: activation, preactivationStd: sigmaP, monteCarlo: monteCarlo,
            includeBackwardMoment: true)
        let initializer = try fanIn.map { fanIn throws(VI3NRError) in
            try report.initializer(fanIn: fanIn, fanOut: 1)
        }
        let known = KnownActivation(activation: activation)
        progress.finish()

        let result = GainResult(
            activation: activation, report: report, initializer: initializer, known: known)
        var warnings: [String] = []
        if result.agrees == false {
            warnings.append(
                "Monte Carlo and quadrature disagree beyond "
                    + "\(NumberText.shortest(MonteCarloValue.agreementThreshold)) standard "
                    + "errors: treat these numbers with suspicion")
        }
        let text = printsJSON ? result.json().rendered() + "\n" : result.plainText()
        return CommandOutput(standardOutput: text, warnings: warnings)
    }
}

/// What `gain` prints, from the library's results.
struct GainResult {
    let activation: Activation
    let report: GainReport
    let initializer: WeightInitializer?
    let known: KnownActivation?

    /// Whether Monte Carlo agrees with quadrature for `M_f`, `M_d` and
    /// `cond`; nil without Monte Carlo.
    var agrees: Bool? {
        let verdicts = [
            report.forwardMoment.agrees, report.backwardMoment?.agrees,
            report.backwardCondition?.agrees,
        ].compactMap { $0 }
        return verdicts.isEmpty ? nil : verdicts.allSatisfy { $0 }
    }

    func json() -> JSONValue {
        var members = JSONValue.activationMembers(activation)
        members += [
            ("sigma_p", .number(report.preactivationStd)),
            ("forward_moment", .moment(report.forwardMoment)),
            ("backward_moment", report.backwardMoment.map(JSONValue.moment) ?? .null),
            ("agreement_sigmas", .number(report.agreementSigmas)),
            ("agrees", agrees.map(JSONValue.bool) ?? .null),
            ("gain", .number(report.gain.value)),
            ("gain_error", .number(report.gain.errorEstimate)),
            ("gain2", .number(report.gainSquared.value)),
            ("gain2_error", .number(report.gainSquared.errorEstimate)),
            ("monte_carlo_gain2", .monteCarlo(report.monteCarloGainSquared)),
            ("backward_condition", report.backwardCondition.map(JSONValue.condition) ?? .null),
            ("fan_in", initializer.map { .integer($0.fanIn) } ?? .null),
            ("uniform_bound", .number(initializer?.uniformBound)),
            ("normal_std", .number(initializer?.standardDeviation)),
            ("pytorch", pytorchJSON()),
        ]
        return .object(members)
    }

    func plainText() -> String {
        var rows: [(String, String)] = [
            ("phi(x)", activation.expression.description),
            ("phi'(x)", activation.derivativeExpression.description),
            ("sigma_p", NumberText.shortest(report.preactivationStd)),
        ]
        rows += momentRows("M_f", report.forwardMoment)
        rows.append(("gain^2", NumberText.withError(
            report.gainSquared.value, report.gainSquared.errorEstimate)))
        rows.append(("gain", NumberText.withError(report.gain.value, report.gain.errorEstimate)))
        if let monteCarlo = report.monteCarloGain {
            rows.append(("gain (Monte Carlo)", NumberText.withError(
                monteCarlo.value, monteCarlo.standardError)))
        }
        if let backward = report.backwardMoment {
            rows += momentRows("M_d", backward)
        }
        if let condition = report.backwardCondition {
            rows.append(("cond", NumberText.withError(
                condition.value.value, condition.value.errorEstimate)
                + "  (1 keeps the gradient variance of square layers)"))
            if let monteCarlo = condition.monteCarlo, let sigmas = condition.agreementSigmas,
               let agrees = condition.agrees {
                rows.append(("cond (Monte Carlo)", NumberText.withError(
                    monteCarlo.value, monteCarlo.standardError)
                    + "  (" + agreementText(sigmas, agrees: agrees) + ")"))
            }
        }
        if let initializer {
            let bound = NumberText.significant(initializer.uniformBound, digits: 10)
            let deviation = NumberText.significant(initializer.standardDeviation, digits: 10)
            rows.append(("uniform bound", bound
                + "  (U(-a, a), a = gain*sqrt(3/fan_in), fan_in = \(initializer.fanIn))"))
            rows.append(("normal std", deviation + "  (N(0, std^2), std = gain/sqrt(fan_in))"))
        }
        if let known {
            let nonlinearity = known.pytorchNonlinearity
            rows.append(("PyTorch gain", NumberText.significant(nonlinearity.gain, digits: 10)
                + "  (calculate_gain('\(nonlinearity.name)'), fixed for every sigma_p)"))
        }
        if let agrees {
            rows.append(("verdict", agrees
                ? "Monte Carlo agrees with quadrature (M_f, M_d and cond within 4 standard errors)"
                : "Monte Carlo DISAGREES with quadrature"))
        }
        return labelledLines(rows)
    }

    private func momentRows(_ symbol: String, _ moment: MomentEstimate) -> [(String, String)] {
        var rows = [(
            "\(symbol) (quadrature)",
            NumberText.withError(moment.quadrature.value, moment.quadrature.errorEstimate)
        )]
        if let monteCarlo = moment.monteCarlo, let sigmas = moment.agreementSigmas,
           let agrees = moment.agrees {
            rows.append((
                "\(symbol) (Monte Carlo)",
                NumberText.withError(monteCarlo.value, monteCarlo.standardError)
                    + "  (\(monteCarlo.samples) samples, seed \(monteCarlo.seed); "
                    + agreementText(sigmas, agrees: agrees) + ")"
            ))
        }
        return rows
    }

    private func pytorchJSON() -> JSONValue {
        guard let known else { return .null }
        let nonlinearity = known.pytorchNonlinearity
        var members: [(key: String, value: JSONValue)] = [
            ("nonlinearity", .string(nonlinearity.name)),
            ("gain", .number(nonlinearity.gain)),
        ]
        if case .leakyRelu(let slope) = nonlinearity {
            members.append(("negative_slope", .number(slope)))
        }
        return .object(members)
    }
}

/// `z = 0.53, agree`: a z-score and the library's verdict on it.
func agreementText(_ sigmas: Double, agrees: Bool) -> String {
    "z = \(NumberText.significant(sigmas, digits: 2)), " + (agrees ? "agree" : "DISAGREE")
}
