import Foundation
import Testing
@testable import ActivationExpr

// Foundation has its own `Expression`; in this file the name means ours.
private typealias Expression = ActivationExpr.Expression

/// A careful numerical derivative: central differences at h, h/2 and h/4
/// combined by two Richardson steps (error O(h⁶)), with a step relative to
/// |x|. Independent of the symbolic derivative.
func richardsonDerivative(_ function: (Double) -> Double, at x: Double, step: Double = 1e-3) -> Double {
    let h = step * Swift.max(1, Swift.abs(x))
    func central(_ h: Double) -> Double { (function(x + h) - function(x - h)) / (2 * h) }
    let (d1, d2, d3) = (central(h), central(h / 2), central(h / 4))
    let (r1, r2) = ((4 * d2 - d1) / 3, (4 * d3 - d2) / 3)
    return (16 * r2 - r1) / 15
}

private func derivativeOf(_ source: String, _ parameters: [String: Double] = [:]) throws -> Expression {
    try Expression.parse(source, binding: parameters).derivative()
}

@Suite("Symbolic derivative")
struct DerivativeTests {
    static let general: [Double] = [-2.7, -1.1, -0.35, 0.2, 0.9, 2.3]
    static let positive: [Double] = [0.05, 0.4, 1.3, 7.5]
    static let awayFromZero: [Double] = [-2.1, -0.6, 0.3, 1.7]

    /// Each built-in, and operators, against the numerical derivative,
    /// away from kinks and poles.
    static let finiteDifferenceCases: [(source: String, points: [Double])] = [
        ("sin(x)", general), ("cos(x)", general), ("tan(x)", [-1.3, -0.4, 0.5, 1.2]),
        ("exp(x)", general), ("log(x)", positive), ("log1p(x)", [-0.9, -0.2, 0.5, 3]),
        ("sqrt(x)", positive), ("abs(x)", awayFromZero), ("sign(x)", awayFromZero),
        ("tanh(x)", general), ("sinh(x)", general), ("cosh(x)", general),
        ("atan(x)", general), ("erf(x)", general), ("erfc(x)", general),
        ("sigmoid(x)", general + [-30, 25]), ("relu(x)", awayFromZero),
        ("softplus(x)", general + [-30, 30]), ("gelu(x)", general + [-6, 5]),
        ("silu(x)", general + [-20]), ("elu(x)", awayFromZero), ("elu(x, 0.5)", awayFromZero),
        ("elu(-1.5, x)", general), ("leaky_relu(x)", awayFromZero),
        ("leaky_relu(x, 0.2)", awayFromZero), ("leaky_relu(-2, x^2)", general),
        ("sinc(x)", general + [0, 1e-4, -12]), ("dsinc(x)", general + [-12, 0.01]),
        ("step(x)", awayFromZero), ("max(x, 0.5*x^2)", [-1.5, 0.7, 1.4, 2.6]),
        ("min(sin(x), cos(x))", [-2, 0.3, 1.2]), ("pow(x, 3)", general),
        ("pow(2, x)", general), ("pow(x, x)", positive),
        // Operators and composites.
        ("sin(30*x)", [-0.31, 0.02, 0.17]), ("exp(-x^2/(2*0.05^2))", [-0.07, 0.01, 0.04]),
        ("sin(x)/x", general), ("x^x", positive), ("x^3 - 2*x", general),
        ("cos(x)*exp(-x^2)", general), ("gelu(sin(x))*tanh(2*x)", general),
        ("1/(1 + x^2)", general), ("sqrt(1 + x^2)", general), ("log(cosh(x))", general),
        ("x > 0 ? x^2 : sin(x)", awayFromZero), ("softplus(3*x)/3", general),
        ("(x - 1)/(x + 2)", general), ("2^-x^2", general), ("abs(sin(x))", general),
        ("x^-1.5", positive), ("-x^2/(2*s^2)", general), ("w0*sin(w0*x)", [-0.1, 0.05]),
        ("(x > 0)*x", awayFromZero), ("atan(x)^2 + x*log1p(x^2)", general),
        ("x^0.5*e^x - pi*x", positive), ("max(x, 0) + min(x, 0)", awayFromZero),
    ]

