import Testing
@testable import ActivationExpr

/// Every built-in, applied to `x` (with a second argument where it takes
/// one), plus the power operator with the exponents the block kernel
/// treats specially.
let builtinCases: [(name: String, expression: Expression)] = {
    let x = Expression.variable
    var cases: [(String, Expression)] = BuiltinFunction.allCases
        .filter { $0.definition.unary != nil }
        .map { ($0.rawValue, .call($0, [x])) }
    cases += [
        ("elu(x, 1)", .call(.elu, [x, .number(1)])),
        ("elu(x, 0.5)", .call(.elu, [x, .number(0.5)])),
        ("leaky_relu(x, 0.01)", .call(.leakyRelu, [x, .number(0.01)])),
        ("leaky_relu(x, -2)", .call(.leakyRelu, [x, .number(-2)])),
        ("max(x, 0.5)", .call(.max, [x, .number(0.5)])),
        ("max(0, x)", .call(.max, [.number(0), x])),
        ("min(x, -1)", .call(.min, [x, .number(-1)])),
        ("min(-0, x)", .call(.min, [.number(-0.0), x])),
        ("pow(x, 0.5)", .call(.pow, [x, .number(0.5)])),
        ("pow(2, x)", .call(.pow, [.number(2), x])),
        ("pow(x, 7)", .call(.pow, [x, .number(7)])),
    ]
    for exponent in [-3.0, -2, -1, 0, 1, 2, 3, 4, 5, 1.5, -0.5] {
        cases.append(("x^\(exponent)", .binary(.power, x, .number(exponent))))
    }
    return cases
}()

/// The points every built-in is checked at: `edgePoints` and a random
/// spread over [-50, 50].
let builtinPoints = edgePoints + randomPoints(count: 2_000, range: 50, seed: 7)

@Test(arguments: builtinCases.map(\.name))
func scalarClosureOfBuiltinMatchesEvaluatorBitForBit(name: String) throws {
    let expression = try #require(builtinCases.first { $0.name == name }).expression
    let compiled = try CompiledFunction(compiling: expression)
    for x in builtinPoints {
        let expected = expression.evaluate(at: x)
        let actual = compiled.evaluate(x)
        #expect(
            CompilerCheck.isSameValue(actual, expected),
            "\(name) at \(x): \(actual), evaluator \(expected)")
    }
}

@Test(arguments: builtinCases.map(\.name))
func blockKernelOfBuiltinMatchesVectorMathReferenceBitForBit(name: String) throws {
    let expression = try #require(builtinCases.first { $0.name == name }).expression
    let compiled = try CompiledFunction(compiling: expression)
    // One point per call: see blockKernelMatchesVectorMathReferenceOnRandomCorpus.
    for x in builtinPoints {
        let actual = CompilerCheck.blockValues(compiled, at: [x])[0]
        let expected = VectorMathReference.value(of: expression, at: x)
        #expect(
            CompilerCheck.isSameValue(actual, expected),
            "\(name) at \(x): \(actual), reference \(expected)")
    }
}

/// How far the block kernel may be from the tree walk (libm) for each
/// built-in, in ulps of the tree walk's value.
///
/// - 2 ulp for a function computed by one SLEEF call (1 ulp from the true
///   value) against glibc (within 1 ulp): sin, exp, tanh, ...; also for
///   `a^4 = (a·a)·(a·a)`, two roundings against `pow`.
/// - 3 ulp where SLEEF's bound is 1.5 ulp (`erfc`, and `gelu`, which is
///   `erfc` times `x/2`), and for `silu = x·sigmoid(x)`, where the sigmoid's
///   2 ulp meet one more rounding.
/// - 2 ulp for `dsinc` relative to the size of its terms
///   `(|a·cos a| + |sin a|)/a²` where `|a| >= 1` (its quotient form cancels
///   near its zeros, in both kernels alike).
/// - 2 ulp for the other composites (sigmoid, softplus, sinc, elu): each
///   is one SLEEF call followed by well-conditioned arithmetic (a division
///   by `1 + e ≥ 1`, an addition of a non-negative term).
/// Near underflow the bound is `Double.leastNormalMagnitude` in absolute
/// terms instead, as SLEEF states it.
func blockTolerance(_ name: String) -> Double {
    ["erfc", "gelu", "silu"].contains(name) ? 3 : 2
}

@Test(arguments: builtinCases.map(\.name))
func blockKernelOfBuiltinIsWithinStatedUlpsOfEvaluator(name: String) throws {
    let expression = try #require(builtinCases.first { $0.name == name }).expression
    let compiled = try CompiledFunction(compiling: expression)
    let points = builtinPoints + randomPoints(count: 20_000, range: 40, seed: 5)
    let values = CompilerCheck.blockValues(compiled, at: points)
    let tolerance = blockTolerance(name)
    let function: BuiltinFunction? = if case .call(let f, _) = expression { f } else { nil }
    for (x, actual) in zip(points, values) {
        let expected = expression.evaluate(at: x)
        // dsinc's quotient form cancels near its zeros: there both kernels
        // are accurate relative to its terms, not its value.
        let termsBound = function == .dsinc
            ? tolerance * FirstOrderErrorBound.callScale(.dsinc, [x]) * 0x1p-52 : 0
        #expect(
            CompilerCheck.isClose(actual, expected, ulps: tolerance)
                || Swift.abs(actual - expected) <= termsBound,
            "\(name) at \(x): \(actual), evaluator \(expected)")
    }
}

/// The built-ins' block kernels agree with the tree walk exactly where
/// they call no SLEEF function: the piecewise linear built-ins, and `sqrt`,
/// which both compute correctly rounded.
///
/// Not `x^2` or `x^-1`: the block kernel's `x*x` and `1/x` are correctly
/// rounded, while glibc's `pow`, which the tree walk calls, is within
/// 0.52 ulp and so is 1 ulp off now and then (`pow(0.9999999999999999,
/// -1)` gives 1, `1/x` gives 1.0000000000000002, the nearest double).
@Test(arguments: [
    "abs", "sign", "step", "relu", "sqrt", "leaky_relu(x, 0.01)", "leaky_relu(x, -2)",
    "max(x, 0.5)", "max(0, x)", "min(x, -1)", "min(-0, x)", "x^0.0", "x^1.0",
])
func blockKernelOfExactBuiltinMatchesEvaluatorBitForBit(name: String) throws {
    let expression = try #require(builtinCases.first { $0.name == name }).expression
    let compiled = try CompiledFunction(compiling: expression)
    let values = CompilerCheck.blockValues(compiled, at: builtinPoints)
    for (x, actual) in zip(builtinPoints, values) {
        let expected = expression.evaluate(at: x)
        #expect(
            CompilerCheck.isSameValue(actual, expected),
            "\(name) at \(x): \(actual), evaluator \(expected)")
    }
}
