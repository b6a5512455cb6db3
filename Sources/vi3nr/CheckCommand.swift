import ActivationExpr
import VI3NR

/// `vi3nr check EXPR`: Monte Carlo against quadrature for `M_f` and `M_d`
/// over a grid of σ_p, one `GainReport` per point.
struct CheckCommand: Command {
    static let description = CommandDescription(
        name: "check",
        summary: "Monte Carlo against quadrature over a grid of sigma_p",
        discussion: """
            At each of N log-spaced sigma_p from A to B, computes M_f = E[phi(z)^2] and \
            M_d = E[phi'(z)^2] by quadrature (value +/- error bound) and by Monte Carlo \
            (value +/- standard error), and the z-score of their difference; a point \
            agrees when |z| <= 4 for both (a correct pair fails that by chance about \
            once in 16000 comparisons). The summary line counts the points that agree. \
            A point that cannot be computed is reported on standard error (and in \
            the error column of --csv) and the others still run; the exit status is \
            then 1.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            CommonOptions.from(default: defaultFrom),
            CommonOptions.to(default: defaultTo),
            .single("points", valueName: "N", help: "sigma_p points, 2 to 10000 (default 5)"),
            ActivationArguments.parameterOption,
            CommonOptions.samples,
            CommonOptions.seed,
            CommonOptions.csv,
            .json,
        ],
        examples: [
            "vi3nr check 'sin(30*x)'",
            "vi3nr check 'gelu(x)' --from 0.01 --to 100 --points 9 --samples 100000 --csv",
        ])

    static let defaultFrom = 0.1
    static let defaultTo = 10.0
    static let defaultPoints = 5

    let activationArguments: ActivationArguments
    let range: ClosedRange<Double>
    let points: Int
    let monteCarlo: MonteCarloOptions
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        range = try arguments.sigmaRange(from: Self.defaultFrom, to: Self.defaultTo)
        points = try arguments.value("points", as: .pointCount) ?? Self.defaultPoints
        monteCarlo = try arguments.monteCarloOptions()
        format = try arguments.outputFormat()
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let sigmas = try ConditionSample.logarithmicGrid(
            from: range.lowerBound, to: range.upperBound, count: points)

        let progress = ProgressReporter()
        defer { progress.finish() }
        var rows: [CheckRow] = []
        for (index, sigma) in sigmas.enumerated() {
            progress.show("sigma_p = \(NumberText.shortest(sigma)) (\(index + 1) of \(points))…")
            do {
                let report = try GainReport(
                    activation: activation, preactivationStd: sigma, monteCarlo: monteCarlo,
                    includeBackwardMoment: true)
                rows.append(CheckRow(sigma: sigma, outcome: .success(report)))
            } catch {
                rows.append(CheckRow(sigma: sigma, outcome: .failure(error)))
            }
        }
        progress.finish()

        let failures = rows.compactMap { row -> String? in
            guard case .failure(let error) = row.outcome else { return nil }
            return ComputationFailure(error).report
        }
        let output = CheckOutput(activation: activation, monteCarlo: monteCarlo, rows: rows)
        let text = switch format {
        case .json: output.json().rendered() + "\n"
        case .csv: output.table(forCSV: true).csv()
        case .text: output.table(forCSV: false).aligned() + output.summary + "\n"
        }
        return CommandOutput(
            standardOutput: text, errors: failures,
            status: failures.isEmpty ? 0 : 1)
    }
}

/// One σ_p of a check: the report, or why it could not be made.
struct CheckRow {
    let sigma: Double
    let outcome: Result<GainReport, VI3NRError>

    /// Both moments agree; nil when the point failed.
    var agrees: Bool? {
        guard case .success(let report) = outcome else { return nil }
        return report.forwardMoment.agrees == true && report.backwardMoment?.agrees == true
    }

    /// The larger `|z|` of the two moments.
    var largestSigmas: Double? {
        guard case .success(let report) = outcome else { return nil }
        return [report.forwardMoment.agreementSigmas, report.backwardMoment?.agreementSigmas]
            .compactMap { $0.map(Swift.abs) }.max()
    }
}

/// The table, JSON and summary of a check.
struct CheckOutput {
    let activation: Activation
    let monteCarlo: MonteCarloOptions
    let rows: [CheckRow]

    var agreeing: Int { rows.filter { $0.agrees == true }.count }
    var failed: Int { rows.filter { $0.agrees == nil }.count }
    var largestSigmas: Double? { rows.compactMap(\.largestSigmas).max() }

    /// `all 5 points agree (largest |z| = 1.3; 1000000 samples, seed 0)`.
    var summary: String {
        let computed = rows.count - failed
        var text: String
        if computed == 0 {
            text = "no point could be computed"
        } else if agreeing == computed {
            text = computed == 1 ? "the point agrees" : "all \(computed) points agree"
        } else {
            text = "\(computed - agreeing) of \(computed) points DISAGREE"
        }
        if let largest = largestSigmas {
            text += " (largest |z| = \(NumberText.significant(largest, digits: 2)); "
                + "\(monteCarlo.samples) samples, seed \(monteCarlo.seed))"
        }
        if failed > 0 {
            text += "; \(failed) of \(rows.count) could not be computed"
        }
        return text
    }

    func table(forCSV: Bool) -> TextTable {
        var table = TextTable(header: forCSV
            ? ["sigma_p", "forward_quadrature", "forward_quadrature_error",
               "forward_monte_carlo", "forward_standard_error", "forward_sigmas",
               "backward_quadrature", "backward_quadrature_error",
               "backward_monte_carlo", "backward_standard_error", "backward_sigmas", "verdict",
               "error"]
            : ["sigma_p", "M_f quadrature", "M_f Monte Carlo", "z", "M_d quadrature",
               "M_d Monte Carlo", "z", "verdict"])
        for row in rows {
            let sigma = forCSV
                ? NumberText.shortest(row.sigma) : NumberText.significant(row.sigma, digits: 6)
            // The CSV has the reason in its own column, as table's and
            // simulate's do; the text table says "error", with the
            // reason on standard error.
            guard case .success(let report) = row.outcome,
                  let backward = report.backwardMoment else {
                let reason = failureSummary(row)
                table.append([sigma] + Array(repeating: "", count: forCSV ? 10 : 6) + ["error"]
                    + (forCSV ? [reason] : []))
                continue
            }
            let verdict = row.agrees == true ? "agree" : "DISAGREE"
            let cells = forCSV
                ? csvCells(report.forwardMoment) + csvCells(backward)
                : textCells(report.forwardMoment) + textCells(backward)
            table.append([sigma] + cells + [verdict] + (forCSV ? [""] : []))
        }
        return table
    }

    func json() -> JSONValue {
        let points = rows.map { row -> JSONValue in
            switch row.outcome {
            case .success(let report):
                return .object([
                    ("sigma_p", .number(row.sigma)),
                    ("forward_moment", .moment(report.forwardMoment)),
                    ("backward_moment", report.backwardMoment.map(JSONValue.moment) ?? .null),
                    ("agrees", .bool(row.agrees == true)),
                    ("error", .null),
                ])
            case .failure(let error):
                return .object([
                    ("sigma_p", .number(row.sigma)),
                    ("forward_moment", .null),
                    ("backward_moment", .null),
                    ("agrees", .null),
                    ("error", .string(error.description)),
                ])
            }
        }
        return .object(JSONValue.activationMembers(activation) + [
            ("samples", .integer(monteCarlo.samples)),
            ("seed", .unsignedInteger(monteCarlo.seed)),
            ("rows", .array(points)),
            ("points", .integer(rows.count)),
            ("agreeing", .integer(agreeing)),
            ("failed", .integer(failed)),
            ("largest_abs_sigmas", .number(largestSigmas)),
            ("agrees", .bool(failed == 0 && agreeing == rows.count)),
            ("summary", .string(summary)),
        ])
    }

    /// The one-line account of why a point failed (the first line of its
    /// report on standard error, without `error: `).
    private func failureSummary(_ row: CheckRow) -> String {
        switch row.outcome {
        case .failure(let error): ComputationFailure(error).summary
        case .success: "the backward moment was not computed"
        }
    }

    private func textCells(_ moment: MomentEstimate) -> [String] {
        guard let monteCarlo = moment.monteCarlo, let sigmas = moment.agreementSigmas else {
            return [quadratureText(moment), "", ""]
        }
        return [
            quadratureText(moment),
            NumberText.withError(monteCarlo.value, monteCarlo.standardError),
            NumberText.significant(sigmas, digits: 2),
        ]
    }

    /// The quadrature value to at most 10 digits: enough to compare with
    /// Monte Carlo, narrow enough for a table.
    private func quadratureText(_ moment: MomentEstimate) -> String {
        NumberText.withError(
            moment.quadrature.value, moment.quadrature.errorEstimate, maximumDigits: 10)
    }

    private func csvCells(_ moment: MomentEstimate) -> [String] {
        [
            NumberText.shortest(moment.quadrature.value),
            NumberText.shortest(moment.quadrature.errorEstimate),
            moment.monteCarlo.map { NumberText.shortest($0.value) } ?? "",
            moment.monteCarlo.map { NumberText.shortest($0.standardError) } ?? "",
            moment.agreementSigmas.map(NumberText.shortest) ?? "",
        ]
    }
}
