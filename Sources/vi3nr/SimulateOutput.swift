import ActivationExpr
import VI3NR

/// What `simulate` prints: a summary of one run or a comparison table,
/// optionally every layer's figures, as text, CSV or JSON.
struct SimulateOutput {
    let activation: Activation

    /// The network every run shares (shape, σ_p, seed).
    let configuration: DeepNetworkConfiguration

    let runs: [SimulateRun]
    let isComparison: Bool
    let showsPerLayer: Bool

    func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            let objects = runs.map(json)
            return (isComparison ? JSONValue.array(objects) : objects[0]).rendered() + "\n"
        case .csv:
            return showsPerLayer ? perLayerTable(forCSV: true).csv()
                : comparisonTable(forCSV: true).csv()
        case .text:
            var text = isComparison ? comparisonText() : summaryText(runs[0])
            if showsPerLayer { text += "\n" + perLayerTable(forCSV: false).aligned() }
            return text
        }
    }
}

// MARK: - Text

extension SimulateOutput {
    /// `100 layers of width 1000, batch 10000, sigma_p = 1, seed 0`.
    var networkText: String {
        "\(configuration.layerCount) layers of width \(configuration.width), "
            + "batch \(configuration.batchSize), "
            + "sigma_p = \(NumberText.shortest(configuration.preactivationStd)), "
            + "seed \(configuration.seed)"
    }

    /// Label–value lines for one run.
    func summaryText(_ run: SimulateRun) -> String {
        guard let weights = run.weights, let result = run.result,
              let last = run.forwardLayers?.last else { return "" }
        let target = configuration.preactivationStd * configuration.preactivationStd
        var backward = "not measured: " + (run.failure.map(Self.cellText) ?? "")
            + " (see the error)"
        if let input = run.backwardLayers?.first {
            backward = Self.percent(input.smape) + "  (Var dL/dz_0 against 1;"
                + " mean Var dL/dz_0 = \(NumberText.significant(input.meanVariance, digits: 4)))"
        }
        return labelledLines([
            ("phi(x)", activation.expression.description),
            ("initialisation", Self.schemeText(weights, sigmaP: configuration.preactivationStd)),
            ("gain", Self.gainText(weights)),
            ("weights", "U(-a, a), a = " + NumberText.significant(weights.uniformBound, digits: 6)),
            ("network", networkText + " (\(result.threadCount) "
                + (result.threadCount == 1 ? "thread)" : "threads)")),
            ("forward SMAPE", Self.percent(last.smape)
                + "  (Var z_L against sigma_p^2 = \(NumberText.significant(target, digits: 6));"
                + " mean Var z_L = \(NumberText.significant(last.meanVariance, digits: 4)))"),
            ("backward SMAPE", backward),
        ])
    }

    /// The network line, then one row per scheme.
    func comparisonText() -> String {
        "phi(x) = \(activation.expression); \(networkText)\n\n"
            + comparisonTable(forCSV: false).aligned()
    }

    func comparisonTable(forCSV: Bool) -> TextTable {
        var table = TextTable(header: forCSV
            ? ["scheme", "gain", "gain_error", "uniform_bound", "forward_smape",
               "backward_smape", "forward_variance", "backward_variance", "error"]
            : ["scheme", "gain", "bound a", "forward SMAPE %", "backward SMAPE %",
               "mean Var z_L", "mean Var dL/dz_0"])
        for run in runs {
            let weights = run.weights
            let last = run.forwardLayers?.last
            let input = run.backwardLayers?.first
            if forCSV {
                table.append([
                    run.scheme.name,
                    weights.map { NumberText.shortest($0.gain) } ?? "",
                    weights.map { NumberText.shortest($0.gainError) } ?? "",
                    weights.map { NumberText.shortest($0.uniformBound) } ?? "",
                    last.map { NumberText.shortest($0.smape) } ?? "",
                    input.map { NumberText.shortest($0.smape) } ?? "",
                    last.map { NumberText.shortest($0.meanVariance) } ?? "",
                    input.map { NumberText.shortest($0.meanVariance) } ?? "",
                    run.failure.map { Self.failureSummary($0) } ?? "",
                ])
            } else {
                let failed = run.failure.map(Self.cellText) ?? "-"
                table.append([
                    run.scheme.name,
                    weights.map { NumberText.significant($0.gain, digits: 6) } ?? "-",
                    weights.map { NumberText.significant($0.uniformBound, digits: 6) } ?? "-",
                    last.map { NumberText.significant($0.smape, digits: 3) } ?? failed,
                    input.map { NumberText.significant($0.smape, digits: 3) } ?? failed,
                    last.map { NumberText.significant($0.meanVariance, digits: 4) } ?? "-",
                    input.map { NumberText.significant($0.meanVariance, digits: 4) } ?? "-",
                ])
            }
        }
        return table
    }

