/// What can stop a benchmark run: bad options, or one of our own
/// computations failing (a peer that fails is reported and skipped).
enum BenchmarkError: Error, CustomStringConvertible {
    /// An option the runner does not know, or a malformed value.
    case usage(String)

    /// `--help`: the usage text, for standard output and exit status 0.
    case help(String)

    /// One of our computations threw; `item` and `activation` say where.
    case computation(item: String, activation: String, underlying: any Error)

    var description: String {
        switch self {
        case .usage(let message), .help(let message):
            return message
        case .computation(let item, let activation, let underlying):
            return "\(item), \(activation): \(underlying)"
        }
    }
}
