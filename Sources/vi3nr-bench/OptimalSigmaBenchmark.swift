/// Item 3: the optimal σ_p search (arrives with the VI3NR core).
enum OptimalSigmaBenchmark {
    static func run(_ context: BenchmarkContext) throws(BenchmarkError) {
        context.heading("3. Optimal sigma_p search", work: "not yet available")
    }
}
