/// Bad invocations of `vi3nr`, generated from the commands' options and
/// lists of bad values, each with the exit status and the text its first
/// error line must name (README, "Exit status and messages").
enum AdversarialInvocations {
    /// Each command with a valid base invocation, and its options that
    /// take a value, with their kind.
    static let commands: [(base: [String], valueOptions: [(String, ValueKind)])] = [
        (["gain", "tanh(x)"], [("sigma-p", .sigma), ("samples", .samples), ("seed", .seed),
                               ("fan-in", .fanIn), ("param", .parameter)]),
        (["optimal", "tanh(x)"], [("fan-ratio", .positive), ("from", .sigma), ("to", .sigma),
                                  ("param", .parameter)]),
        (["input-gain", "--mean", "0", "--std", "1"], [("sigma-p", .sigma), ("mean", .number),
                                                      ("std", .nonNegative), ("format", .format)]),
        (["check", "tanh(x)"], [("samples", .samples), ("seed", .seed), ("from", .sigma),
                                ("to", .sigma), ("points", .points), ("param", .parameter)]),
        (["sweep", "tanh(x)"], [("fan-ratio", .positive), ("from", .sigma), ("to", .sigma),
                                ("points", .points), ("param", .parameter)]),
        (["table"], [("sigma-p", .sigma), ("fan-ratio", .positive), ("from", .sigma),
                     ("to", .sigma)]),
        (["emit", "pytorch", "tanh(x)"], [("sigma-p", .sigma), ("param", .parameter)]),
        (["eval", "tanh(x)", "--at", "0.5"], [("at", .number), ("param", .parameter)]),
        (["derive", "tanh(x)"], [("param", .parameter)]),
    ]

    /// What an option's value must be.
    enum ValueKind {
        case number, positive, nonNegative, sigma, samples, seed, fanIn, points, parameter,
             format

        /// Values every kind refuses.
        static let neverNumbers = [
            "abc", "", "1e", "0x10", "nan", "inf", "-inf", "1,5", " 1", "1 ", "١", "1e999",
            "1..2", "+-1", "½",
        ]

        var badValues: [String] {
            switch self {
            case .number: return Self.neverNumbers
            case .positive: return Self.neverNumbers + ["0", "-2", "-0"]
            case .nonNegative: return Self.neverNumbers + ["-1", "-1e-300"]
            case .sigma: return Self.neverNumbers + ["0", "-1", "-0", "1e-76", "1e76", "1e-400"]
            case .samples: return ["abc", "", "1.5", "-1", "0", "1", "1e11", "0x10", "nan", "٣"]
            case .seed: return ["abc", "", "-1", "1.5", "1e3", "18446744073709551616", "0x1"]
            case .fanIn: return ["abc", "", "0", "-1", "2.5", "2e12", "nan"]
            case .points: return ["abc", "", "0", "1", "-3", "1.5", "10001"]
            case .parameter:
                return ["w0", "=1", "w0=", "w0=abc", "1w=2", "w0=nan", "w0=inf", "w 0=1", "w0=1=2"]
            case .format: return ["xml", "", "CSV", "tsv", "comma"]
            }
        }
    }

    /// Options of some command, to try on the commands that lack them.
    static let allOptions = [
        "sigma-p", "samples", "seed", "fan-in", "fan-ratio", "from", "to", "mean", "std",
        "data", "format", "points", "svg", "at", "param", "csv",
    ]

