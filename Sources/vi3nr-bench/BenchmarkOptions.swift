import Foundation

/// The command line of `vi3nr-bench`.
struct BenchmarkOptions {
    /// The benchmark items, by the names `--only` takes.
    enum Item: String, CaseIterable {
        case monteCarlo = "mc"
        case quadrature = "quad"
        case search = "search"
        case deepNetwork = "deep"
    }

    var items: [Item] = Item.allCases
    var activations: [LiteratureActivation] = LiteratureActivation.all
    var deepActivations: [String] = ["tanh"]
    var peersDirectory = "../shared/peers"
    var python = "python3"
    var scriptsDirectory = "scripts/peers"
    var quick = false
    var runs = 7
    var markdown = false

    static let usage = """
        usage: vi3nr-bench [--only ITEM[,ITEM]] [--quick] [--peers DIR] [--python PATH]
                           [--scripts DIR]
                           [--activations NAME[,NAME]] [--deep-activations NAME[,NAME]]
                           [--runs N] [--markdown]

        Times our computations against NumPy, SciPy and PyTorch in the same run
        and prints each item, then a summary table (ratio = peer time / ours).

          --only ITEM        mc (Monte Carlo gain), quad (one moment by quadrature),
                             search (optimal sigma_p), deep (100-layer network check)
          --quick            reduced sizes: the grid search timed on 4 of its
                             sigma values instead of 20, a 20-layer network of
                             width 500 and batch 2000
          --peers DIR        the peer scripts (default ../shared/peers, relative to
                             the repository root)
          --python PATH      the interpreter for the peers (default python3)
          --scripts DIR      our own peer scripts (default scripts/peers)
          --activations L    literature activations for items 1-3 (default all:
                             sine, gaussian, sinc, wavelet, tanh, sigmoid, relu)
          --deep-activations L  activations for item 4 (default tanh)
          --runs N           timed runs per median (default 7; item 4 uses 3)
          --markdown         print the summary table as Markdown too
        """

    /// Parses the arguments after the program name.
    ///
    /// - Throws: `BenchmarkError.usage` for an unknown option or a bad value.
    init(arguments: [String]) throws(BenchmarkError) {
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            func value() throws(BenchmarkError) -> String {
                guard let next = remaining.popFirst() else {
                    throw .usage("\(option) needs a value\n\n\(Self.usage)")
                }
                return next
            }
            switch option {
            case "--only":
                items = try Self.list(try value()).map { (name) throws(BenchmarkError) in
                    guard let item = Item(rawValue: name) else {
                        throw .usage("unknown item '\(name)': mc, quad, search or deep")
                    }
                    return item
                }
            case "--activations":
                activations = try Self.activations(try value())
            case "--deep-activations":
                deepActivations = try Self.activations(try value()).map(\.name)
            case "--peers":
                peersDirectory = try value()
            case "--python":
                python = try value()
            case "--scripts":
                scriptsDirectory = try value()
            case "--quick":
                quick = true
            case "--markdown":
                markdown = true
            case "--runs":
                let text = try value()
                guard let count = Int(text), (1...1000).contains(count) else {
                    throw .usage("--runs takes a whole number from 1 to 1000, not '\(text)'")
                }
                runs = count
            case "--help", "-h":
                throw .help(Self.usage)
            default:
                throw .usage("unknown option '\(option)'\n\n\(Self.usage)")
            }
        }
    }

    /// The non-empty comma-separated names of `text`.
    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The literature activations named in `text`, in the order given.
    private static func activations(
        _ text: String
    ) throws(BenchmarkError) -> [LiteratureActivation] {
        try list(text).map { (name) throws(BenchmarkError) in
            guard let found = LiteratureActivation.all.first(where: { $0.name == name }) else {
                let known = LiteratureActivation.all.map(\.name).joined(separator: ", ")
                throw .usage("unknown activation '\(name)': \(known)")
            }
            return found
        }
    }
}
