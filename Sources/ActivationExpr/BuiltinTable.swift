#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BuiltinFunction {
    /// The table entry of this function: parameters, evaluation, derivative
    /// rule and non-smooth points.
    public var definition: BuiltinDefinition {
        BuiltinTable.definitions[self] ?? BuiltinTable.makeDefinition(self)
    }

    /// The function a user means by `name`, if the language has one.
    public init?(name: String) {
        self.init(rawValue: name)
    }
}

/// The built-in functions of the language, each defined once.
///
/// Every derivative rule writes the value PyTorch's autograd gives at a
/// kink: `relu'(0) = step(0) = 0`, `abs'(0) = sign(0) = 0`, `step' = 0`,
/// `sign' = 0`, `leaky_relu'(0) = slope`, `elu'(0) = alpha`, and for
/// `max`/`min` at a tie half of the derivative goes to each argument.
/// Piecewise rules select with a conditional, never blend, so an infinite
/// derivative on the side not taken does not become NaN.
enum BuiltinTable {
    /// The definitions, built once.
    static let definitions: [BuiltinFunction: BuiltinDefinition] = Dictionary(
        uniqueKeysWithValues: BuiltinFunction.allCases.map { ($0, makeDefinition($0)) }
    )

    // The switch is exhaustive, so a function without a definition does
    // not compile.
    static func makeDefinition(_ function: BuiltinFunction) -> BuiltinDefinition {
        switch function {
        case .sin:
            return chained(function, "sine", { sin($0) }) { .call(.cos, [$0]) }
        case .cos:
            return chained(function, "cosine", { cos($0) }) { .negation(.call(.sin, [$0])) }
        case .tan:
            return chained(function, "tangent", { tan($0) },
                          nonSmooth: pole("tan", where: { .call(.cos, [$0]) })) {
                .sum(.number(1), .power(.call(.tan, [$0]), .number(2)))
            }
        case .exp:
            return chained(function, "exponential", { exp($0) }) { .call(.exp, [$0]) }
        case .log:
            return unary(
                function, "natural logarithm", { log($0) },
                derivative: { u, du in .quotient(du, u) },
                nonSmooth: pole("log", where: { $0 }, note: " (undefined below)")
            )
        case .log1p:
            return unary(
                function, "log(1 + x), accurate for small x", { log1p($0) },
                derivative: { u, du in .quotient(du, .sum(.number(1), u)) },
                nonSmooth: pole("log1p", where: { .sum(.number(1), $0) },
                                note: " (undefined below)")
            )
        case .sqrt:
            return unary(
                function, "square root", { $0.squareRoot() },
                derivative: { u, du in
                    .quotient(du, .product(.number(2), .call(.sqrt, [u])))
                },
                nonSmooth: { [NonSmoothPoint(.domainEdge, "sqrt", "has a domain edge",
                                             where: $0[0], note: " (undefined below)")] }
            )
        case .abs:
            return chained(function, "absolute value", { Swift.abs($0) },
                          nonSmooth: kink("abs")) { .call(.sign, [$0]) }
        case .sign:
            return piecewiseConstant(function, "sign: -1, 0 or 1", ScalarMath.sign)
        case .step:
            return piecewiseConstant(
                function, "Heaviside step: 1 for x > 0, 0 for x <= 0", ScalarMath.step
            )
        case .tanh:
            return chained(function, "hyperbolic tangent", { tanh($0) }) {
                .difference(.number(1), .power(.call(.tanh, [$0]), .number(2)))
            }
        case .sinh:
            return chained(function, "hyperbolic sine", { sinh($0) }) { .call(.cosh, [$0]) }
        case .cosh:
            return chained(function, "hyperbolic cosine", { cosh($0) }) { .call(.sinh, [$0]) }
        case .atan:
            return unary(
                function, "arctangent", { atan($0) },
                derivative: { u, du in .quotient(du, .sum(.number(1), .power(u, .number(2)))) }
            )
        case .erf:
            return chained(function, "error function", { erf($0) }) { gaussianFactor($0) }
        case .erfc:
            return chained(function, "complementary error function", { erfc($0) }) {
                .negation(gaussianFactor($0))
            }
        case .sigmoid:
            return chained(function, "logistic sigmoid 1/(1 + exp(-x))", ScalarMath.sigmoid) {
                let sigmoid = Expression.call(.sigmoid, [$0])
                return .product(sigmoid, .difference(.number(1), sigmoid))
            }
        case .relu:
            return chained(function, "rectifier max(x, 0)", ScalarMath.relu,
                          nonSmooth: kink("relu")) { .call(.step, [$0]) }
        case .softplus:
            return chained(function, "log(1 + exp(x))", ScalarMath.softplus) {
                .call(.sigmoid, [$0])
            }
        case .gelu:
            return chained(function, "Gaussian error linear unit x*Phi(x), erf form",
                          ScalarMath.gelu) { geluDerivative($0) }
        case .silu:
            return chained(function, "sigmoid linear unit (swish) x*sigmoid(x)",
                          ScalarMath.silu) {
                let sigmoid = Expression.call(.sigmoid, [$0])
                let correction = Expression.product($0, .difference(.number(1), sigmoid))
                return .product(sigmoid, .sum(.number(1), correction))
            }
        case .sinc:
            return chained(function, "unnormalised sinc sin(x)/x, sinc(0) = 1",
                          ScalarMath.sinc) { .call(.dsinc, [$0]) }
        case .dsinc:
            // sinc'' = -sinc - 2·sinc'/x. Known limit: this is 0/0 (NaN)
            // at exactly x = 0, where the true value is -1/3; only a second
            // derivative of sinc meets it.
            return chained(function, "derivative of sinc, (x*cos(x) - sin(x))/x^2",
                          ScalarMath.dsinc) {
                let ratio = Expression.quotient(.call(.dsinc, [$0]), $0)
                return .negation(.sum(.call(.sinc, [$0]), .product(.number(2), ratio)))
            }
        case .elu:
            return elu()
        case .leakyRelu:
            return leakyRelu()
        case .max:
            return extremum(function, "the larger of a and b", ScalarMath.maximum)
        case .min:
            return extremum(function, "the smaller of a and b", ScalarMath.minimum)
        case .pow:
            return BuiltinDefinition(
                function: function,
                parameters: [required("base"), required("exponent")],
                summary: "base^exponent, the same as the ^ operator",
                unary: nil,
                binary: { pow($0, $1) },
                derivativeRule: { arguments, derivatives in
                    PowerRule.derivative(
                        base: arguments[0], exponent: arguments[1],
                        baseDerivative: derivatives[0], exponentDerivative: derivatives[1]
                    )
                },
                nonSmoothRule: { arguments in
                    PowerRule.nonSmoothPoints(base: arguments[0], exponent: arguments[1])
                }
            )
        }
    }
}