    /// Every layer of every run that finished.
    func perLayerTable(forCSV: Bool) -> TextTable {
        let schemeColumn = isComparison ? ["scheme"] : []
        var table = TextTable(header: schemeColumn + (forCSV
            ? ["layer", "forward_variance", "forward_variance_spread", "forward_smape",
               "backward_variance", "backward_variance_spread", "backward_smape"]
            : ["layer", "mean Var z_l", "spread", "forward SMAPE %", "mean Var dL/dz_l",
               "spread", "backward SMAPE %"]))
        for run in runs {
            guard let forwardLayers = run.forwardLayers else { continue }
            let backwardLayers = run.backwardLayers
            for forward in forwardLayers {
                let backward = backwardLayers?[forward.layer]
                let cells = [forward, backward].flatMap { layer in
                    guard let layer else { return Array(repeating: forCSV ? "" : "-", count: 3) }
                    return forCSV
                        ? [NumberText.shortest(layer.meanVariance),
                           layer.varianceSpread.map(NumberText.shortest) ?? "",
                           NumberText.shortest(layer.smape)]
                        : [NumberText.significant(layer.meanVariance, digits: 5),
                           layer.varianceSpread.map { NumberText.significant($0, digits: 3) }
                               ?? "-",
                           NumberText.significant(layer.smape, digits: 3)]
                }
                let scheme = isComparison ? [run.scheme.name] : []
                table.append(scheme + [String(forward.layer)] + cells)
            }
        }
        return table
    }

    /// `vi3nr: sigma_p/sqrt(M_f) at sigma_p = 1`, and the like.
    static func schemeText(_ weights: InitializationWeights, sigmaP: Double) -> String {
        let name = weights.scheme.name
        switch weights.scheme {
        case .varianceInformed:
            return "\(name): gain sigma_p/sqrt(M_f) at sigma_p = \(NumberText.shortest(sigmaP))"
        case .pytorch:
            let nonlinearity = weights.pytorchNonlinearity?.name ?? "?"
            return "\(name): xavier_uniform_ with calculate_gain('\(nonlinearity)')"
        case .torchDefault:
            return "\(name): nn.Linear's default, a = 1/sqrt(width)"
        case .siren:
            let frequency = weights.sineFrequency.map(NumberText.shortest) ?? "?"
            return "\(name): a = sqrt(6/width)/|w| with w = \(frequency)"
        case .xavier:
            return "\(name): Glorot uniform, gain 1"
        case .gain:
            return "the gain given with --gain"
        }
    }

    /// The gain, with its error when it has one.
    static func gainText(_ weights: InitializationWeights) -> String {
        weights.gainError > 0
            ? NumberText.withError(weights.gain, weights.gainError, maximumDigits: 10)
            : NumberText.significant(weights.gain, digits: 10)
    }

    /// `1.23 %`.
    static func percent(_ value: Double) -> String {
        NumberText.significant(value, digits: 3) + " %"
    }

    /// A table cell for a pass that did not finish: `overflow` when its
    /// values left Float's range, `failed` otherwise.
    static func cellText(_ failure: SimulateFailure) -> String {
        switch failure {
        case .network(.nonFiniteValues, _): return "overflow"
        case .network(.nonFiniteActivation, _): return "non-finite phi"
        default: return "failed"
        }
    }

    /// The first line of a failure's report, without `error: `.
    static func failureSummary(_ failure: SimulateFailure) -> String {
        switch failure.error {
        case let error as UserFacingError: return error.summary
        case let error as UsageError: return error.message
        case let error: return "\(error)"
        }
    }
}

// MARK: - JSON

extension SimulateOutput {
    /// One run as an object; every key is present in every object, `null`
    /// where it does not apply.
    func json(_ run: SimulateRun) -> JSONValue {
        let weights = run.weights
        let forwardLayers = run.forwardLayers
        let backwardLayers = run.backwardLayers
        let perLayer: JSONValue = showsPerLayer
            ? .array((forwardLayers ?? []).map { forward in
                let backward = backwardLayers?[forward.layer]
                return .object([
                    ("layer", .integer(forward.layer)),
                    ("forward_variance", .number(forward.meanVariance)),
                    ("forward_variance_spread", .number(forward.varianceSpread)),
                    ("forward_smape", .number(forward.smape)),
                    ("backward_variance", .number(backward?.meanVariance)),
                    ("backward_variance_spread", .number(backward?.varianceSpread)),
                    ("backward_smape", .number(backward?.smape)),
                ])
            })
            : .null
        return .object(JSONValue.activationMembers(activation) + [
            ("scheme", .string(run.scheme.name)),
            ("scheme_description", weights.map {
                .string(Self.schemeText($0, sigmaP: configuration.preactivationStd))
            } ?? .null),
            ("gain", .number(weights?.gain)),
            ("gain_error", .number(weights?.gainError)),
            ("uniform_bound", .number(weights?.uniformBound)),
            ("pytorch_nonlinearity",
             weights?.pytorchNonlinearity.map { .string($0.name) } ?? .null),
            ("sine_frequency", .number(weights?.sineFrequency)),
            ("sigma_p", .number(configuration.preactivationStd)),
            ("layers", .integer(configuration.layerCount)),
            ("width", .integer(configuration.width)),
            ("batch", .integer(configuration.batchSize)),
            ("seed", .unsignedInteger(configuration.seed)),
            ("threads", run.result.map { .integer($0.threadCount) } ?? .null),
            ("forward_smape", .number(forwardLayers?.last?.smape)),
            ("backward_smape", .number(backwardLayers?.first?.smape)),
            ("forward_variance", .number(forwardLayers?.last?.meanVariance)),
            ("backward_variance", .number(backwardLayers?.first?.meanVariance)),
            ("per_layer", perLayer),
            ("error", run.failure.map { .string(Self.failureSummary($0)) } ?? .null),
        ])
    }
}
