#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VI3NR

/// `vi3nr input-gain`: the gain of a network's first layer, which sees
/// data, from the data's mean and standard deviation or from a data file
/// (`InputGain`, `InputDataStatistics`).
struct InputGainCommand: Command {
    static let description = CommandDescription(
        name: "input-gain",
        summary: "the gain of the first layer, from data statistics or a data file",
        discussion: """
            The first layer sees data, not activations: weights of variance \
            gain^2/fan_in keep sigma_p when gain^2 = sigma_p^2/(mean^2 + std^2). Give the \
            mean and standard deviation of the input features, or a data file \
            (one sample per row, one feature per column, separated by commas or by \
            blanks; an optional header line of names; '#' comments; '-' reads \
            standard input): the statistics are pooled over all cells, and the gain \
            carries a standard error from the spread between rows.
            """,
        positionals: [],
        options: [
            CommonOptions.sigmaP,
            .single("mean", valueName: "M", help: "the mean of the input features"),
            .single("std", valueName: "D", help: "their standard deviation"),
            .single("data", valueName: "FILE",
                    help: "a data file instead ('-' for standard input)"),
            .single("format", valueName: "F",
                    help: "the data file's separator: auto, csv or whitespace (default auto)"),
            .json,
        ],
        examples: [
            "vi3nr input-gain --sigma-p 1 --mean 0 --std 0.5774",
            "vi3nr input-gain --sigma-p 1 --data coordinates.csv --json",
        ])

    /// Where the input statistics come from.
    enum Source {
        case moments(mean: Double, standardDeviation: Double)
        case file(path: String, format: DataFileFormat)
    }

    let sigmaP: Double
    let source: Source
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        sigmaP = try arguments.sigmaP()
        printsJSON = arguments.isSet("json")
        let mean = try arguments.value("mean", as: .finiteNumber)
        let deviation = try arguments.value("std", as: .nonNegativeNumber)
        let path = arguments.values["data"]?.last
        let format = try arguments.value("format", as: .dataFileFormat)

        switch (mean, deviation, path) {
        case let (mean?, deviation?, nil):
            guard format == nil else {
                throw UsageError("--format applies to --data only", commandName: "input-gain")
            }
            source = .moments(mean: mean, standardDeviation: deviation)
        case let (nil, nil, path?):
            guard !path.isEmpty else {
                throw UsageError("--data needs a file name", commandName: "input-gain")
            }
            source = .file(path: path, format: format ?? .automatic)
        case (_, _, _?):
            throw UsageError(
                "give either --data or --mean and --std, not both", commandName: "input-gain")
        case (nil, nil, nil):
            throw UsageError(
                "give --mean M --std D, or --data FILE", commandName: "input-gain")
        case (nil, _, nil):
            throw UsageError("--std needs --mean as well", commandName: "input-gain")
        case (_, nil, nil):
            throw UsageError("--mean needs --std as well", commandName: "input-gain")
        }
    }

    func run() throws -> CommandOutput {
        let gain: InputGain
        switch source {
        case let .moments(mean, deviation):
            gain = try InputGain(mean: mean, standardDeviation: deviation, preactivationStd: sigmaP)
        case let .file(path, format):
            let statistics = try Self.statistics(path: path, format: format)
            gain = try InputGain(statistics: statistics, preactivationStd: sigmaP)
        }
        let text = printsJSON ? json(gain).rendered() + "\n" : plainText(gain)
        return CommandOutput(standardOutput: text)
    }

    /// The statistics of the file (or of standard input for `-`).
    static func statistics(path: String, format: DataFileFormat) throws -> InputDataStatistics {
        do {
            if path == "-" {
                return try InputDataStatistics(
                    fileDescriptor: STDIN_FILENO, name: "<stdin>", format: format)
            }
            return try InputDataStatistics(contentsOfFile: path, format: format)
        } catch {
            throw DataFileFailure(path: path == "-" ? "<stdin>" : path, error: error)
        }
    }
}

// MARK: - Output

