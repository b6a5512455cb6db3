import ActivationExpr
import VI3NR

/// One activation of `table`: what could be computed, and the failure
/// that stopped the rest.
struct TableRow {
    let entry: ActivationList.Entry
    var activation: Activation?
    var report: GainReport?
    var searchText: SearchResultText?
    var failures: [RowFailure] = []
    /// Why the line could not be read as `name: expression`, if so.
    var malformedLine: String?

    init(entry: ActivationList.Entry) {
        self.entry = entry
    }

    /// The row of a line that could not be read: its name and text as far
    /// as they go, nothing computed, and the reason as its error.
    init(malformed: MalformedLineError) {
        entry = ActivationList.Entry(
            name: malformed.name, source: malformed.source, line: malformed.line, column: 1)
        malformedLine = malformed.reason
    }

    /// Whether anything on the line failed.
    var hasFailed: Bool { malformedLine != nil || !failures.isEmpty }

    /// The one-line account of each failure, for the CSV and JSON.
    var errorSummaries: [String] {
        (malformedLine.map { [$0] } ?? [])
            + failures.map { ComputationFailure($0.error).summary }
    }
}

/// Why a row of `table` failed, reported with the file and line.
struct RowFailure {
    let error: VI3NRError

    /// `error: FILE:LINE:COLUMN: message` with the caret picture for a
    /// syntax error; `error: FILE:LINE: NAME: message` otherwise.
    func report(file: String, entry: ActivationList.Entry) -> String {
        let failure = ComputationFailure(error)
        if case .invalidActivation(.invalidSyntax(let parseError)) = error {
            let column = entry.column + parseError.column - 1
            let lines = ["error: \(file):\(entry.line):\(column): \(parseError.message)"]
                + failure.details
            return lines.map { $0 + "\n" }.joined()
        }
        var details = failure.details
        if case .invalidActivation(.invalidExpression(.unboundParameters)) = error {
            details = ["Write its value into the expression: a list has no --param."]
        }
        let lines = ["error: \(file):\(entry.line): \(entry.name): \(failure.summary)"]
            + details
        return lines.map { $0 + "\n" }.joined()
    }
}

/// The table, CSV and JSON of `table`.
struct TableOutput {
    let fileName: String
    let sigmaP: Double
    let fanRatio: Double
    let range: ClosedRange<Double>
    let rows: [TableRow]

    /// The line above the text table that says what its columns mean.
    var header: String {
        let target = BackwardCondition.stableValue(fanRatio: fanRatio)
        return "\(fileName): gain^2 and cond at sigma_p = \(NumberText.shortest(sigmaP)); "
            + "optimal sigma_p where cond = \(NumberText.shortest(target)), "
            + "searched on [\(NumberText.shortest(range.lowerBound)), "
            + "\(NumberText.shortest(range.upperBound))]\n\n"
    }

    func table(forCSV: Bool) -> TextTable {
        var table = TextTable(header: forCSV
            ? ["name", "expression", "sigma_p", "gain2", "gain2_error", "cond", "cond_error",
               "classification", "optimal_sigma_p", "optimal_gain2", "searched_to", "error"]
            : ["name", "gain^2", "cond", "optimal", "sigma_p*", "gain^2 at sigma_p*", "note"])
        for row in rows {
            let gain = row.report?.gainSquared
            let condition = row.report?.backwardCondition?.value
            let search = row.searchText
            if forCSV {
                table.append([
                    row.entry.name,
                    row.activation?.expression.description ?? row.entry.source,
                    NumberText.shortest(sigmaP),
                    gain.map { NumberText.shortest($0.value) } ?? "",
                    gain.map { NumberText.shortest($0.errorEstimate) } ?? "",
                    condition.map { NumberText.shortest($0.value) } ?? "",
                    condition.map { NumberText.shortest($0.errorEstimate) } ?? "",
                    search?.classification ?? "",
                    search?.result.roots.map { NumberText.shortest($0.preactivationStd.value) }
                        .joined(separator: ";") ?? "",
                    search?.result.roots.map { NumberText.shortest($0.gainSquared.value) }
                        .joined(separator: ";") ?? "",
                    search?.result.limit.map { NumberText.shortest($0.searchedUpperBound) } ?? "",
                    row.errorSummaries.joined(separator: "; "),
                ])
            } else {
                table.append([
                    row.entry.name.isEmpty ? "(line \(row.entry.line))" : row.entry.name,
                    gain.map { NumberText.significant($0.value, digits: 6) } ?? "-",
                    condition.map { NumberText.significant($0.value, digits: 6) } ?? "-",
                    search?.classification ?? "-",
                    search?.optimumCell ?? "-",
                    search?.rootGainCell ?? "",
                    row.hasFailed ? "error: see standard error" : search?.noteCell ?? "",
                ])
            }
        }
        return table
    }

    func json(failedLines: Int) -> JSONValue {
        let objects = rows.map { row -> JSONValue in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(row.entry.name)),
                ("line", .integer(row.entry.line)),
                ("source", .string(row.entry.source)),
                ("expression", row.activation.map { .string($0.expression.description) } ?? .null),
                ("gain2", .number(row.report?.gainSquared.value)),
                ("gain2_error", .number(row.report?.gainSquared.errorEstimate)),
                ("backward_condition",
                 row.report?.backwardCondition.map { .estimate($0.value) } ?? .null),
            ]
            if let search = row.searchText {
                members.append(("optimal", .object(search.jsonMembers())))
            } else {
                members.append(("optimal", .null))
            }
            members.append(("errors", .array(row.errorSummaries.map { .string($0) })))
            return .object(members)
        }
        return .object([
            ("file", .string(fileName)),
            ("sigma_p", .number(sigmaP)),
            ("fan_ratio", .number(fanRatio)),
            ("from", .number(range.lowerBound)),
            ("to", .number(range.upperBound)),
            ("rows", .array(objects)),
            ("failed", .integer(failedLines)),
        ])
    }
}