// MARK: - Shapes of definitions

private extension BuiltinTable {
    static func required(_ name: String) -> BuiltinDefinition.Parameter {
        BuiltinDefinition.Parameter(name: name, defaultValue: nil)
    }

    static let noPoints: BuiltinDefinition.NonSmoothRule = { _ in [] }

    /// A one-argument function with a custom derivative rule.
    static func unary(
        _ function: BuiltinFunction,
        _ summary: String,
        _ evaluate: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Expression, Expression) -> Expression,
        nonSmooth: @escaping BuiltinDefinition.NonSmoothRule = noPoints
    ) -> BuiltinDefinition {
        BuiltinDefinition(
            function: function,
            parameters: [required("x")],
            summary: summary,
            unary: evaluate,
            binary: nil,
            derivativeRule: { arguments, derivatives in
                derivative(arguments[0], derivatives[0])
            },
            nonSmoothRule: nonSmooth
        )
    }

    /// A one-argument function differentiated by the chain rule,
    /// `f(u)' = u'·f'(u)`, where `outerDerivative` builds `f'(u)`.
    static func chained(
        _ function: BuiltinFunction,
        _ summary: String,
        _ evaluate: @escaping @Sendable (Double) -> Double,
        nonSmooth: @escaping BuiltinDefinition.NonSmoothRule = noPoints,
        outerDerivative: @escaping @Sendable (Expression) -> Expression
    ) -> BuiltinDefinition {
        unary(
            function, summary, evaluate,
            derivative: { u, du in
                du.isNumber(0) ? .number(0) : .product(du, outerDerivative(u))
            },
            nonSmooth: nonSmooth
        )
    }

    /// `sign` and `step`: derivative 0 everywhere (as autograd gives),
    /// a jump at 0.
    static func piecewiseConstant(
        _ function: BuiltinFunction,
        _ summary: String,
        _ evaluate: @escaping @Sendable (Double) -> Double
    ) -> BuiltinDefinition {
        unary(
            function, summary, evaluate,
            derivative: { _, _ in .number(0) },
            nonSmooth: { [NonSmoothPoint(.jump, function.rawValue, "jumps", where: $0[0])] }
        )
    }

    /// `max` and `min`: the derivative of the argument that is selected,
    /// half of each at a tie; a kink where `a - b` changes sign.
    ///
    /// Known limit: the rule names each argument's derivative twice (in
    /// its own branch and in the tie), because a weighted sum would blend
    /// an infinite derivative of the argument not selected into NaN. So
    /// `max` nested n levels deep has a derivative of about 2^n nodes, and
    /// beyond about 17 levels `derivative()` refuses it as too large.
    static func extremum(
        _ function: BuiltinFunction,
        _ summary: String,
        _ evaluate: @escaping @Sendable (Double, Double) -> Double
    ) -> BuiltinDefinition {
        let selectsFirst: ComparisonOperator = function == .max ? .greater : .less
        let selectsSecond: ComparisonOperator = function == .max ? .less : .greater
        return BuiltinDefinition(
            function: function,
            parameters: [required("a"), required("b")],
            summary: summary,
            unary: nil,
            binary: evaluate,
            derivativeRule: { arguments, derivatives in
                let (a, b) = (arguments[0], arguments[1])
                let (da, db) = (derivatives[0], derivatives[1])
                let tie = Expression.product(.number(0.5), .sum(da, db))
                return .choosing(
                    .comparing(selectsFirst, a, b),
                    da,
                    .choosing(.comparing(selectsSecond, a, b), db, tie)
                )
            },
            nonSmoothRule: { arguments in
                let locator = Expression.difference(arguments[0], arguments[1])
                return [NonSmoothPoint(.kink, function.rawValue, "has a kink", where: locator)]
            }
        )
    }

    /// `elu(x, alpha) = x > 0 ? x : alpha·(exp(x) − 1)`.
    static func elu() -> BuiltinDefinition {
        BuiltinDefinition(
            function: .elu,
            parameters: [required("x"), .init(name: "alpha", defaultValue: 1)],
            summary: "exponential linear unit: x for x > 0, alpha*(exp(x) - 1) otherwise",
            unary: nil,
            binary: ScalarMath.elu,
            derivativeRule: { arguments, derivatives in
                // Each argument's derivative appears once (so nested elu
                // stays linear in size): u' times a slope that selects,
                // plus a term in alpha' that is selected, not multiplied
                // by a selected 0, because alpha is unused for u > 0 and
                // may be NaN there (`elu(1 + x^2, log(x))` at x < 0):
                // (u > 0 ? 1 : alpha·e^u)·u' + (u > 0 ? 0 : (e^u − 1)·alpha').
                let (u, alpha) = (arguments[0], arguments[1])
                let (du, dalpha) = (derivatives[0], derivatives[1])
                let isPositive = Expression.comparing(.greater, u, .number(0))
                let exponential = Expression.call(.exp, [u])
                let slope = Expression.choosing(
                    isPositive, .number(1), .product(alpha, exponential)
                )
                let fromArgument = Expression.product(du, slope)
                if dalpha.isNumber(0) { return fromArgument }
                let fromAlpha = Expression.choosing(
                    isPositive, .number(0),
                    .product(.difference(exponential, .number(1)), dalpha)
                )
                return .sum(fromArgument, fromAlpha)
            },
            nonSmoothRule: kink("elu")
        )
    }

    /// `leaky_relu(x, slope) = x > 0 ? x : slope·x`.
    static func leakyRelu() -> BuiltinDefinition {
        BuiltinDefinition(
            function: .leakyRelu,
            parameters: [required("x"), .init(name: "slope", defaultValue: 0.01)],
            summary: "leaky rectifier: x for x > 0, slope*x otherwise",
            unary: nil,
            binary: ScalarMath.leakyRelu,
            derivativeRule: { arguments, derivatives in
                // (u > 0 ? 1 : slope)·u' + (u > 0 ? 0 : u·slope'): the
                // slope is unused for u > 0 and may be NaN there, so its
                // term is selected, not multiplied by a selected 0.
                let (u, slope) = (arguments[0], arguments[1])
                let (du, dslope) = (derivatives[0], derivatives[1])
                let isPositive = Expression.comparing(.greater, u, .number(0))
                let uSlope = Expression.choosing(isPositive, .number(1), slope)
                let fromArgument = Expression.product(du, uSlope)
                if dslope.isNumber(0) { return fromArgument }
                let fromSlope = Expression.choosing(
                    isPositive, .number(0), .product(u, dslope)
                )
                return .sum(fromArgument, fromSlope)
            },
            nonSmoothRule: kink("leaky_relu")
        )
    }

    // MARK: Non-smooth rules

    /// A kink where the first argument changes sign.
    static func kink(_ name: String) -> BuiltinDefinition.NonSmoothRule {
        { [NonSmoothPoint(.kink, name, "has a kink", where: $0[0])] }
    }

    /// A pole where `locator(first argument)` changes sign.
    static func pole(
        _ name: String,
        where locator: @escaping @Sendable (Expression) -> Expression,
        note: String = ""
    ) -> BuiltinDefinition.NonSmoothRule {
        { [NonSmoothPoint(.pole, name, "has a pole", where: locator($0[0]), note: note)] }
    }

    // MARK: Derivative pieces

    /// `2/√π · exp(−u²)`, the derivative of `erf(u)`.
    static func gaussianFactor(_ u: Expression) -> Expression {
        let scale = Expression.quotient(.number(2), .call(.sqrt, [.constant(.pi)]))
        return .product(scale, .call(.exp, [.negation(.power(u, .number(2)))]))
    }

    /// `Φ(u) + u·φ(u)` with `Φ(u) = erfc(−u/√2)/2` and
    /// `φ(u) = exp(−u²/2)/√(2π)`, the derivative of `gelu(u)`:
    /// `0.5*erfc(-x/sqrt(2)) + x*exp(-x^2/2)/sqrt(2*pi)`.
    static func geluDerivative(_ u: Expression) -> Expression {
        let squareRootOfTwo = Expression.call(.sqrt, [.number(2)])
        let cumulative = Expression.product(
            .number(0.5), .call(.erfc, [.quotient(.negation(u), squareRootOfTwo)])
        )
        let gaussian = Expression.call(
            .exp, [.quotient(.negation(.power(u, .number(2))), .number(2))]
        )
        let squareRootOfTwoPi = Expression.call(
            .sqrt, [.product(.number(2), .constant(.pi))]
        )
        return .sum(cumulative, .quotient(.product(u, gaussian), squareRootOfTwoPi))
    }
}
