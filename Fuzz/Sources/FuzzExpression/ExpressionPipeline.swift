import ActivationExpr

#if canImport(Glibc)
import Glibc
#endif

/// The promises of the expression pipeline that the fuzzer checks on every
/// input, each a documented property of the public API:
///
/// - `Expression.parse` returns a tree or throws a `ParseError` whose
///   position lies inside the text and whose diagnostic has three lines.
/// - A parsed tree prints as text that parses back to an equal tree; so
///   do its simplified form and its derivative, as far as they fit the
///   parser's limits.
/// - Binding a finite value to every parameter never fails on a parsed
///   tree; simplifying the result fails only for a constant part that is
///   not finite or a division by a constant 0; differentiating it fails
///   only for those or for a derivative that is too large.
/// - Folding constants rewrites nothing else: the folded tree evaluates
///   bit for bit as the unfolded one.
/// - The compiled scalar closure evaluates bit for bit as the tree walk;
///   the block kernels keep the promises in `BlockChecks`.
/// - `Activation(parsing:parameters:)` succeeds exactly when the steps
///   above do.
enum ExpressionPipeline {
    /// Runs every check on `source`; returns normally when all hold.
    static func check(_ source: String) {
        let parsed: Expression
        do {
            parsed = try Expression.parse(source)
        } catch {
            checkParseError(error, in: source)
            return
        }

        checkRoundTrip(parsed, what: "parsed tree", source: source)
        let parameters = parameterValues(for: parsed)

        let bound: Expression
        do {
            bound = try parsed.bindingParameters(parameters)
        } catch {
            fail("binding \(parameters) failed: \(error)", source: source)
        }

        let pipelineSucceeded = checkSimplifiedAndDerivative(
            bound, parameters: parameters, source: source)
        checkActivation(source, parameters: parameters, shouldSucceed: pipelineSucceeded)
    }

    /// Values for the parameters, in sorted order of their names: ordinary
    /// ones, a zero (which reaches the divisions by zero) and a large one.
    static func parameterValues(for expression: Expression) -> [String: Double] {
        let values: [Double] = [0.7, 1.3, 0.05, 30, -2, 0, 1e-3]
        var result: [String: Double] = [:]
        for (index, name) in expression.parameterNames.sorted().enumerated() {
            result[name] = values[index % values.count]
        }
        return result
    }
}

// MARK: - Steps

extension ExpressionPipeline {
    /// A parse error must point inside the text (or one past its end)
    /// and render as three lines: summary, source line, caret.
    static func checkParseError(_ error: ParseError, in source: String) {
        // Lines are counted by U+000A scalars: as Characters, "\r\n" is one
        // grapheme and would not split on "\n".
        let lineCount = source.unicodeScalars.filter { $0 == "\n" }.count + 1
        guard error.line >= 1, error.line <= lineCount, error.column >= 1 else {
            fail("parse error outside the text: \(error)", source: source)
        }
        guard !error.message.isEmpty, !error.message.contains("\n") else {
            fail("parse error message empty or on several lines: \(error)", source: source)
        }
        let lines = error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3 else {
            fail("diagnostic has \(lines.count) lines: \(error.diagnostic)", source: source)
        }
    }

    /// Printing `expression` gives text that parses back to the same tree.
    /// A tree deeper or longer than the parser accepts (a derivative may
    /// be) is exempt when the parser says so.
    static func checkRoundTrip(_ expression: Expression, what: String, source: String) {
        let printed = expression.description
        do {
            let reparsed = try Expression.parse(printed)
            guard reparsed == expression else {
                fail("\(what) printed as \(printed) reads back as \(reparsed)", source: source)
            }
        } catch {
            let message = error.message
            if message.contains("nested more than") || message.contains("longer than the limit") {
                return
            }
            fail("\(what) printed as \(printed) does not parse: \(error)", source: source)
        }
    }

    /// Simplifies, folds, differentiates and compiles the bound tree,
    /// checking each step; returns whether all of them succeeded.
    static func checkSimplifiedAndDerivative(
        _ bound: Expression, parameters: [String: Double], source: String
    ) -> Bool {
        let simplified: Expression
        do {
            simplified = try bound.simplified()
        } catch {
            expectConstantError(error, step: "simplifying", source: source)
            return false
        }
        checkRoundTrip(simplified, what: "simplified tree", source: source)
        guard let function = compileChecked(simplified, what: "function", source: source),
              let _ = try? simplified.nonSmoothPoints() else {
            return false
        }

        let derivative: Expression
        do {
            derivative = try simplified.derivative()
        } catch {
            if case .tooLarge = error { return false }
            expectConstantError(error, step: "differentiating", source: source)
            return false
        }
        checkRoundTrip(derivative, what: "derivative", source: source)
        guard compileChecked(derivative, what: "derivative", source: source) != nil,
              (try? derivative.nonSmoothPoints()) != nil else {
            return false
        }
        _ = function
        return true
    }

    /// Folds and compiles an expression, then checks its evaluation.
    /// Returns nil when folding fails with an allowed error.
    static func compileChecked(
        _ expression: Expression, what: String, source: String
    ) -> CompiledFunction? {
        let folded: Expression
        do {
            folded = try expression.foldingConstants()
        } catch {
            expectConstantError(error, step: "folding the \(what)", source: source)
            return nil
        }
        for x in EvaluationPoints.scalar {
            let before = expression.evaluate(at: x)
            let after = folded.evaluate(at: x)
            guard isSameValue(before, after) else {
                fail("folding changed the \(what) \(expression) at x = \(x): "
                     + "\(before) became \(after) (\(folded))", source: source)
            }
        }

        let compiled: CompiledFunction
        do {
            compiled = try CompiledFunction(compiling: folded)
        } catch {
            fail("compiling the bound \(what) \(folded) failed: \(error)", source: source)
        }
        BlockChecks.check(compiled, expression: folded, what: what, source: source)
        return compiled
    }

    /// The parser refused nothing, so the only errors left for a bound
    /// tree are constant parts that are not finite and divisions by 0.
    static func expectConstantError(_ error: ExpressionError, step: String, source: String) {
        switch error {
        case .nonFiniteConstant, .divisionByZero:
            return
        default:
            fail("\(step) threw \(error)", source: source)
        }
    }

    /// The public one-call pipeline agrees with the steps.
    static func checkActivation(
        _ source: String, parameters: [String: Double], shouldSucceed: Bool
    ) {
        do {
            let activation = try Activation(parsing: source, parameters: parameters)
            guard shouldSucceed else {
                fail("Activation succeeded where a step failed", source: source)
            }
            for locator in activation.breakpoints {
                _ = locator.locator.evaluate(0.5)
            }
        } catch {
            guard case .invalidExpression = error, !shouldSucceed else {
                fail("Activation failed where the steps succeeded: \(error)", source: source)
            }
        }
    }
}

// MARK: - Reporting

/// Whether two doubles are the same value: equal bits, or both NaN.
func isSameValue(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
}

/// Ends the process with a message naming the broken promise and the
/// input, so that libFuzzer records the input as a crash.
func fail(_ message: String, source: String) -> Never {
    let escaped = source.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
    let report = "FUZZ FAILURE: \(message)\n  input: \"\(escaped)\"\n"
    _ = report.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}