    static var usageErrors: [BadInvocation] {
        var invocations: [BadInvocation] = []

        // No command, unknown commands (and a leading unknown option).
        invocations.append(BadInvocation(arguments: [], status: 2, mentions: "no command"))
        for name in ["gian", "optimum", "evaluate", "GAIN", "", "x", "sin(x)", "derive2",
                     "täble", "😀", "--sigma-p", "-x", "--jsonn"] {
            invocations.append(BadInvocation(arguments: [name], status: 2, mentions: "'\(name)'"))
        }

        for (base, valueOptions) in commands {
            let command = base[0]
            let names = Set(valueOptions.map(\.0))

            // Misspelt options, and options of other commands.
            let foreign = allOptions.filter { !names.contains($0) && !(base.contains("--\($0)")) }
                .filter { !($0 == "csv" && ["check", "sweep", "table"].contains(command)) }
                .filter { !(command == "input-gain" && ["data", "mean", "std"].contains($0)) }
                .filter { !(command == "sweep" && $0 == "svg") }
            for option in ["--sigma", "--sampels", "--jsn", "--fanin", "--X", "---", "--sigma-p-",
                           "--json2", "--Sigma-p"] + foreign.map({ "--\($0)" }) {
                invocations.append(BadInvocation(
                    arguments: base + [option, "1"], status: 2, mentions: "'\(option)'"))
            }

            // A value option at the end, without its value.
            for (option, _) in valueOptions {
                invocations.append(BadInvocation(
                    arguments: base + ["--\(option)"], status: 2, mentions: "--\(option)"))
            }

            // Malformed and out-of-range values, in both spellings.
            for (option, kind) in valueOptions {
                for (index, value) in kind.badValues.enumerated() {
                    let arguments = index % 2 == 0
                        ? base + ["--\(option)", value] : base + ["--\(option)=\(value)"]
                    invocations.append(BadInvocation(
                        arguments: arguments, status: 2, mentions: "--\(option)"))
                }
            }

            // --json and --csv together where both exist; an option twice.
            if ["check", "sweep", "table"].contains(command) {
                invocations.append(BadInvocation(
                    arguments: base + ["--json", "--csv"], status: 2, mentions: "--json and --csv"))
            }
            if names.contains("param") {
                invocations.append(BadInvocation(
                    arguments: base + ["--param", "a=1", "--param", "a=2"], status: 2,
                    mentions: "'a'"))
            }
        }

        // Missing and extra positionals, missing and exclusive options.
        invocations += [
            BadInvocation(arguments: ["gain"], status: 2, mentions: "EXPR"),
            BadInvocation(arguments: ["gain", "x", "x"], status: 2, mentions: "'x'"),
            BadInvocation(arguments: ["derive", "x", "y"], status: 2, mentions: "'y'"),
            BadInvocation(arguments: ["eval", "tanh(x)"], status: 2, mentions: "--at"),
            BadInvocation(arguments: ["emit", "tanh(x)"], status: 2, mentions: "EXPR"),
            BadInvocation(arguments: ["emit", "tensorflow", "x"], status: 2,
                          mentions: "'tensorflow'"),
            BadInvocation(arguments: ["input-gain"], status: 2, mentions: "--data"),
            BadInvocation(arguments: ["input-gain", "--mean", "0"], status: 2, mentions: "--std"),
            BadInvocation(arguments: ["input-gain", "--mean", "0", "--std", "1", "--data", "f"],
                          status: 2, mentions: "--data"),
            BadInvocation(arguments: ["optimal", "x", "--from", "5", "--to", "1"], status: 2,
                          mentions: "--from"),
        ]
        return invocations
    }

    /// Expressions that cannot be used, and a fragment of their error.
    static let badExpressions: [(String, String)] = [
        ("sin(", "expected"), ("1/0", "1/0"), ("exp(1000)", "exp(1000)"), ("nan", "'nan'"),
        ("inf", "'inf'"), ("x +", "expected an expression"), ("sni(x)", "'sni'"),
        ("30x", "missing operator"), ("", "expected an expression"),
        ("max(x)", "max takes 2 arguments"), ("x @ 2", "'@'"), ("((x)", "expected ')'"),
        ("w0*x", "'w0'"), ("x ? 1 : ", "expected an expression"), ("\u{7}x", "control character"),
        (String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150),
         "nested more than 100"),
        ("x" + String(repeating: "+x", count: 6_000), "longer than the limit"),
        ("log(-1)*x", "log(-1)"), ("x/(1 - 1)", "division by zero"),
        ("sigmod(x)", "did you mean 'sigmoid'"),
    ]

    static var computationErrors: [BadInvocation] {
        var invocations: [BadInvocation] = []
        let commands: [(prefix: [String], suffix: [String])] = [
            (["gain"], []), (["optimal"], []), (["check"], []), (["sweep"], []),
            (["emit", "pytorch"], []), (["eval"], ["--at", "0.5"]), (["derive"], []),
        ]
        for (prefix, suffix) in commands {
            for (expression, fragment) in badExpressions {
                invocations.append(BadInvocation(
                    arguments: prefix + [expression] + suffix, status: 1, mentions: fragment))
            }
            invocations.append(BadInvocation(
                arguments: prefix + ["x"] + suffix + ["--param", "q=1"], status: 1,
                mentions: "no parameter 'q'"))
        }
        return invocations
    }
}