    static let parameters: [String: Double] = ["s": 0.7, "w0": 30]

    @Test("derivatives agree with a Richardson-extrapolated central difference")
    func finiteDifferences() throws {
        for (source, points) in Self.finiteDifferenceCases {
            let expression = try Expression.parse(source)
            let bound = try expression.bindingParameters(
                Self.parameters.filter { expression.parameterNames.contains($0.key) }
            )
            let derivative = try bound.derivative()
            for x in points {
                let numerical = richardsonDerivative(bound.evaluate(at:), at: x)
                let symbolic = derivative.evaluate(at: x)
                let scale = Swift.max(Swift.abs(numerical), 1e-3)
                #expect(
                    Swift.abs(symbolic - numerical) <= 1e-6 * scale,
                    "d/dx \(source) at \(x): \(derivative) = \(symbolic), numerically \(numerical)"
                )
            }
        }
    }

    @Test("the finite-difference cases use every built-in function")
    func everyBuiltinIsCovered() throws {
        var used: Set<BuiltinFunction> = []
        for (source, _) in Self.finiteDifferenceCases {
            var pending = [try Expression.parse(source)]
            while let node = pending.popLast() {
                if case .call(let function, _) = node { used.insert(function) }
                pending.append(contentsOf: node.children)
            }
        }
        #expect(used == Set(BuiltinFunction.allCases))
    }

    @Test("derivatives against hand-derived closed forms")
    func closedForms() throws {
        func sigmoid(_ t: Double) -> Double { 1 / (1 + Foundation.exp(-t)) }
        let cases: [(String, (Double) -> Double, [Double])] = [
            ("x^2", { 2 * $0 }, [-3, 0.5, 4]),
            ("x^3", { 3 * $0 * $0 }, [-2, 0.1, 3]),
            ("sigmoid(x)", { sigmoid($0) * (1 - sigmoid($0)) }, [-4, 0, 0.3, 6]),
            ("tanh(x)", { 1 / (Foundation.cosh($0) * Foundation.cosh($0)) }, [-2, 0, 0.5, 1.5]),
            ("gelu(x)", {
                0.5 * Foundation.erfc(-$0 / 2.0.squareRoot())
                    + $0 * Foundation.exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot()
            }, [-3, -0.2, 0, 1.1]),
            ("silu(x)", { sigmoid($0) + $0 * sigmoid($0) * (1 - sigmoid($0)) }, [-3, 0, 2]),
            ("sin(30*x)", { 30 * Foundation.cos(30 * $0) }, [-0.2, 0.01, 0.4]),
            ("exp(-x^2/(2*0.05^2))", {
                -$0 / (0.05 * 0.05) * Foundation.exp(-$0 * $0 / (2 * 0.05 * 0.05))
            }, [-0.06, 0.02, 0.1]),
            ("sinc(x)", { ($0 * Foundation.cos($0) - Foundation.sin($0)) / ($0 * $0) }, [-4, 2, 9]),
            ("x^x", { Foundation.pow($0, $0) * (Foundation.log($0) + 1) }, [0.3, 1, 2.5]),
            ("erf(x)", { 2 / Double.pi.squareRoot() * Foundation.exp(-$0 * $0) }, [-1, 0, 0.7]),
            ("atan(x)", { 1 / (1 + $0 * $0) }, [-2, 0, 3]),
            ("softplus(x)", { sigmoid($0) }, [-5, 0, 5]),
            ("log1p(x)", { 1 / (1 + $0) }, [-0.5, 0, 2]),
            ("sqrt(x)", { 0.5 / $0.squareRoot() }, [0.25, 4]),
        ]
        for (source, closedForm, points) in cases {
            let derivative = try derivativeOf(source)
            for x in points {
                let expected = closedForm(x)
                let value = derivative.evaluate(at: x)
                let scale = Swift.max(Swift.abs(expected), 1e-300)
                #expect(Swift.abs(value - expected) <= 1e-13 * scale,
                        "d/dx \(source) at \(x) = \(value), want \(expected)")
            }
        }
    }

    @Test("printed derivatives are readable", arguments: [
        ("x^2", "2*x"),
        ("3*x^3 - 2*x + 1", "9*x^2 - 2"),
        ("sin(30*x)", "30*cos(30*x)"),
        ("exp(-x^2/(2*s^2))", "-x/s^2*exp(-x^2/(2*s^2))"),
        ("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))"),
        ("tanh(x)", "1 - tanh(x)^2"),
        ("relu(x)", "step(x)"),
        ("abs(x)", "sign(x)"),
        ("softplus(x)", "sigmoid(x)"),
        ("sinc(x)", "dsinc(x)"),
        ("leaky_relu(x)", "x > 0 ? 1 : 0.01"),
        ("elu(x, 0.5)", "x > 0 ? 1 : 0.5*exp(x)"),
        ("max(x, 0)", "x > 0 ? 1 : x < 0 ? 0 : 0.5"),
        ("x > 0 ? x^2 : -x", "x > 0 ? 2*x : -1"),
        ("1/x", "-1/x^2"),
        ("log(2*x)", "1/x"),
        ("erf(x)", "2/sqrt(pi)*exp(-x^2)"),
        ("2^x", "log(2)*2^x"),
        ("e^(2*x)", "2*e^(2*x)"),
        ("gelu(x)", "0.5*erfc(-x/sqrt(2)) + x*exp(-x^2/2)/sqrt(2*pi)"),
        ("cos(x)*exp(-x^2)", "-sin(x)*exp(-x^2) - 2*cos(x)*x*exp(-x^2)"),
        ("w0*sin(w0*x)", "w0*w0*cos(w0*x)"),
        ("sin(x)/x", "(cos(x)*x - sin(x))/x^2"),
        ("5", "0"),
        ("s*x", "s"),
    ])
    func printedForms(source: String, printed: String) throws {
        #expect(try Expression.parse(source).derivative().description == printed)
    }

    @Test("values at kinks follow PyTorch's autograd conventions")
    func kinkValues() throws {
        func slope(_ source: String, at x: Double = 0) throws -> Double {
            try derivativeOf(source).evaluate(at: x)
        }
        #expect(try slope("relu(x)") == 0)
        #expect(try slope("abs(x)") == 0)
        #expect(try slope("step(x)") == 0)
        #expect(try slope("sign(x)") == 0)
        #expect(try slope("leaky_relu(x)") == 0.01)
        #expect(try slope("leaky_relu(x, 0.2)") == 0.2)
        #expect(try slope("elu(x)") == 1)
        #expect(try slope("elu(x, 0.5)") == 0.5)
        #expect(try slope("max(x, 0)") == 0.5)
        #expect(try slope("min(x, 0)") == 0.5)
        #expect(try slope("max(x, -x)") == 0)
        #expect(try slope("max(2*x, x)") == 1.5)
        #expect(try slope("x > 0 ? x^2 : -x") == -1)
        #expect(try slope("x >= 0 ? x^2 : -x") == 0)
        #expect(try slope("relu(x - 1)", at: 1) == 0)
        #expect(try slope("relu(x)", at: 1e-300) == 1)
    }

    @Test("derivatives stay finite where a textbook form would not")
    func safeForms() throws {
        #expect(try derivativeOf("sigmoid(x)").evaluate(at: -800) == 0)
        #expect(try derivativeOf("sigmoid(x)").evaluate(at: 800) == 0)
        #expect(try derivativeOf("tanh(x)").evaluate(at: 400) == 0)
        #expect(try derivativeOf("x^2").evaluate(at: -3) == -6)
        #expect(try derivativeOf("x^3").evaluate(at: -2) == 12)
        #expect(try derivativeOf("pow(x, 2)").evaluate(at: -3) == -6)
        #expect(try derivativeOf("x^-1").evaluate(at: -2) == -0.25)
        #expect(try derivativeOf("sinc(x)").evaluate(at: 0) == 0)
        #expect(try derivativeOf("softplus(x)").evaluate(at: -1000) == 0)
        #expect(try derivativeOf("gelu(x)").evaluate(at: -40) == 0)
        // The branch not taken has an infinite derivative; it must not leak.
        #expect(try derivativeOf("x > 0 ? sqrt(x) : 0").evaluate(at: -1) == 0)
        #expect(try derivativeOf("max(x, log(x))").evaluate(at: 0) == 1)
    }

    @Test("parameters are constants; binding afterwards gives the same values")
    func parameters() throws {
        let symbolic = try Expression.parse("exp(-x^2/(2*s^2))").derivative()
        #expect(symbolic.parameterNames == ["s"])
        let bound = try symbolic.bindingParameters(["s": 0.5])
        let direct = try derivativeOf("exp(-x^2/(2*s^2))", ["s": 0.5])
        for x in [-1.0, 0.2, 0.9] {
            let expected = -x / 0.25 * Foundation.exp(-x * x / 0.5)
            #expect(Swift.abs(bound.evaluate(at: x) - expected) <= 1e-15)
            #expect(Swift.abs(direct.evaluate(at: x) - expected) <= 1e-15)
        }
    }

    @Test("derivatives of 1500 random trees agree with finite differences away from breakpoints")
    func randomTrees() throws {
        var trees = RandomTrees(generator: SplitMix64(state: 1_234))
        let bindings = Dictionary(uniqueKeysWithValues: RandomTrees.names.enumerated().map {
            ($0.element, 0.4 + Double($0.offset) * 0.3)
        })
        var compared = 0
        for _ in 0..<1500 {
            let tree = trees.tree(depth: 4)
            let bound = try tree.bindingParameters(
                bindings.filter { tree.parameterNames.contains($0.key) })
            guard let function = try? bound.simplified(),
                  let derivative = try? function.derivative(),
                  let points = try? function.nonSmoothPoints() else { continue }
            for x in [-1.37, -0.21, 0.43, 1.19] {
                // Skip points near a breakpoint, where no difference quotient
                // is meaningful, and points where anything is not finite.
                let h = 1e-3 * Swift.max(1, Swift.abs(x))
                let window = stride(from: x - 4 * h, through: x + 4 * h, by: h)
                let nearBreakpoint = points.contains { point in
                    let signs = Set(window.map { point.locator.evaluate(at: $0).sign })
                    let values = window.map { point.locator.evaluate(at: $0) }
                    return signs.count > 1 || values.contains { $0 == 0 || !$0.isFinite }
                }
                let values = window.map(function.evaluate(at:))
                guard !nearBreakpoint, values.allSatisfy(\.isFinite),
                      values.allSatisfy({ Swift.abs($0) < 1e8 }) else { continue }
                let symbolic = derivative.evaluate(at: x)
                let numerical = richardsonDerivative(function.evaluate(at:), at: x)
                guard symbolic.isFinite, Swift.abs(numerical) < 1e8 else { continue }
                let tolerance = 1e-6 * (Swift.abs(numerical) + 1)
                    + 1e-10 * (Swift.abs(values[4]) + 1) / h
                // A function that oscillates on the scale of the step
                // (sin(123.456^x)) is not resolved by the differences:
                // they then disagree with themselves at a quarter step.
                let finer = richardsonDerivative(function.evaluate(at:), at: x, step: 2.5e-4)
                guard Swift.abs(finer - numerical) <= tolerance else { continue }
                compared += 1
                #expect(Swift.abs(symbolic - numerical) <= tolerance,
                        "d/dx \(function) at \(x): \(derivative) = \(symbolic), numerically \(numerical)")
            }
        }
        #expect(compared > 1500)
    }

    @Test("a constant part of a derivative that is not finite is reported")
    func nonFiniteDerivative() {
        #expect(throws: ExpressionError.nonFiniteConstant(subexpression: "log(0)", value: -.infinity)) {
            try Expression.parse("0^x").derivative()
        }
    }
}
