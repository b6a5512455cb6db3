import VI3NR

/// The options several commands share, defined once so that their names,
/// value forms, defaults and help read the same everywhere.
enum CommonOptions {
    /// `--sigma-p S`: the preactivation standard deviation, 1 by default.
    static let sigmaP = OptionDefinition.single(
        "sigma-p", valueName: "S",
        help: "the preactivation standard deviation sigma_p (default 1)")

    /// `--samples N`: Monte Carlo samples.
    static let samples = OptionDefinition.single(
        "samples", valueName: "N",
        help: "Monte Carlo samples, 2 to 1e10 (default 1000000)")

    /// `--seed K`: the Monte Carlo seed.
    static let seed = OptionDefinition.single(
        "seed", valueName: "K", help: "Monte Carlo seed, a whole number >= 0 (default 0)")

    /// `--fan-ratio R`: `fan_out / fan_in` of the layers.
    static let fanRatio = OptionDefinition.single(
        "fan-ratio", valueName: "R",
        help: "fan_out/fan_in of the layers; cond must equal 1/R (default 1)")

    /// `--from A`: the lower end of a σ_p range.
    static func from(default value: Double) -> OptionDefinition {
        .single("from", valueName: "A",
                help: "the smallest sigma_p (default \(NumberText.shortest(value)))")
    }

    /// `--to B`: the upper end of a σ_p range.
    static func to(default value: Double) -> OptionDefinition {
        .single("to", valueName: "B",
                help: "the largest sigma_p (default \(NumberText.shortest(value)))")
    }

    /// `--csv`, for commands that print a table.
    static let csv = OptionDefinition.flag("csv", help: "print the table as CSV")

    /// The default `σ_p`.
    static let defaultSigmaP = 1.0

    /// The default Monte Carlo seed.
    static let defaultSeed: UInt64 = 0
}

// MARK: - Reading the shared options

extension ParsedArguments {
    /// `--sigma-p`, or 1.
    func sigmaP() throws(UsageError) -> Double {
        try value("sigma-p", as: .preactivationStd) ?? CommonOptions.defaultSigmaP
    }

    /// `--samples` and `--seed` as Monte Carlo options (`--samples`
    /// defaults to `defaultSamples`).
    func monteCarloOptions(defaultSamples: Int = MonteCarloOptions.defaultSamples)
        throws(UsageError) -> MonteCarloOptions
    {
        MonteCarloOptions(
            samples: try value("samples", as: .sampleCount) ?? defaultSamples,
            seed: try value("seed", as: .seed) ?? CommonOptions.defaultSeed)
    }

    /// `--fan-ratio`, or 1.
    func fanRatio() throws(UsageError) -> Double {
        try value("fan-ratio", as: .positiveNumber) ?? 1
    }

    /// `--from` and `--to` with their defaults, checked to make a range
    /// `0 < from < to` within the σ_p limits.
    func sigmaRange(from lower: Double, to upper: Double) throws(UsageError) -> ClosedRange<Double>
    {
        let from = try value("from", as: .preactivationStd) ?? lower
        let to = try value("to", as: .preactivationStd) ?? upper
        guard from < to else {
            throw UsageError(
                "the range --from \(NumberText.shortest(from)) --to \(NumberText.shortest(to)) "
                    + "is empty: --from must be below --to",
                commandName: commandName)
        }
        return from...to
    }

    /// Whether the output format is JSON, CSV or text; `--json` and
    /// `--csv` together are a usage error.
    func outputFormat() throws(UsageError) -> OutputFormat {
        switch (isSet("json"), isSet("csv")) {
        case (true, true):
            throw UsageError("--json and --csv exclude each other", commandName: commandName)
        case (true, false): return .json
        case (false, true): return .csv
        case (false, false): return .text
        }
    }
}

/// How a command prints its result.
enum OutputFormat: Equatable {
    /// Aligned text for a person.
    case text
    /// One JSON object.
    case json
    /// A header line and one line per row, comma-separated.
    case csv
}
