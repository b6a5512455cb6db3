import Testing
@testable import ActivationExpr

/// The literature activations and common ones, as users write them.
let literatureSources = [
    "sin(30*x)", "exp(-x^2/(2*0.05^2))", "sin(x)/x", "cos(x)*exp(-x^2)",
    "tanh(x)", "sigmoid(x)", "relu(x)", "gelu(x)", "silu(x)", "softplus(x)", "elu(x)",
    "leaky_relu(x)", "sinc(x)", "x^3", "x > 0 ? x : 0.01*x",
]

/// The block kernels of φ and φ' against the scalar closures (which equal
/// the tree walk bit for bit), over N(0, 1)-like points and a wide range.
///
/// Tolerance: twice the first-order bound of `FirstOrderErrorBound` (the
/// factor 2 covers second-order terms), times `ε = 2^-52`, or
/// `Double.leastNormalMagnitude` near underflow. For a single call this
/// is the per-built-in ulp bound; where a sum cancels (φ' of `sin(x)/x`
/// near 0) it grows with the terms, as both kernels' errors do.
@Test(arguments: literatureSources)
func blockKernelsOfActivationsAgreeWithScalarClosures(source: String) throws {
    let activation = try Activation(parsing: source)
    let points = randomPoints(count: 20_000, range: 6, seed: 21)
        + randomPoints(count: 2_000, range: 60, seed: 22)
    let pairs = [
        (activation.function, activation.expression),
        (activation.derivative, activation.derivativeExpression),
    ]
    for (function, expression) in pairs {
        let folded = try expression.foldingConstants()
        let block = CompilerCheck.blockValues(function, at: points)
        for (index, x) in points.enumerated() {
            let (actual, expected) = (block[index], function.evaluate(x))
            let bound = 2 * FirstOrderErrorBound.scale(of: folded, at: x) * 0x1p-52
            let close = CompilerCheck.isSameValue(actual, expected)
                || Swift.abs(actual - expected) <= Swift.max(bound, Double.leastNormalMagnitude)
                || !bound.isFinite
            #expect(close, "\(expression) at \(x): block \(actual), scalar \(expected)")
        }
    }
}

/// The same expressions, one point per call, against the SLEEF tree walk:
/// bit for bit (see blockKernelMatchesVectorMathReferenceOnRandomCorpus).
@Test(arguments: literatureSources)
func blockKernelsOfActivationsMatchVectorMathReference(source: String) throws {
    let activation = try Activation(parsing: source)
    let points = randomPoints(count: 2_000, range: 6, seed: 23) + edgePoints
    let pairs = [
        (activation.function, activation.expression),
        (activation.derivative, activation.derivativeExpression),
    ]
    for (function, expression) in pairs {
        let folded = try expression.foldingConstants()
        for x in points {
            let actual = CompilerCheck.blockValues(function, at: [x])[0]
            let expected = VectorMathReference.value(of: folded, at: x)
            #expect(CompilerCheck.isSameValue(actual, expected), "\(folded) at \(x)")
        }
    }
}
