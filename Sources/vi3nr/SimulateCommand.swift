import ActivationExpr
import Foundation
import VI3NR

/// `vi3nr simulate EXPR`: the deep random network check of one
/// initialisation, or of every one that applies (`--compare`).
///
/// The numbers come from the library: the weights of each scheme from
/// `InitializationScheme.weights(for:preactivationStd:width:)`, the
/// network and its errors from `DeepNetworkCheck.run`.
struct SimulateCommand: Command {
    static let description = CommandDescription(
        name: "simulate",
        summary: "push Gaussian inputs through a deep random network and measure the drift",
        discussion: """
            Draws B inputs from N(0, sigma_p^2), pushes them through L square, bias-free \
            layers of width N with uniform weights U(-a, a) chosen by the initialisation, \
            then pushes N(0, 1) gradients back. For each sample it takes the variance \
            across the units (mean-subtracted, divided by N - 1) and reports the \
            symmetric mean absolute percentage error (0 to 100 %) of the last layer's \
            against sigma_p^2 (forward) and of the input gradient's against 1 \
            (backward). Initialisations: vi3nr (the gain sigma_p/sqrt(M_f) at \
            sigma_p, the default), pytorch (xavier_uniform_ with calculate_gain; only \
            for x, tanh(x), sigmoid(x), relu(x), leaky_relu(x[, s])), torch-default \
            (nn.Linear unasked: a = 1/sqrt(N)), siren (a = sqrt(6/N)/w, only for \
            sin(w*x)), xavier (gain 1), or --gain G (a = G*sqrt(3/N)). --compare runs \
            every one that applies, on the same inputs and weight draws. The matrix \
            products are single precision (OpenBLAS sgemm); memory is about \
            4*(L + 2)*B*N bytes. Progress goes to standard error on a terminal.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            .single("init", valueName: "NAME",
                    help: "vi3nr, pytorch, torch-default, siren or xavier (default vi3nr)"),
            .single("gain", valueName: "G", help: "use the gain G instead of a named scheme"),
            .flag("compare", help: "run every initialisation that applies; one row each"),
            CommonOptions.sigmaP,
            .single("layers", valueName: "L",
                    help: "layers, 1 to \(DeepNetworkConfiguration.maximumLayerCount) "
                        + "(default \(defaultLayers))"),
            .single("width", valueName: "N",
                    help: "units per layer, 2 to \(DeepNetworkConfiguration.maximumWidth) "
                        + "(default \(defaultWidth))"),
            .single("batch", valueName: "B",
                    help: "samples, 1 to 2^31 - 1 (default \(defaultBatch))"),
            .single("seed", valueName: "K",
                    help: "seed of the inputs, weights and gradients (default 0)"),
            ActivationArguments.parameterOption,
            .flag("per-layer", help: "also give every layer's variances and errors"),
            CommonOptions.csv,
            .single("svg", valueName: "FILE",
                    help: "write the per-layer variances as an SVG plot to FILE"),
            .json,
        ],
        examples: [
            "vi3nr simulate 'tanh(x)'",
            "vi3nr simulate --compare 'sin(30*x)' --layers 100 --width 1000 --batch 10000",
            "vi3nr simulate 'sigmoid(x)' --init pytorch --per-layer --svg sigmoid.svg",
        ])

    /// The library's defaults: a check that finishes in about a second.
    static let defaultLayers = 20, defaultWidth = 256, defaultBatch = 1000

    let activationArguments: ActivationArguments
    let choice: SimulateChoice
    let sigmaP: Double
    let layers: Int, width: Int, batch: Int
    let seed: UInt64
    let showsPerLayer: Bool
    let svgPath: String?
    let format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        choice = try SimulateChoice(arguments)
        sigmaP = try arguments.sigmaP()
        layers = try arguments.value("layers", as: .layerCount) ?? Self.defaultLayers
        width = try arguments.value("width", as: .networkWidth) ?? Self.defaultWidth
        batch = try arguments.value("batch", as: .batchSize) ?? Self.defaultBatch
        seed = try arguments.value("seed", as: .seed) ?? CommonOptions.defaultSeed
        showsPerLayer = arguments.isSet("per-layer")
        format = try arguments.outputFormat()

        svgPath = arguments.values["svg"]?.last
        if svgPath?.isEmpty == true {
            throw UsageError("--svg needs a file name", commandName: "simulate")
        }
        if svgPath != nil, case .compare = choice {
            throw UsageError(
                "--svg plots one initialisation; choose it with --init or --gain instead of "
                    + "--compare (--compare --per-layer --csv gives every scheme's layers)",
                commandName: "simulate")
        }

        // Sizes and memory are checked now, before any quadrature runs.
        try SimulateFailure.validate(configuration(weightScale: .gain(1)))
    }

    /// The network's configuration with the given weights.
    func configuration(weightScale: DeepNetworkWeightScale) -> DeepNetworkConfiguration {
        DeepNetworkConfiguration(
            layerCount: layers, width: width, batchSize: batch, preactivationStd: sigmaP,
            weightScale: weightScale, seed: seed)
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let schemes: [InitializationScheme]
        switch choice {
        case .single(let scheme):
            schemes = [scheme]
        case .compare:
            schemes = InitializationScheme.namedSchemes.filter { $0.isApplicable(to: activation) }
        }

        var warnings: [String] = []
        if let warning = Self.zeroWarning(activation) { warnings.append(warning) }

        let progress = ProgressReporter()
        defer { progress.finish() }
        let runner = SimulateRunner(
            activation: activation, configuration: configuration(weightScale: .gain(1)),
            progress: progress)
        var runs: [SimulateRun] = []
        for (index, scheme) in schemes.enumerated() {
            let label = schemes.count == 1 ? scheme.name
                : "\(scheme.name) (\(index + 1) of \(schemes.count))"
            runs.append(runner.run(scheme, label: label))
        }
        progress.finish()

        // One initialisation that gave nothing to print: its failure is the
        // command's (exit 2 for a scheme that does not apply, 1 for a
        // network that overflowed). A backward pass that failed after the
        // forward one still prints the forward figures, then exits 1.
        if case .single = choice, let run = runs.first, run.result == nil,
           let failure = run.failure {
            throw failure.error
        }
        let output = SimulateOutput(
            activation: activation, configuration: runner.configuration, runs: runs,
            isComparison: choice == .compare, showsPerLayer: showsPerLayer)
        if let svgPath, let run = runs.first, run.result != nil {
            do {
                let svg = SimulatePlot(output: output, run: run).plot().svg()
                try Data(svg.utf8).write(to: URL(fileURLWithPath: svgPath))
            } catch {
                throw OutputFileFailure(path: svgPath, reason: error.localizedDescription)
            }
        }

        let failures = runs.compactMap { $0.failure?.report(scheme: $0.scheme) }
        return CommandOutput(
            standardOutput: output.rendered(format), warnings: warnings, errors: failures,
            status: failures.isEmpty ? 0 : 1)
    }

    /// A warning when φ or φ' is NaN or infinite at exactly 0.
    ///
    /// The network computes in single precision, where a product of a row
    /// of weights with the activations is exactly 0 now and then: at the
    /// published size (10^9 preactivations), `sin(x)/x` met one within the
    /// first three layers in about half of the seeds tried. Where the
    /// expression has a limit at 0 (a removable singularity), the library
    /// uses it there and the warning says so; otherwise the NaN stops the
    /// check if an exact 0 comes, and the warning says how to avoid it.
    static func zeroWarning(_ activation: Activation) -> String? {
        let value = activation.function(0), slope = activation.derivative(0)
        guard !value.isFinite || !slope.isFinite else { return nil }

        let parts = [("phi", activation.function), ("phi'", activation.derivative)]
            .filter { !$0.1(0).isFinite }
        let limits = parts.map { RemovableSingularityAtZero.limit(of: $0.1) }
        if limits.allSatisfy({ $0 != nil }) {
            let described = zip(parts, limits).map { part, limit in
                "\(part.0)(0) is \(NumberText.shortest(part.1(0))) and its limit "
                    + "\(NumberText.shortest(Double(Float(limit ?? .nan))))"
            }
            return described.joined(separator: ", ") + "; where single precision makes a "
                + "preactivation exactly 0, the check uses the limit (a removable singularity)"
        }

        guard let unrepaired = zip(parts, limits).first(where: { $0.1 == nil })?.0 else {
            return nil
        }
        // The sinc hint only where a division could be the cause: the
        // printed expression writes every division as '/', and nothing else.
        let hint = activation.expression.description.contains("/")
            ? " (sinc(x) for sin(x)/x)" : ""
        return "\(unrepaired.0)(0) is \(NumberText.shortest(unrepaired.1(0))) without a "
            + "limit there; a "
            + "preactivation that is exactly 0 (single precision gives one now and then in "
            + "a large network) stops the check with NaN; write the expression so that it is "
            + "defined at 0" + hint
    }
}

/// One named or given initialisation, or all that apply.
enum SimulateChoice: Equatable {
    case single(InitializationScheme)
    case compare

    /// Reads `--init`, `--gain` and `--compare`, which exclude each other.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        let name = try arguments.value("init", as: .initializationScheme)
        let gain = try arguments.value("gain", as: .positiveNumber)
        let given = [
            name.map { _ in "--init" }, gain.map { _ in "--gain" },
            arguments.isSet("compare") ? "--compare" : nil,
        ].compactMap { $0 }
        guard given.count <= 1 else {
            throw UsageError(
                given.joined(separator: " and ") + " exclude each other: choose one",
                commandName: arguments.commandName)
        }
        if arguments.isSet("compare") {
            self = .compare
        } else if let gain {
            self = .single(.gain(gain))
        } else {
            self = .single(name ?? .varianceInformed)
        }
    }
}

// MARK: - Option values

extension ValueParser where Value == Int {
    /// `--layers`: 1 to the library's maximum.
    static let layerCount = wholeNumber(
        in: 1...DeepNetworkConfiguration.maximumLayerCount,
        expectation: "a whole number of layers from 1 to "
            + "\(DeepNetworkConfiguration.maximumLayerCount)")

    /// `--width`: 2 (the variance across units divides by `n − 1`) to the
    /// library's maximum.
    static let networkWidth = wholeNumber(
        in: 2...DeepNetworkConfiguration.maximumWidth,
        expectation: "a whole number of units from 2 to "
            + "\(DeepNetworkConfiguration.maximumWidth)")

    /// `--batch`: 1 to the library's maximum (BLAS's 32-bit sizes).
    static let batchSize = wholeNumber(
        in: 1...DeepNetworkConfiguration.maximumBatchSize,
        expectation: "a whole number of samples from 1 to 2^31 - 1")
}

extension ValueParser where Value == InitializationScheme {
    /// `--init`: a named scheme.
    static let initializationScheme = ValueParser(
        expectation: "one of "
            + InitializationScheme.namedSchemes.map(\.name).joined(separator: ", ")
    ) { text in
        InitializationScheme(name: text)
    }
}
