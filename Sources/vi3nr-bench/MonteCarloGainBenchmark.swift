import ActivationExpr
import GaussianMoments

/// Item 1: the Monte Carlo gain with 10^6 samples, `M_f` with its
/// standard error, against NumPy float64 and PyTorch float32 on the CPU
/// (`mc_gain.py`). Targets: 3x NumPy, 1.5x PyTorch.
///
/// Our side draws fresh samples each run (seed = run), as the peers do,
/// on every core. Each activation is timed on our side just before and
/// just after the peers, so that a change of load on the shared machine
/// falls on both sides of a ratio rather than on one.
enum MonteCarloGainBenchmark {
    static let samples = 1_000_000

    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        context.heading(
            "1. Monte Carlo gain, 10^6 samples, sigma_p = 1",
            work: """
                ours: Box-Muller normals and the activation's block kernel (SLEEF AVX-512/AVX2), \
                float64, M_f with its standard error and the gain, \
                \(context.threads) threads (1-thread time in brackets).
                peers (mc_gain.py): gain = sqrt(1/(mean(f)^2 + var(f))), f = phi(randn(10^6)); \
                NumPy on one thread (its generator and ufuncs), PyTorch with its intra-op \
                threads. Medians of \(context.options.runs) runs on each side (ours: \
                half before the peers' runs, half after).
                """)
        if context.peers.unavailableReason == nil, !context.peers.has("torch") {
            context.detail("  (torch-float32-cpu skipped: PyTorch not installed, see README)")
        }

        for activation in context.options.activations {
            do {
                let parsed = try Activation(parsing: activation.expression)
                let sampler = OurGain(function: parsed.function, threads: context.threads)

                // Ours before and after the peers (half the runs each), so
                // that a change of load on the shared machine while the peers
                // run weighs on both sides of the ratio.
                let half = (context.options.runs + 1) / 2
                let before = try sampler.times(runs: half, first: 0)
                let outcome = context.peers.run(
                    "mc_gain.py",
                    ["--samples", "\(samples)", "--runs", "\(context.options.runs)",
                     "--only", activation.name],
                    needs: ["numpy"])
                let after = try sampler.times(runs: half, first: half)
                // One thread too: NumPy's ufuncs run on one core, and this
                // shows what does not depend on a free second core.
                let single = OurGain(function: parsed.function, threads: 1)
                let singleThread = try single.times(runs: context.options.runs, first: 0)

                let ours = Stopwatch.median(of: before.milliseconds + after.milliseconds)
                report(after.result, activation: activation, milliseconds: ours,
                       singleThread: Stopwatch.median(of: singleThread.milliseconds),
                       context: context)
                context.skipped("mc_gain.py", outcome)
                reportPeers(outcome, activation: activation, ours: ours, context: context)
            } catch {
                throw .computation(item: "MC gain", activation: activation.name, underlying: error)
            }
        }
    }

    /// Our Monte Carlo moment of one activation on a given number of threads.
    private struct OurGain {
        let function: CompiledFunction
        let threads: Int

        /// Times of `runs` runs with seeds `first`, `first + 1`, … (fresh
        /// samples each run, as the peers draw), and the last estimate.
        func times(
            runs: Int, first: Int
        ) throws -> (milliseconds: [Double], result: MonteCarloEstimate) {
            try Stopwatch.times(runs: runs, first: first) { run in
                try GaussianMonteCarlo.moments(
                    of: [function], standardDeviation: 1, samples: samples,
                    seed: UInt64(bitPattern: Int64(run)), threads: threads)
            }
        }
    }

    /// Prints our line: times, `M_f` with its standard error, the gain.
    private static func report(
        _ estimate: MonteCarloEstimate, activation: LiteratureActivation,
        milliseconds: Double, singleThread: Double, context: BenchmarkContext
    ) {
        let moment = estimate.moments[0]
        let gain = (1 / moment.secondMoment).squareRoot()
        let gainError = gain * moment.secondMomentStandardError / (2 * moment.secondMoment)
        let time = SummaryTable.formatTime(milliseconds)
        context.detail("  \(activation.name.padded(9)) ours \(time.padded(9))"
            + " (1 thread \(SummaryTable.formatTime(singleThread)))"
            + "  M_f = "
            + Format.estimate(moment.secondMoment, moment.secondMomentStandardError)
            + "  gain = \(Format.estimate(gain, gainError))"
            + "  (exact M_f \(Format.number(activation.referenceForwardMoment, digits: 10)))")
    }

    /// Prints the peers' line and adds the summary rows.
    private static func reportPeers(
        _ outcome: PeerOutcome, activation: LiteratureActivation, ours: Double,
        context: BenchmarkContext
    ) {
        let records = outcome.records(for: activation.name)
        var line = "  \(activation.name.padded(9)) peers"
        for record in records {
            guard let peer = record.string("peer"), let time = record.double("median_ms")
            else { continue }
            let threads = record.int("threads").map { ", \($0) threads" } ?? ""
            let gain = record.double("gain").map { Format.number($0) } ?? "?"
            line += "  \(peer) \(SummaryTable.formatTime(time)) (gain \(gain)\(threads))"
        }
        if !records.isEmpty { context.detail(line) }

        let targets = [("numpy-float64", 3.0, "≥ 3x"), ("torch-float32-cpu", 1.5, "≥ 1.5x")]
        for (peer, required, text) in targets {
            let time = outcome.records(for: activation.name, peerPrefix: peer).first?
                .double("median_ms")
            context.add(SummaryRow(
                item: "1 MC gain", activation: activation.name, ours: ours, peer: peer,
                peerTime: time, requiredRatio: required, targetText: text))
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
