import ActivationExpr
import GaussianMoments

/// Item 1: the Monte Carlo gain with 10^6 samples, `M_f` with its
/// standard error, against NumPy float64 and PyTorch float32 on the CPU
/// (`mc_gain.py`). Targets: 3x NumPy, 1.5x PyTorch.
///
/// Our side draws fresh samples each run (seed = run), as the peers do,
/// on every core; the peers' medians come from their own 7 runs.
enum MonteCarloGainBenchmark {
    static let samples = 1_000_000

    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        let activations = context.options.activations
        context.heading(
            "1. Monte Carlo gain, 10^6 samples, sigma_p = 1",
            work: """
                ours: Box-Muller normals and the activation's block kernel (SLEEF AVX2), \
                float64, M_f with its standard error and the gain, \
                \(context.threads) threads.
                peers (mc_gain.py): gain = sqrt(1/(mean(f)^2 + var(f))), f = phi(randn(10^6)); \
                NumPy on one thread (element-wise ufuncs), PyTorch with its intra-op threads.
                """)

        // Ours first, for every activation, then the peers in one process.
        var ourTimes: [String: Double] = [:]
        for activation in activations {
            let parsed: Activation
            do {
                parsed = try Activation(parsing: activation.expression)
            } catch {
                throw .computation(item: "MC gain", activation: activation.name, underlying: error)
            }
            let timed: (milliseconds: Double, result: MonteCarloEstimate)
            do {
                timed = try Stopwatch.median(runs: context.options.runs) { run in
                    try GaussianMonteCarlo.moments(
                        of: [parsed.function], standardDeviation: 1, samples: samples,
                        seed: UInt64(bitPattern: Int64(run)), threads: context.threads)
                }
            } catch {
                throw .computation(item: "MC gain", activation: activation.name, underlying: error)
            }
            let moment = timed.result.moments[0]
            let gain = (1 / moment.secondMoment).squareRoot()
            let gainError = gain * moment.secondMomentStandardError / (2 * moment.secondMoment)
            ourTimes[activation.name] = timed.milliseconds
            context.detail("  \(activation.name.padded(9)) ours \(SummaryTable.formatTime(timed.milliseconds).padded(9))"
                + "  M_f = \(Format.estimate(moment.secondMoment, moment.secondMomentStandardError))"
                + "  gain = \(Format.estimate(gain, gainError))"
                + "  (exact M_f \(Format.number(activation.referenceForwardMoment, digits: 10)))")
        }

        let outcome = context.peers.run(
            "mc_gain.py",
            ["--samples", "\(samples)", "--runs", "\(context.options.runs)", "--only"]
                + activations.map(\.name),
            needs: ["numpy"])
        context.skipped("mc_gain.py", outcome)
        if context.peers.unavailableReason == nil, !context.peers.has("torch") {
            context.detail("  (torch-float32-cpu skipped: PyTorch not installed, see README)")
        }

        for activation in activations {
            var line = "  \(activation.name.padded(9)) peers"
            for record in outcome.records(for: activation.name) {
                guard let peer = record.string("peer"), let time = record.double("median_ms")
                else { continue }
                let threads = record.int("threads").map { ", \($0) threads" } ?? ""
                let gain = record.double("gain").map { Format.number($0) } ?? "?"
                line += "  \(peer) \(SummaryTable.formatTime(time)) (gain \(gain)\(threads))"
            }
            context.detail(line)

            let targets = [("numpy-float64", 3.0, "≥ 3x"), ("torch-float32-cpu", 1.5, "≥ 1.5x")]
            for (peer, required, text) in targets {
                let time = outcome.records(for: activation.name, peerPrefix: peer).first?
                    .double("median_ms")
                context.add(SummaryRow(
                    item: "1 MC gain", activation: activation.name,
                    ours: ourTimes[activation.name], peer: peer, peerTime: time,
                    requiredRatio: required, targetText: text))
            }
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
