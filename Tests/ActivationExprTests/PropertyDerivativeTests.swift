import Testing
@testable import ActivationExpr

/// The symbolic derivative against central finite differences, beyond
/// `DerivativeTests.randomTrees` (one seed, depth 4, tree walk): through
/// the public `Activation` (parameters bound to random values, constants
/// folded, both functions compiled), on several seeds and deeper trees
/// with more conditionals, and for the second derivative.
@Suite("Properties: symbolic derivative against finite differences")
struct PropertyDerivativeTests {
    static let points: [Double] = [-2.3, -1.37, -0.21, 0.43, 0.9, 1.19, 2.8]

    @Test("φ' of Activation agrees with a finite difference of φ where φ is smooth",
          arguments: propertySeeds)
    func compiledDerivative(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed)
        random.parameters = ["a", "w0"]
        random.numbers = PropertyTreeGenerator.moderateNumbers
        random.conditionalWeight = 2
        var compared = 0

        for _ in 0..<600 {
            let tree = random.expression(depth: 5)
            let values = random.values(for: tree.parameterNames)
            guard let activation = try? Activation(
                expression: tree, source: tree.description, parameters: values) else { continue }
            let folded = try activation.expression.foldingConstants()
            compared += SmoothComparison.compare(
                function: activation.function.evaluate,
                isDegenerate: { EvaluationPath.hasNonFiniteValue(folded, at: $0) },
                derivative: activation.derivative.evaluate,
                locators: activation.breakpoints.map(\.locator.evaluate),
                at: Self.points
            ) { x, symbolic, numerical in
                "d/dx \(activation.expression) at \(x): \(activation.derivativeExpression) "
                    + "= \(symbolic), numerically \(numerical)"
            }
        }
        #expect(compared > 600)
    }

    @Test("φ'' agrees with a finite difference of φ' where φ' is smooth",
          arguments: propertySeeds)
    func secondDerivative(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed &+ 100)
        random.parameters = ["a"]
        random.numbers = PropertyTreeGenerator.moderateNumbers
        var compared = 0

        for _ in 0..<400 {
            let tree = random.expression(depth: 4)
            let values = random.values(for: tree.parameterNames)
            guard let first = try? tree.bindingParameters(values).simplified().derivative(),
                  let second = try? first.derivative(),
                  let points = try? first.nonSmoothPoints() + second.nonSmoothPoints()
            else { continue }
            compared += SmoothComparison.compare(
                function: first.evaluate(at:),
                isDegenerate: { EvaluationPath.hasNonFiniteValue(first, at: $0) },
                derivative: second.evaluate(at:),
                locators: points.map { point in { point.locator.evaluate(at: $0) } },
                at: Self.points
            ) { x, symbolic, numerical in
                "d/dx \(first) at \(x): \(second) = \(symbolic), numerically \(numerical)"
            }
        }
        #expect(compared > 300)
    }
}

/// Compares a derivative with Richardson-extrapolated central differences
/// where that comparison means something.
enum SmoothComparison {
    /// Checks `derivative` against differences of `function` at each
    /// point that is not within four steps of a breakpoint (a sign change
    /// or zero of a locator), where the function is finite and moderate
    /// and the differences resolve it (they agree with themselves at a
    /// quarter of the step); returns how many points were compared. There
    /// the derivative must be finite too: a NaN or infinite symbolic
    /// derivative of a smooth function is a failure, not a skip, unless
    /// the function `isDegenerate` there (a node inside it overflows or is
    /// undefined, see `EvaluationPath.hasNonFiniteValue`). Points where the
    /// derivative itself is not resolved at 1e-7 are skipped too.
    static func compare(
        function: (Double) -> Double,
        isDegenerate: (Double) -> Bool,
        derivative: (Double) -> Double,
        locators: [(Double) -> Double],
        at points: [Double],
        message: (Double, Double, Double) -> String
    ) -> Int {
        var compared = 0
        for x in points {
            let h = 1e-3 * Swift.max(1, Swift.abs(x))
            let window = Array(stride(from: x - 4 * h, through: x + 4 * h, by: h))
            let nearBreakpoint = locators.contains { locator in
                let values = window.map(locator)
                let signs = Set(values.map(\.sign))
                return signs.count > 1 || values.contains { $0 == 0 || !$0.isFinite }
            }
            let values = window.map(function)
            guard !nearBreakpoint, values.allSatisfy({ $0.isFinite && Swift.abs($0) < 1e8 })
            else { continue }

            let symbolic = derivative(x)
            if !symbolic.isFinite && isDegenerate(x) { continue }

            // A derivative that changes wildly within 1e-7 of x describes
            // an oscillation finer than any difference step can follow
            // (`sinc(2.15^110)` oscillates 1e36 times per unit of x with an
            // amplitude of 1e-37): both difference quotients are noise
            // there, below the tolerance, and agree with each other.
            let delta = 1e-7 * Swift.max(1, Swift.abs(x))
            let isResolved = [derivative(x - delta), derivative(x + delta)].allSatisfy {
                Swift.abs($0 - symbolic) <= 1e-3 * (Swift.abs(symbolic) + 1)
            }
            if symbolic.isFinite && !isResolved { continue }
            let numerical = richardsonDerivative(function, at: x)
            guard Swift.abs(numerical) < 1e8 else { continue }
            let tolerance = 1e-6 * (Swift.abs(numerical) + 1)
                + 1e-10 * (Swift.abs(values[4]) + 1) / h
            let finer = richardsonDerivative(function, at: x, step: 2.5e-4)
            guard Swift.abs(finer - numerical) <= tolerance else { continue }

            compared += 1
            #expect(Swift.abs(symbolic - numerical) <= tolerance,
                    "\(message(x, symbolic, numerical))")
        }
        return compared
    }
}
