import ActivationExpr
import Foundation
import VI3NR

/// `vi3nr sweep EXPR`: gain² and cond over a log-spaced range of σ_p, as
/// a table and as an SVG plot with the target line and the roots.
///
/// The curve comes from `ConditionSample.scanBelowFailure` and the roots
/// from `OptimalSigmaSearch` on the same range, so the marked roots are
/// the ones `optimal` reports.
struct SweepCommand: Command {
    static let description = CommandDescription(
        name: "sweep",
        summary: "gain^2 and cond over a range of sigma_p, as a table, CSV and SVG plot",
        discussion: """
            Computes M_f and M_d by quadrature at N log-spaced sigma_p from A to B and \
            prints gain^2 = sigma_p^2/M_f and cond = sigma_p^2 M_d/M_f with them: the \
            text table to 10 significant digits, --csv and --json each value with its \
            error bound. With --svg, also draws both on log axes with the line cond = 1 \
            (cond = 1/R with --fan-ratio R) and every root of it marked, as 'optimal' \
            finds them. Where quadrature cannot compute the moments (a fast \
            oscillation seen through a wide Gaussian), the sweep stops there and \
            says so.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            CommonOptions.from(default: OptimalSigmaSearch.defaultLowerBound),
            CommonOptions.to(default: OptimalSigmaSearch.defaultUpperBound),
            .single("points", valueName: "N",
                    help: "sigma_p points, 2 to 10000 (default \(defaultPoints))"),
            CommonOptions.fanRatio,
            .single("svg", valueName: "FILE", help: "also write the plot to FILE as SVG"),
            ActivationArguments.parameterOption,
            CommonOptions.csv,
            .json,
        ],
        examples: [
            "vi3nr sweep 'exp(-x^2/(2*0.05^2))' --from 0.01 --to 1 --points 60 --svg bump.svg",
            "vi3nr sweep 'sin(30*x)' --fan-ratio 0.5 --csv > sine.csv",
        ])

    static let defaultPoints = 61

    let activationArguments: ActivationArguments
    let range: ClosedRange<Double>
    let points: Int
    let fanRatio: Double
    let svgPath: String?
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        range = try arguments.sigmaRange(
            from: OptimalSigmaSearch.defaultLowerBound, to: OptimalSigmaSearch.defaultUpperBound)
        points = try arguments.value("points", as: .pointCount) ?? Self.defaultPoints
        fanRatio = try arguments.fanRatio()
        svgPath = arguments.values["svg"]?.last
        if svgPath?.isEmpty == true {
            throw UsageError("--svg needs a file name", commandName: "sweep")
        }
        format = try arguments.outputFormat()
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let progress = ProgressReporter()
        defer { progress.finish() }

        progress.show("computing M_f and M_d at \(points) values of sigma_p…")
        let sigmas = try ConditionSample.logarithmicGrid(
            from: range.lowerBound, to: range.upperBound, count: points)
        let (samples, failure) = try ConditionSample.scanBelowFailure(of: activation, at: sigmas)
        if samples.isEmpty, let failure {
            // Nothing computed: the reason at the first point, unwrapped.
            if case .searchFailed(_, let cause) = failure { throw cause }
            throw failure
        }

        progress.show("searching for the roots of cond = \(NumberText.shortest(1 / fanRatio))…")
        var warnings: [String] = []
        var search: OptimalSigmaResult?
        do {
            search = try OptimalSigmaSearch(
                lowerBound: range.lowerBound, upperBound: range.upperBound, fanRatio: fanRatio,
                scanFailurePolicy: .searchBelowFailure
            ).run(for: activation)
        } catch {
            warnings.append("no roots marked: \(error)")
        }
        progress.finish()

        let sweep = SweepResult(
            activation: activation, fanRatio: fanRatio, samples: samples, failure: failure,
            failedSigma: failure.map { _ in sigmas[samples.count] }, search: search)
        if let cause = sweep.failureCause {
            warnings.append("the sweep stops at sigma_p = "
                + NumberText.significant(sweep.samples.last?.preactivationStd ?? .nan, digits: 4)
                + ": \(cause)")
        }
        if let svgPath {
            do {
                try Data(sweep.plot().svg().utf8).write(to: URL(fileURLWithPath: svgPath))
            } catch {
                throw OutputFileFailure(path: svgPath, reason: error.localizedDescription)
            }
        }

        let text = switch format {
        case .json: sweep.json(svgPath: svgPath).rendered() + "\n"
        case .csv: sweep.table(forCSV: true).csv()
        case .text: sweep.table(forCSV: false).aligned()
        }
        return CommandOutput(standardOutput: text, warnings: warnings)
    }
}

/// A file the tool could not write.
struct OutputFileFailure: UserFacingError {
    let path: String
    let reason: String

    var summary: String { "cannot write '\(path)': \(reason)" }
    var details: [String] { [] }
}
