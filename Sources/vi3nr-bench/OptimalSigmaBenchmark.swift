import ActivationExpr
import Foundation
import VI3NR

/// Item 3: the optimal σ_p search (`OptimalSigmaSearch`, roots of
/// `cond(σ_p) = 1` by a quadrature scan and Brent refinement) against
///
/// - the grid search in common use (`grid_search.py`): 10^4 σ values from
///   0.001 to 10, each with 10^6 Monte Carlo samples and PyTorch autograd.
///   It runs a slice of the grid and extrapolates to the whole grid, which
///   the output says. Targets: 10^4x in the median over the activations,
///   10^3x for each, with the root to 1e-10 instead of to the grid step.
/// - SciPy's `brentq` on `quad` moments given a bracket
///   (`scripts/peers/brentq_quad.py`), for the activations with a genuine
///   root. The brief sets no speed target there; it shows accuracy.
enum OptimalSigmaBenchmark {
    /// The grid's range, which our search covers too.
    static let lowerBound = 0.001
    static let upperBound = 10.0

    /// The accuracy asked of a root.
    static let rootTolerance = 1e-10

    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        let activations = context.options.activations
        let runs = min(context.options.runs, 5)
        let slice = context.options.quick ? 4 : 20
        context.heading(
            "3. Optimal sigma_p search on [\(lowerBound), \(upperBound)], cond(sigma_p) = 1",
            work: """
                ours: OptimalSigmaSearch (quadrature scan at 6 points per decade, trusted \
                signs, Brent roots to a relative \(rootTolerance)), \(context.threads) \
                threads, median of \(runs) runs.
                peer (grid_search.py): 10^4 sigma values x 10^6 samples with PyTorch \
                autograd (NumPy differences without PyTorch); it TIMES \(slice) OF THE \
                10^4 VALUES AND EXTRAPOLATES to the whole grid; resolution 0.001.
                peer (scripts/peers/brentq_quad.py): SciPy brentq (xtol 1e-12) on quad \
                moments (epsrel 1e-11), given a bracket, median of \(runs) runs.
                """)

        var ours: [String: (time: Double, result: OptimalSigmaResult)] = [:]
        for activation in activations {
            do {
                let parsed = try Activation(parsing: activation.expression)
                let search = OptimalSigmaSearch(
                    lowerBound: lowerBound, upperBound: upperBound,
                    rootRelativeTolerance: rootTolerance)
                let timed = try Stopwatch.median(runs: runs) { _ in
                    try search.run(for: parsed)
                }
                ours[activation.name] = (timed.milliseconds, timed.result)
                context.detail("  \(activation.name.padded(9)) ours  "
                    + "\(SummaryTable.formatTime(timed.milliseconds).padded(9)) "
                    + describe(timed.result, reference: activation.optimalSigma?.root))
            } catch {
                throw .computation(item: "search", activation: activation.name, underlying: error)
            }
        }

        let grid = context.peers.run(
            "grid_search.py",
            ["--slice", "\(slice)", "--only"] + activations.map(\.name),
            needs: ["numpy"])
        context.skipped("grid_search.py", grid)
        let withRoots = activations.filter { $0.optimalSigma != nil }
        let brackets = withRoots.compactMap { activation -> String? in
            guard let bracket = activation.optimalSigma?.bracket else { return nil }
            return "\(activation.name):\(bracket.lowerBound):\(bracket.upperBound)"
        }
        let brent = brackets.isEmpty ? PeerOutcome.records([]) : context.peers.run(
            URL(fileURLWithPath: context.options.scriptsDirectory).standardizedFileURL
                .appendingPathComponent("brentq_quad.py").path,
            ["--peers", context.peers.directory.path, "--runs", "\(runs)"] + brackets,
            needs: ["numpy", "scipy"])
        context.skipped("brentq_quad.py", brent)

