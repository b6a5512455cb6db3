import ActivationExpr
import GaussianMoments
import VI3NR

/// Item 4: the deep-network check at the published size (`L = 100`,
/// `n = 1000`, `B = 10000`, `σ_p = 1`), forward and backward, against the
/// same experiment in NumPy float32 with its OpenBLAS (`deep_mlp.py`).
/// Target: within 1.5x of NumPy's time (ratio ≥ 1/1.5).
///
/// Both sides get the same gain, ours from quadrature, and both report
/// their SMAPEs, so that the work done is visibly the same.
enum DeepNetworkBenchmark {
    /// The published size, or the reduced one of `--quick`.
    static func shape(quick: Bool) -> (layers: Int, width: Int, batch: Int) {
        quick ? (20, 500, 2000) : (100, 1000, 10_000)
    }

    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        let (layers, width, batch) = shape(quick: context.options.quick)
        let runs = min(context.options.runs, 3)
        context.heading(
            "4. Deep-network check, L = \(layers), n = \(width), B = \(batch), sigma_p = 1",
            work: """
                ours: DeepNetworkCheck.run, float32 OpenBLAS sgemm (system \
                libopenblas), \(context.threads) threads, phi and phi' by block kernels.
                peer (deep_mlp.py): NumPy float32, its bundled OpenBLAS on all cores, \
                phi' by central differences. Median of \(runs) runs each; a run is the \
                whole experiment, forward and backward.
                """)

        for name in context.options.deepActivations {
            guard let activation = LiteratureActivation.all.first(where: { $0.name == name })
            else { continue }
            let ours = try runOurs(activation, layers: layers, width: width, batch: batch,
                                   runs: runs, context: context)

            var peerTimes: [Double] = []
            var lastRecord: PeerRecord?
            for run in 0..<runs {
                let outcome = context.peers.run(
                    "deep_mlp.py",
                    [activation.name, "--gain", "\(ours.gain)", "--layers", "\(layers)",
                     "--width", "\(width)", "--batch", "\(batch)"],
                    needs: ["numpy"])
                guard let record = outcome.records(for: activation.name).first,
                      let seconds = record.double("seconds") else {
                    context.skipped("deep_mlp.py", outcome)
                    break
                }
                peerTimes.append(seconds * 1e3)
                lastRecord = record
                context.detail("  \(name.padded(9)) numpy run \(run + 1): "
                    + SummaryTable.formatTime(seconds * 1e3))
            }
            if let record = lastRecord {
                let forward = record.double("forward_smape").map { Format.number($0, digits: 4) }
                let backward = record.double("backward_smape").map { Format.number($0, digits: 4) }
                context.detail("  \(name.padded(9)) numpy median "
                    + "\(SummaryTable.formatTime(Stopwatch.median(of: peerTimes)))"
                    + "  forward SMAPE \(forward ?? "?") %, backward SMAPE \(backward ?? "?") %")
            }
            context.add(SummaryRow(
                item: "4 deep net", activation: name, ours: ours.milliseconds,
                peer: "numpy-float32-blas",
                peerTime: peerTimes.isEmpty ? nil : Stopwatch.median(of: peerTimes),
                requiredRatio: 1 / 1.5, targetText: "within 1.5x"))
        }
    }

    /// Our check, `runs` times (no warm-up run: each takes long enough
    /// and starts from cold memory like the peer's).
    private static func runOurs(
        _ activation: LiteratureActivation, layers: Int, width: Int, batch: Int, runs: Int,
        context: BenchmarkContext
    ) throws(BenchmarkError) -> (milliseconds: Double, gain: Double) {
        do {
            let parsed = try Activation(parsing: activation.expression)
            let moment = try GaussianQuadrature.expectation(
                of: .forwardSecondMoment(of: parsed), standardDeviation: 1)
            let gain = (1 / moment.value).squareRoot()
            let configuration = DeepNetworkConfiguration(
                layerCount: layers, width: width, batchSize: batch, preactivationStd: 1,
                weightScale: .gain(gain), seed: 1, threadCount: context.threads)
            let timed = try Stopwatch.median(runs: runs, warmUp: false) { _ in
                try DeepNetworkCheck.run(
                    function: parsed.function, derivative: parsed.derivative,
                    configuration: configuration)
            }
            context.detail("  \(activation.name.padded(9)) ours median "
                + "\(SummaryTable.formatTime(timed.milliseconds))"
                + "  forward SMAPE \(Format.number(timed.result.forwardSMAPE, digits: 4)) %,"
                + " backward SMAPE \(Format.number(timed.result.backwardSMAPE, digits: 4)) %"
                + "  (gain \(Format.number(gain, digits: 12)), \(timed.result.threadCount)"
                + " threads, OpenBLAS core \(DeepNetworkCheck.blasCoreName))")
            return (timed.milliseconds, gain)
        } catch {
            throw .computation(item: "deep net", activation: activation.name, underlying: error)
        }
    }
}
