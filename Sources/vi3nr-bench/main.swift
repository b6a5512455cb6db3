import Foundation

// vi3nr-bench: our computations against the tools people use today,
// measured side by side in the same run. Ratios are peer time / our time;
// absolute times on a shared machine are noisy, the ratios less so.

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch .help(let text) {
    print(text)
    exit(0)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}

let context = BenchmarkContext(options: options)
print("vi3nr-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
    + "ours on \(context.threads) threads; \(options.quick ? "quick sizes" : "full sizes")")
print(context.peers.summary)

do {
    for item in options.items {
        switch item {
        case .monteCarlo: try MonteCarloGainBenchmark.run(context)
        case .quadrature: try QuadratureMomentBenchmark.run(context)
        case .search: try OptimalSigmaBenchmark.run(context)
        case .deepNetwork: try DeepNetworkBenchmark.run(context)
        }
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

print("\n== Summary (ratio = peer time / our time; machines are noisy, the ratios count)")
print(SummaryTable.text(context.rows))
if options.markdown {
    print("\n" + SummaryTable.markdown(context.rows))
}
