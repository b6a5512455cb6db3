import Testing
@testable import vi3nr

/// A command description with one of each kind of option.
private let sample = CommandDescription(
    name: "sample",
    summary: "a command for tests",
    discussion: "Takes one positional.",
    positionals: [PositionalDefinition(valueName: "EXPR", help: "an expression")],
    options: [
        .single("at", valueName: "X", help: "a point", isRequired: true),
        .single("samples", valueName: "N", help: "a count"),
        .repeated("param", valueName: "NAME=VALUE", help: "a parameter"),
        .json,
    ],
    examples: ["vi3nr sample x --at 1"])

private func parse(_ words: String...) throws(UsageError) -> ParsedArguments {
    try ArgumentParser.parse(words, for: sample)
}

@Test func parsesEveryKindOfOption() throws {
    let parsed = try parse("sin(x)", "--at", "-1.5", "--param", "a=1", "--param=b=2", "--json")
    #expect(parsed.positionals == ["sin(x)"])
    #expect(try parsed.value("at", as: .finiteNumber) == -1.5)
    #expect(try parsed.values("param", as: .parameterAssignment) == [
        ParameterAssignment(name: "a", value: 1), ParameterAssignment(name: "b", value: 2),
    ])
    #expect(parsed.isSet("json"))
    #expect(try parsed.value("samples", as: .positiveInteger) == nil)
}

@Test func singleDashWordsArePositionalAndDoubleDashEndsOptions() throws {
    #expect(try parse("-x^2", "--at", "1").positionals == ["-x^2"])
    #expect(try parse("--at", "1", "--", "--weird").positionals == ["--weird"])
}

@Test func usageErrorsSayWhatIsWrong() {
    let cases: [([String], String)] = [
        (["x", "--at", "1", "--sample", "3"],
         "unknown option '--sample' for 'sample'; did you mean '--samples'?"),
        (["x", "--at", "1", "--colour"], "unknown option '--colour' for 'sample'"),
        (["x"], "missing --at X"),
        (["--at", "1"], "missing EXPR (an expression)"),
        (["x", "y", "--at", "1"], "unexpected argument 'y'"),
        (["x", "--at"], "--at needs a value (X)"),
        (["x", "--at", "--json"], "--at needs a value (X)"),
        (["x", "--at", "1", "--at", "2"], "--at is given more than once"),
        (["x", "--at", "1", "--json=yes"], "--json does not take a value"),
    ]
    for (words, message) in cases {
        #expect(throws: UsageError(message, commandName: "sample")) {
            try ArgumentParser.parse(words, for: sample)
        }
    }
}

@Test func valuesAreCheckedByType() throws {
    let parsed = try parse("x", "--at", "1", "--samples", "0", "--param", "2a=1")
    #expect(throws: UsageError(
        "invalid value '0' for --samples: expected a whole number greater than 0",
        commandName: "sample")) {
        try parsed.value("samples", as: .positiveInteger)
    }
    #expect(throws: UsageError(
        "invalid value '2a=1' for --param: expected NAME=VALUE with a finite number, e.g. w0=30",
        commandName: "sample")) {
        try parsed.values("param", as: .parameterAssignment)
    }
}

@Test func parameterNamesAreTheExpressionLanguagesNames() throws {
    // Greek letters and underscores are names in an expression
    // (`sin(ω*x)`), so --param takes them; π is the constant and a
    // superscript is a power, so neither names a parameter.
    let parsed = try parse("x", "--at", "1", "--param", "ω=30", "--param", "σ_p=0.5")
    #expect(try parsed.values("param", as: .parameterAssignment) == [
        ParameterAssignment(name: "ω", value: 30), ParameterAssignment(name: "σ_p", value: 0.5),
    ])
    for rejected in ["π=3", "x²=1", "w 0=1", "=1"] {
        let words = try parse("x", "--at", "1", "--param", rejected)
        #expect(throws: UsageError.self) {
            try words.values("param", as: .parameterAssignment)
        }
    }
}

@Test func decimalNumbersOnly() {
    #expect(parseDecimal("2.5e-3") == 0.0025)
    #expect(parseDecimal("-0") == 0)
    #expect(parseDecimal(".5") == 0.5)
    #expect(parseDecimal("0e-400") == 0)
    #expect((parseDecimal("1e-310") ?? 0) > 0)  // subnormal, still a number
    for text in ["", "nan", "inf", "-infinity", "0x1p3", " 1", "1 ", "1e400", "1e-400",
                 "-2.5e-999", "1,5"] {
        #expect(parseDecimal(text) == nil, "\(text)")
    }
}

@Test func suggestionsComeFromEditDistance() {
    #expect(editDistance("kitten", "sitting") == 3)
    // A swap of neighbours is one edit (plain Levenshtein counts two).
    #expect(editDistance("gian", "gain") == 1)
    #expect(editDistance("tabel", "table") == 1)
    #expect(editDistance("ca", "abc") == 3)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("same", "same") == 0)
    #expect(closestMatch(to: "evl", among: ["eval", "derive"]) == "eval")
    #expect(closestMatch(to: "table", among: ["eval", "derive"]) == nil)
}

@Test func helpShowsUsageOptionsAndExample() {
    let help = HelpText.forCommand(sample)
    #expect(help.hasPrefix(
        "USAGE: vi3nr sample EXPR --at X [--samples N] [--param NAME=VALUE]... [--json]\n"))
    #expect(help.contains("  --at X              a point (required)\n"))
    #expect(help.contains("  -h, --help          show this help\n"))
    #expect(help.hasSuffix("EXAMPLE:\n  vi3nr sample x --at 1\n"))
}

@Test func toolExitStatusesInProcess() {
    #expect(CommandLineTool.run(["eval", "x", "--at", "2"]).status == 0)
    #expect(CommandLineTool.run(["eval", "x", "--at", "two"]).status == 2)
    #expect(CommandLineTool.run(["eval", "x +", "--at", "2"]).status == 1)
    let failure = CommandLineTool.run(["eval", "x +", "--at", "2"])
    #expect(failure.standardOutput.isEmpty)
    #expect(CommandLineTool.run(["derive", "x", "-h"]).status == 0)
}
