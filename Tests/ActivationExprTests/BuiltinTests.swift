import Testing
@testable import ActivationExpr

/// The distance between two doubles in units in the last place of the
/// expected value (0 when they are equal or both NaN).
func ulpDistance(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected || (actual.isNaN && expected.isNaN) { return 0 }
    if !actual.isFinite || !expected.isFinite { return .infinity }
    return Swift.abs(actual - expected) / expected.ulp
}

@Suite("Built-in table")
struct BuiltinTableTests {
    @Test("every function has exactly one definition of the right shape")
    func definitionsAreComplete() {
        for function in BuiltinFunction.allCases {
            let definition = function.definition
            #expect(definition.function == function)
            #expect(definition.name == function.rawValue)
            #expect(!definition.summary.isEmpty)
            let isUnary = definition.parameters.count == 1
            #expect((definition.unary != nil) == isUnary, "\(function)")
            #expect((definition.binary != nil) == !isUnary, "\(function)")
            // Required parameters come before optional ones.
            let firstOptional = definition.parameters.firstIndex { $0.defaultValue != nil }
            if let firstOptional {
                #expect(definition.parameters[firstOptional...].allSatisfy {
                    $0.defaultValue != nil
                })
            }
        }
    }

    @Test("defaults and signatures of the functions with optional arguments")
    func defaults() {
        #expect(BuiltinFunction.elu.definition.signature == "elu(x, alpha = 1)")
        #expect(BuiltinFunction.leakyRelu.definition.signature == "leaky_relu(x, slope = 0.01)")
        #expect(BuiltinFunction.max.definition.signature == "max(a, b)")
        #expect(BuiltinFunction.elu.definition.requiredArgumentCount == 1)
        #expect(BuiltinFunction.elu.definition.maximumArgumentCount == 2)
        #expect(BuiltinFunction(name: "leaky_relu") == .leakyRelu)
        #expect(BuiltinFunction(name: "leakyRelu") == nil)
    }

    @Test("smooth built-ins agree with high-precision references to 4 ulps")
    func smoothValues() throws {
        for (name, x, expected) in builtinReferences {
            let function = try #require(BuiltinFunction(name: name))
            let unary = try #require(function.definition.unary)
            let value = unary(x)
            // GELU's tail is ill-conditioned: rounding x/√2 (half an ulp)
            // moves erfc(-x/√2) by about x²/2 ulps, so allow that growth.
            let tolerance = function == .gelu ? 4 + x * x / 2 : 4
            #expect(
                ulpDistance(value, expected) <= tolerance,
                "\(name)(\(x)) = \(value), want \(expected)"
            )
            // The tree walk calls the same function.
            #expect(Expression.call(function, [.variable]).evaluate(at: x) == value)
        }
    }

    @Test("piecewise functions and their values at the kinks")
    func piecewiseValues() {
        func value(_ function: BuiltinFunction, _ arguments: Double...) -> Double {
            function.definition.evaluate(arguments)
        }
        #expect(value(.relu, -2) == 0)
        #expect(value(.relu, 0) == 0)
        #expect(value(.relu, 3.5) == 3.5)
        #expect(value(.step, 0) == 0)
        #expect(value(.step, -0.0) == 0)
        #expect(value(.step, 1e-300) == 1)
        #expect(value(.sign, -0.0) == 0)
        #expect(value(.sign, -1e-300) == -1)
        #expect(value(.sign, 7) == 1)
        #expect(value(.abs, -2.5) == 2.5)
        #expect(value(.leakyRelu, -2, 0.01) == -0.02)
        #expect(value(.leakyRelu, 2, 0.01) == 2)
        // elu(-1, 0.5) = 0.5*(exp(-1) - 1) = -0.31606027941427883 (mpmath).
        #expect(ulpDistance(value(.elu, -1, 0.5), -0.31606027941427883) <= 2)
        // elu(-1e-10, 1) = expm1(-1e-10) = -9.9999999995e-11 (mpmath), which
        // exp(x) - 1 would get wrong in the sixth digit.
        #expect(ulpDistance(value(.elu, -1e-10, 1), -9.9999999995000000000166e-11) <= 2)
        #expect(value(.elu, 0, 2) == 0)
        #expect(value(.max, 1, 2) == 2)
        #expect(value(.min, 1, 2) == 1)
        #expect(value(.pow, 2, 10) == 1024)
        #expect(value(.pow, -2, 3) == -8)
    }

    @Test("NaN arguments give NaN, whatever the function")
    func nanPropagates() {
        for function in BuiltinFunction.allCases {
            let definition = function.definition
            let arguments = definition.parameters.map { $0.defaultValue ?? 1 }
            var withNaN = arguments
            withNaN[0] = .nan
            #expect(definition.evaluate(withNaN).isNaN, "\(function)(nan, ...)")
        }
        #expect(BuiltinFunction.max.definition.evaluate([1, .nan]).isNaN)
        #expect(BuiltinFunction.min.definition.evaluate([1, .nan]).isNaN)
    }

    @Test("numerically safe forms do not overflow")
    func safeForms() {
        let sigmoid = BuiltinFunction.sigmoid.definition.evaluate
        #expect(sigmoid([-1000]) == 0)
        #expect(sigmoid([1000]) == 1)
        #expect(sigmoid([-Double.infinity]) == 0)
        #expect(sigmoid([Double.infinity]) == 1)
        let softplus = BuiltinFunction.softplus.definition.evaluate
        #expect(softplus([1e308]) == 1e308)
        #expect(softplus([-Double.infinity]) == 0)
        let gelu = BuiltinFunction.gelu.definition.evaluate
        #expect(gelu([-40]) == -0.0)
        #expect(BuiltinFunction.silu.definition.evaluate([-1000]) == 0)
        #expect(BuiltinFunction.sinc.definition.evaluate([0]) == 1)
        #expect(BuiltinFunction.dsinc.definition.evaluate([0]) == 0)
    }
}
