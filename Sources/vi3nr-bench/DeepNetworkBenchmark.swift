/// Item 4 placeholder.
enum DeepNetworkBenchmark {
    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        context.heading("4. Deep network", work: "not yet available")
    }
}
