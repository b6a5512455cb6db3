import ActivationExpr
import Foundation
import GaussianMoments

/// Item 2: one Gaussian moment `M_f = E[φ(z)²]` at `σ_p = 1` by
/// quadrature to a relative 1e-10, against SciPy's `quad` on the whole
/// line (`quad_moment.py`). Target: 5x faster at the same or better
/// accuracy, which is shown: both values against each other and against
/// an independent reference (closed form, or a 40-digit mpmath quadrature).
enum QuadratureMomentBenchmark {
    static let tolerance = 1e-10

    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        let activations = context.options.activations
        let runs = max(context.options.runs, 21)
        context.heading(
            "2. One Gaussian moment M_f by quadrature, relative tolerance 1e-10, sigma_p = 1",
            work: """
                ours: GaussianQuadrature.expectation (scan, panels, GSL qag 21-point), \
                1 thread, median of \(runs) calls (parsing and compiling the activation \
                is done once beforehand, as SciPy's function is defined once; its time \
                is shown apart).
                peer (quad_moment.py): scipy.integrate.quad(-inf, inf, epsabs=0, \
                epsrel=1e-10, limit=1000), 1 thread, median of \(context.options.runs) calls.
                accuracy: each value's relative error against the reference.
                """)

        var ours: [String: (time: Double, estimate: QuadratureEstimate)] = [:]
        var compileTimes: [String: Double] = [:]
        for activation in activations {
            do {
                // Parsing, differentiating and compiling, timed apart: a
                // one-off cost per activation, shown but not in the ratio.
                let compiled = try Stopwatch.median(runs: runs) { _ in
                    try Activation(parsing: activation.expression)
                }
                compileTimes[activation.name] = compiled.milliseconds
                let integrand = GaussianIntegrand.forwardSecondMoment(of: compiled.result)
                let timed = try Stopwatch.median(runs: runs) { _ in
                    try GaussianQuadrature.expectation(
                        of: integrand, standardDeviation: 1, relativeTolerance: tolerance)
                }
                ours[activation.name] = (timed.milliseconds, timed.result)
            } catch {
                throw .computation(item: "quad", activation: activation.name, underlying: error)
            }
        }

        let outcome = context.peers.run(
            "quad_moment.py",
            ["--epsrel", "\(tolerance)", "--runs", "\(context.options.runs)"],
            needs: ["numpy", "scipy"])
        context.skipped("quad_moment.py", outcome)

        for activation in activations {
            guard let our = ours[activation.name] else { continue }
            let reference = activation.referenceForwardMoment
            let ourError = abs(our.estimate.value - reference) / reference
            let name = activation.name.padded(9)
            context.detail("  \(name) ours  \(SummaryTable.formatTime(our.time).padded(9))"
                + " \(Format.number(our.estimate.value, digits: 16)) ± "
                + "\(Format.relative(our.estimate.errorEstimate))"
                + "  rel. error \(Format.relative(ourError))"
                + "  (\(our.estimate.panels) panels, \(our.estimate.evaluations) evaluations;"
                + " parse and compile once: "
                + "\(SummaryTable.formatTime(compileTimes[activation.name] ?? 0)))")

            let record = outcome.records(for: activation.name, peerPrefix: "scipy-quad").first
            var row = SummaryRow(
                item: "2 quad moment", activation: activation.name, ours: our.time,
                peer: "scipy-quad", peerTime: record?.double("median_ms"),
                requiredRatio: 5, targetText: "≥ 5x, same accuracy")
            if let record, let value = record.double("value") {
                let peerError = abs(value - reference) / reference
                let claimed = record.double("error_estimate") ?? .nan
                let agreement = abs(value - our.estimate.value) / reference
                let time = SummaryTable.formatTime(row.peerTime ?? 0)
                context.detail("  \(name) scipy \(time.padded(9))"
                    + " \(Format.number(value, digits: 16)) ± \(Format.relative(claimed))"
                    + "  rel. error \(Format.relative(peerError))"
                    + "  (ours vs scipy: \(Format.relative(agreement)))")
                // "The same or better": within the requested tolerance, or
                // no worse than SciPy's where SciPy is outside it too.
                row.conditionMet = ourError <= max(peerError, tolerance)
                row.note = ourError <= tolerance
                    ? (peerError > tolerance ? "scipy off by \(Format.relative(peerError))" : "")
                    : "ours off by \(Format.relative(ourError))"
            }
            context.detail("  \(name) reference \(Format.number(reference, digits: 16))"
                + " (\(activation.referenceSource))")
            context.add(row)
        }
    }
}