private extension InputGainCommand {
    var dataPath: String? {
        if case .file(let path, _) = source { return path == "-" ? "<stdin>" : path }
        return nil
    }

    func json(_ gain: InputGain) -> JSONValue {
        let mean: Double, deviation: Double
        if let statistics = gain.statistics {
            (mean, deviation) = (statistics.mean, statistics.standardDeviation)
        } else if case let .moments(givenMean, givenDeviation) = source {
            (mean, deviation) = (givenMean, givenDeviation)
        } else {
            (mean, deviation) = (.nan, .nan)
        }
        var data = JSONValue.null
        if let statistics = gain.statistics {
            data = .object([
                ("file", .string(dataPath ?? "")),
                ("rows", .integer(statistics.rows)),
                ("columns", .integer(statistics.columns)),
                ("header_line", statistics.headerLine.map(JSONValue.integer) ?? .null),
                ("format", .string(Self.formatName(statistics.format))),
                ("minimum", .number(statistics.minimum)),
                ("maximum", .number(statistics.maximum)),
                ("second_moment_standard_error", .number(statistics.secondMomentStandardError)),
            ])
        }
        return .object([
            ("sigma_p", .number(gain.preactivationStd)),
            ("mean", .number(mean)),
            ("std", .number(deviation)),
            ("second_moment", .number(gain.inputSecondMoment)),
            ("gain", .number(gain.gain)),
            ("gain_standard_error", .number(gain.gainStandardError)),
            ("gain2", .number(gain.gainSquared)),
            ("gain2_standard_error", .number(gain.gainSquaredStandardError)),
            ("data", data),
        ])
    }

    func plainText(_ gain: InputGain) -> String {
        var rows: [(String, String)] = [("sigma_p", NumberText.shortest(gain.preactivationStd))]
        if let statistics = gain.statistics {
            let header = statistics.headerLine.map { ", header on line \($0)" } ?? ""
            rows.append(("data", "\(dataPath ?? ""): \(statistics.rows) rows x "
                + "\(statistics.columns) columns (\(Self.formatName(statistics.format))\(header))"))
            rows.append(("range", "\(NumberText.shortest(statistics.minimum)) to "
                + NumberText.shortest(statistics.maximum)))
            rows.append(("mean", NumberText.significant(statistics.mean, digits: 10)))
            rows.append(("std", NumberText.significant(statistics.standardDeviation, digits: 10)))
        } else if case let .moments(mean, deviation) = source {
            rows.append(("mean", NumberText.shortest(mean)))
            rows.append(("std", NumberText.shortest(deviation)))
        }
        rows.append(("mean^2 + std^2", NumberText.significant(gain.inputSecondMoment, digits: 10)))
        if let error = gain.gainSquaredStandardError, let gainError = gain.gainStandardError {
            rows.append(("gain^2", NumberText.withError(gain.gainSquared, error)
                + "  (standard error from the rows)"))
            rows.append(("gain", NumberText.withError(gain.gain, gainError)))
        } else {
            rows.append(("gain^2", NumberText.significant(gain.gainSquared, digits: 15)))
            rows.append(("gain", NumberText.significant(gain.gain, digits: 15)))
        }
        return labelledLines(rows)
    }

    static func formatName(_ format: DataFileFormat) -> String {
        switch format {
        case .automatic: return "auto"
        case .commaSeparated: return "csv"
        case .whitespaceSeparated: return "whitespace"
        }
    }
}

extension ValueParser where Value == DataFileFormat {
    /// `auto`, `csv` or `whitespace`.
    static let dataFileFormat = ValueParser(expectation: "auto, csv or whitespace") { text in
        switch text {
        case "auto": return .automatic
        case "csv": return .commaSeparated
        case "whitespace": return .whitespaceSeparated
        default: return nil
        }
    }
}

/// A data file that cannot give statistics: the library's account, with
/// the file's name in front when the account does not name it.
struct DataFileFailure: UserFacingError {
    let path: String
    let error: InputDataError

    var summary: String {
        let text = error.description
        return text.contains(path) ? text : "\(path): \(text)"
    }

    var details: [String] { [] }
}
