import Testing

// "Did you mean" for commands, options and function names. The expected
// suggestions are what a reader means by each slip, fixed by hand: a swap
// of two neighbouring letters is one slip, and a function's name in
// another tool is hinted by this language's name for it.

@Test(arguments: [("gian", "gain"), ("tabel", "table"), ("optmial", "optimal"), ("evl", "eval")])
func aMisspelledCommandGetsItsSuggestion(typed: String, meant: String) throws {
    let run = try ToolRunner.run(typed, "tanh(x)")
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    #expect(run.errorLines.first
        == "error: unknown command '\(typed)'; did you mean '\(meant)'?")
}

@Test func aSwappedPairInAnOptionIsOneSlip() throws {
    let run = try ToolRunner.run("gain", "tanh(x)", "--sigam-p", "1")
    #expect(run.status == 2)
    #expect(run.errorLines.first
        == "error: unknown option '--sigam-p' for 'gain'; did you mean '--sigma-p'?")
}

@Test(arguments: [
    ("swish", "silu"), ("ln", "log"), ("heaviside", "step"), ("Heaviside", "step"),
    ("logistic", "sigmoid"), ("arctan", "atan"), ("tahn", "tanh"),
])
func anUnknownFunctionGetsTheNameThisLanguageUses(typed: String, meant: String) throws {
    let run = try ToolRunner.run("eval", "\(typed)(x)", "--at", "1")
    #expect(run.status == 1)
    #expect(run.errorLines.first
        == "error: unknown function '\(typed)'; did you mean '\(meant)'? (column 1)")
}