        var gridRatios: [Double] = []
        for activation in activations {
            guard let our = ours[activation.name] else { continue }
            let exactRoot = activation.optimalSigma?.root
            let rootError = exactRoot.flatMap { exact in
                our.result.roots.map { abs($0.preactivationStd.value - exact) / exact }.min()
            }

            // The grid search: extrapolated time, and the σ it picks on its slice.
            let gridRecord = grid.records(for: activation.name).first
            let gridTime = gridRecord?.double("seconds_extrapolated_full_grid").map { $0 * 1e3 }
            if let record = gridRecord {
                context.detail("  \(activation.name.padded(9)) grid  "
                    + "\(SummaryTable.formatTime(gridTime ?? 0).padded(9)) extrapolated from "
                    + "\(record.int("values_run") ?? 0) values in "
                    + "\(SummaryTable.formatTime((record.double("seconds_run") ?? 0) * 1e3)); "
                    + "best sigma on its sparse slice "
                    + "\(Format.number(record.double("best_sigma_on_slice") ?? .nan)), "
                    + "grid step 0.001 (\(record.string("peer") ?? "?"))")
            }
            var gridRow = SummaryRow(
                item: "3 sigma search", activation: activation.name, ours: our.time,
                peer: "grid-search (extrap.)", peerTime: gridTime,
                requiredRatio: 1e3, targetText: "≥ 1e3x, root 1e-10")
            (gridRow.conditionMet, gridRow.note) = verdict(
                our.result, activation: activation, rootError: rootError)
            if let ratio = gridRow.ratio { gridRatios.append(ratio) }
            context.add(gridRow)

            // SciPy's brentq on quad, where there is a genuine root.
            guard exactRoot != nil else { continue }
            let brentRecord = brent.records(for: activation.name).first
            if let record = brentRecord, let root = record.double("root"), let exact = exactRoot {
                context.detail("  \(activation.name.padded(9)) brentq "
                    + "\(SummaryTable.formatTime(record.double("median_ms") ?? 0).padded(8)) "
                    + "root \(Format.number(root, digits: 16)) rel. error "
                    + "\(Format.relative(abs(root - exact) / exact)), "
                    + "\(record.int("cond_evaluations") ?? 0) evaluations of cond")
            }
            if let exact = exactRoot {
                context.detail("  \(activation.name.padded(9)) reference root "
                    + "\(Format.number(exact, digits: 17))")
            }
            let brentError = exactRoot.flatMap { exact in
                brentRecord?.double("root").map { abs($0 - exact) / exact }
            }
            context.add(SummaryRow(
                item: "3 sigma search", activation: activation.name, ours: our.time,
                peer: "scipy-brentq-quad", peerTime: brentRecord?.double("median_ms"),
                requiredRatio: nil, targetText: "(none set)",
                note: "root error ours \(rootError.map(Format.relative) ?? "?"), "
                    + "scipy \(brentError.map(Format.relative) ?? "?")"))
        }

        if !gridRatios.isEmpty {
            context.add(SummaryRow(
                item: "3 sigma search", activation: "median", ours: nil,
                peer: "grid-search (extrap.)", peerTime: nil, requiredRatio: 1e4,
                targetText: "≥ 1e4x (median)", summarisedRatio: Stopwatch.median(of: gridRatios)))
        }
    }

    /// One line for our outcome: the roots with their error bounds and
    /// their distance to the reference, or what was found instead.
    private static func describe(_ result: OptimalSigmaResult, reference: Double?) -> String {
        switch result.outcome {
        case .roots(let roots):
            return roots.map { root in
                let estimate = root.preactivationStd
                var text = "root \(Format.number(estimate.value, digits: 16)) ± "
                    + Format.relative(estimate.errorEstimate)
                if let reference {
                    text += " rel. error "
                        + Format.relative(abs(estimate.value - reference) / reference)
                }
                return text
            }.joined(separator: "; ")
        case .anySigma:
            return "cond = 1 for every sigma_p (positively homogeneous): any sigma_p"
        case .trivialLimit:
            return "only the trivial root sigma_p -> 0 (linear regime)"
        case .noRoot(let closest):
            return "no root; closest approach at \(Format.number(closest.preactivationStd))"
        case .degenerate(let kind):
            return "degenerate: \(kind.rawValue)"
        }
    }

    /// Whether our answer is the right one: the root to 1e-10 where there is
    /// a genuine root; otherwise the right kind of answer (the trivial limit
    /// for the odd activations with φ'(0) ≠ 0, any σ_p for relu).
    private static func verdict(
        _ result: OptimalSigmaResult, activation: LiteratureActivation, rootError: Double?
    ) -> (Bool, String) {
        if activation.optimalSigma != nil {
            guard let rootError else { return (false, "no root found") }
            return (rootError <= rootTolerance, rootError <= rootTolerance
                ? "" : "root off by \(Format.relative(rootError))")
        }
        switch result.outcome {
        case .trivialLimit where ["sine", "tanh"].contains(activation.name):
            return (true, "trivial limit, grid gives a meaningless argmin")
        case .anySigma where activation.name == "relu":
            return (true, "any sigma_p, grid gives a meaningless argmin")
        default:
            return (false, "unexpected outcome")
        }
    }
}
