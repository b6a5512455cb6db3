#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ActivationExpr
import VI3NR

/// `vi3nr table [FILE]`: a row per activation of a list, with its gain
/// and condition at σ_p (`GainReport`) and its optimal σ_p
/// (`OptimalSigmaSearch`).
struct TableCommand: Command {
    static let description = CommandDescription(
        name: "table",
        summary: "gain^2, cond and the optimal sigma_p for a list of activations",
        discussion: """
            Reads activations from FILE (standard input for -), one per line as \
            'name: expression' ('#' starts a comment, also at the end of a line), \
            or without FILE the \
            literature set built in (Examples/literature.txt). For each, prints \
            gain^2 and cond at sigma_p, and the result of the optimal-sigma_p search \
            on [A, B]: its classification, the roots and gain^2 at each. A line that \
            cannot be read or computed still gets a row, with its error in the CSV \
            and JSON; it is reported on standard error with FILE:LINE and the \
            others still run; the exit status is then 1. Where quadrature \
            cannot reach the end of the range, the search covers the part below and \
            a warning says where it stopped and why.
            """,
        positionals: [PositionalDefinition(
            valueName: "FILE",
            help: "the activation list, - for standard input (default: the built-in set)",
            isOptional: true)],
        options: [
            CommonOptions.sigmaP,
            CommonOptions.fanRatio,
            CommonOptions.from(default: OptimalSigmaSearch.defaultLowerBound),
            CommonOptions.to(default: OptimalSigmaSearch.defaultUpperBound),
            CommonOptions.csv,
            .json,
        ],
        examples: [
            "vi3nr table",
            "vi3nr table my-activations.txt --sigma-p 0.5 --csv",
        ])

    let path: String?
    let sigmaP: Double
    let fanRatio: Double
    let range: ClosedRange<Double>
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        path = arguments.positionals.first
        sigmaP = try arguments.sigmaP()
        fanRatio = try arguments.fanRatio()
        range = try arguments.sigmaRange(
            from: OptimalSigmaSearch.defaultLowerBound, to: OptimalSigmaSearch.defaultUpperBound)
        format = try arguments.outputFormat()
    }

    func run() throws -> CommandOutput {
        let (name, text) = try readList()
        let list = ActivationList(text: text)
        let entries = list.items.compactMap { try? $0.get() }

        let progress = ProgressReporter()
        defer { progress.finish() }
        var rows: [TableRow] = []
        var errors: [String] = []
        var warnings: [String] = []
        var entryIndex = 0
        var failedLines = 0
        for item in list.items {
            switch item {
            case .failure(let malformed):
                errors.append("error: \(name):\(malformed.line): \(malformed.reason)\n")
                failedLines += 1
                rows.append(TableRow(malformed: malformed))
            case .success(let entry):
                entryIndex += 1
                progress.show("\(entry.name) (\(entryIndex) of \(entries.count))…")
                let row = computeRow(entry)
                for failure in row.failures {
                    errors.append(failure.report(file: name, entry: entry))
                }
                if !row.failures.isEmpty { failedLines += 1 }
                if let warning = row.searchText?.limitWarning {
                    warnings.append("\(name):\(entry.line): \(entry.name): the search covered "
                        + warning)
                }
                rows.append(row)
            }
        }
        progress.finish()

        let failedCount = failedLines
        if list.items.isEmpty {
            // An empty table is a correct answer to an empty list, but most
            // likely not the file that was meant.
            warnings.append("\(name) lists no activations ('name: expression' lines)")
        }
        if failedCount > 0 {
            let total = list.items.count
            errors.append("error: \(failedCount) of \(total) \(total == 1 ? "line" : "lines") "
                + "of \(name) could not be computed\n")
        }
        let table = TableOutput(
            fileName: name, sigmaP: sigmaP, fanRatio: fanRatio, range: range, rows: rows)
        let output = switch format {
        case .json: table.json(failedLines: failedCount).rendered() + "\n"
        case .csv: table.table(forCSV: true).csv()
        case .text: table.header + table.table(forCSV: false).aligned()
        }
        return CommandOutput(
            standardOutput: output, warnings: warnings, errors: errors,
            status: failedCount == 0 ? 0 : 1)
    }
}

// MARK: - Steps

private extension TableCommand {
    /// The list's name for messages and its text: the file, standard
    /// input for `-` (named `<stdin>`, as `input-gain --data -` names it),
    /// or the built-in set.
    func readList() throws(ListFileFailure) -> (name: String, text: String) {
        guard let path else { return (LiteratureSet.name, LiteratureSet.text) }
        let name = path == "-" ? "<stdin>" : path
        do {
            let text = path == "-"
                ? try TextFileReader.contents(ofFileDescriptor: STDIN_FILENO)
                : try TextFileReader.contents(ofFile: path)
            return (name, text)
        } catch {
            throw ListFileFailure(path: name, reason: error.reason)
        }
    }

    /// The gain and condition at σ_p, and the search, each on its own:
    /// a moment that fails at σ_p does not hide a root below it.
    func computeRow(_ entry: ActivationList.Entry) -> TableRow {
        var row = TableRow(entry: entry)
        let activation: Activation
        do {
            activation = try Activation.parse(entry.source)
        } catch {
            row.failures.append(RowFailure(error: error))
            return row
        }
        row.activation = activation
        do {
            row.report = try GainReport(
                activation: activation, preactivationStd: sigmaP, includeBackwardMoment: true)
        } catch {
            row.failures.append(RowFailure(error: error))
        }
        do {
            let result = try OptimalSigmaSearch(
                lowerBound: range.lowerBound, upperBound: range.upperBound, fanRatio: fanRatio,
                scanFailurePolicy: .searchBelowFailure
            ).run(for: activation)
            row.searchText = SearchResultText(result: result)
        } catch {
            row.failures.append(RowFailure(error: error))
        }
        return row
    }
}

/// A list file that cannot be read.
struct ListFileFailure: UserFacingError {
    let path: String
    let reason: String

    var summary: String { "cannot read activation list '\(path)': \(reason)" }
    var details: [String] { [] }
}
