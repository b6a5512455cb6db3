import Foundation
import Testing
@testable import VI3NR

// Reference roots computed with mpmath 1.3 at 40 digits (findroot on the
// closed forms), independently of this code:
//   sin(a x), cond = a²s² coth(a²s²) = 2: y coth y = 2 at
//     y = 1.915008048154537481353003061004815650573, s = √y / a
//   exp(−x²) + 0.2x: M_f = (1 + 4s²)^(−1/2) + 0.04 s²,
//     M_d = 4s² (1 + 4s²)^(−3/2) + 0.04, cond = s² M_d / M_f;
//     cond = 2 at s = 1.604334567470575327978697694473641293805
//                 and s = 12.30410168149891905960086475503753931624;
//     cond = 3.465 at s = 3.232706840273932196159953591417457804269
//                     and s = 3.497093680457770583569302466341221179770;
//     its maximum 3.469239772832224753633715504157332554 at
//     s = 3.360811215351419994723580343431882274607.

/// `cond` of `exp(−x²) + 0.2x` in closed form (see above).
private func twoRootCondition(_ sigma: Double) -> Double {
    let spread = 1 + 4 * sigma * sigma
    let forward = 1 / spread.squareRoot() + 0.04 * sigma * sigma
    let backward = 4 * sigma * sigma / pow(spread, 1.5) + 0.04
    return sigma * sigma * backward / forward
}

@Suite("Optimal σ_p search: outcomes")
struct OptimalSigmaSearchTests {
    @Test("relu, leaky_relu, abs, x: any σ_p, confirmed by the formula",
          arguments: ["relu(x)", "leaky_relu(x)", "leaky_relu(x, 0.2)", "abs(x)", "x", "3*x"])
    func anySigma(source: String) throws {
        let result = try OptimalSigmaSearch().run(for: activation(source))
        guard case let .anySigma(condition, isHomogeneous) = result.outcome else {
            Issue.record("\(source): \(result.outcome)")
            return
        }
        #expect(isHomogeneous)
        #expect(Swift.abs(condition.value - 1) < 1e-12)
        #expect(result.scaling.positiveHomogeneityDegree == 1)
    }

    @Test("tanh, sin(30x), erf, SiLU, GELU, x·exp(−x²): only the trivial limit",
          arguments: ["tanh(x)", "sin(30*x)", "erf(x)", "silu(x)", "gelu(x)", "x*exp(-x^2)"])
    func trivialLimit(source: String) throws {
        let result = try OptimalSigmaSearch().run(for: activation(source))
        #expect(result.outcome == .trivialLimit, "\(source): \(result.outcome)")
        #expect(result.scaling.hasTrivialLimit)
        #expect(result.roots.isEmpty)
    }

    @Test("tanh near σ_p = 1e-3: cond − 1 ≈ (4/3)σ_p⁴ lies inside the noise band")
    func trivialLimitNoiseBand() throws {
        let result = try OptimalSigmaSearch().run(for: activation("tanh(x)"))
        let first = try #require(result.scan.first?.condition)
        // (4/3)·1e-12: below four error bounds, so its sign is not used.
        let band = 4 * Swift.max(first.errorEstimate, 1e-13 * first.value)
        #expect(Swift.abs(first.value - 1) < band)
        #expect(result.outcome == .trivialLimit)
    }

    @Test("the Gaussian bump (c = 0.05): one root, σ_p* = c√(1 + √2), to 1e-10")
    func gaussianBumpRoot() throws {
        let result = try OptimalSigmaSearch().run(for: activation("exp(-x^2/(2*0.05^2))"))
        let roots = result.roots
        try #require(roots.count == 1, "\(result.outcome)")
        let root = roots[0]
        #expect(relativeError(root.preactivationStd.value, 0.0776886987015019) < 1e-10)
        #expect(relativeError(root.gainSquared.value, 0.0145710678118655) < 1e-10)
        #expect(root.crossing == .upward)
        #expect(root.preactivationStd.errorEstimate < 1e-10 * root.preactivationStd.value)
        #expect(Swift.abs(root.condition.value - 1) < 1e-10)
        #expect(!result.scaling.hasTrivialLimit)
    }

    @Test("the Gaussian bump on [0.1, 20], which excludes its root: closest approach at 0.1")
    func noRootBelowTheRange() throws {
        let search = OptimalSigmaSearch(lowerBound: 0.1, upperBound: 20)
        let result = try search.run(for: activation("exp(-x^2/(2*0.05^2))"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        // cond(0.1) = 0.1⁴ / (0.05² (0.05² + 2·0.1²)) = 16/9.
        #expect(approach.position == .lowerEnd)
        #expect(approach.preactivationStd == 0.1)
        #expect(relativeError(approach.condition.value, 16.0 / 9) < 1e-10)
        #expect(relativeError(approach.distance, 7.0 / 9) < 1e-9)
    }

    @Test("sin(x) with fan_ratio 2 (target 1/2): cond > 1 everywhere, closest at the lower end")
    func sineWithWideLayers() throws {
        let result = try OptimalSigmaSearch(fanRatio: 2).run(for: activation("sin(x)"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .lowerEnd)
        #expect(Swift.abs(approach.condition.value - 1) < 1e-9)
        #expect(result.target == 0.5)
    }

    @Test("sin(a x) with fan_ratio 1/2 (target 2): a genuine root at √y/a, y coth y = 2",
          arguments: [1.0, 3.0, 30.0])
    func sineWithNarrowLayers(frequency: Double) throws {
        let sine = try activation("sin(a*x)", parameters: ["a": frequency])
        let result = try OptimalSigmaSearch(fanRatio: 0.5).run(for: sine)
        let roots = result.roots
        try #require(roots.count == 1, "\(result.outcome)")
        let expected = 1.915008048154537481353.squareRoot() / frequency
        #expect(relativeError(roots[0].preactivationStd.value, expected) < 1e-10)
        #expect(roots[0].crossing == .upward)
        let scaled = frequency * frequency * expected * expected
        #expect(Swift.abs(scaled / tanh(scaled) - 2) < 1e-12)
    }

    @Test("exp(−x²) + 0.2x with fan_ratio 1/2: two roots, each checked independently")
    func twoRoots() throws {
        let function = try activation("exp(-x^2) + 0.2*x")
        let result = try OptimalSigmaSearch(fanRatio: 0.5).run(for: function)
        let roots = result.roots
        try #require(roots.count == 2, "\(result.outcome)")
        #expect(relativeError(roots[0].preactivationStd.value, 1.6043345674705753) < 1e-10)
        #expect(relativeError(roots[1].preactivationStd.value, 12.304101681498919) < 1e-10)
        #expect(roots[0].crossing == .upward)
        #expect(roots[1].crossing == .downward)
        for root in roots {
            let sigma = root.preactivationStd.value
            #expect(Swift.abs(twoRootCondition(sigma) - 2) < 1e-9)
            let condition = try BackwardCondition(activation: function, preactivationStd: sigma)
            #expect(Swift.abs(condition.value.value - 2) < 1e-9)
        }
    }

    @Test("two roots closer than the scan spacing are found through the dip between them")
    func twoRootsBetweenAdjacentScanPoints() throws {
        let result = try OptimalSigmaSearch(fanRatio: 1 / 3.465)
            .run(for: activation("exp(-x^2) + 0.2*x"))
        let roots = result.roots
        try #require(roots.count == 2, "\(result.outcome)")
        // The roots are 8 % apart; the scan points 47 %.
        #expect(relativeError(roots[0].preactivationStd.value, 3.2327068402739322) < 1e-9)
        #expect(relativeError(roots[1].preactivationStd.value, 3.4970936804577706) < 1e-9)
        let scanPointsBetween = result.scan.filter {
            $0.preactivationStd > roots[0].preactivationStd.value
                && $0.preactivationStd < roots[1].preactivationStd.value
        }
        #expect(scanPointsBetween.count <= 1)
    }

    @Test("a target at the maximum of cond: one touching root, placed as sharply as noise allows")
    func touchingRoot() throws {
        let result = try OptimalSigmaSearch(fanRatio: 1 / 3.4692397728322248)
            .run(for: activation("exp(-x^2) + 0.2*x"))
        let roots = result.roots
        try #require(roots.count == 1, "\(result.outcome)")
        let root = roots[0]
        #expect(root.crossing == .touching)
        let distance = Swift.abs(root.preactivationStd.value - 3.3608112153514200)
        #expect(distance <= root.preactivationStd.errorEstimate)
        #expect(root.preactivationStd.errorEstimate < 1e-3)
    }

    @Test("a near miss inside the range: the closest approach is the refined maximum")
    func interiorNearMiss() throws {
        let result = try OptimalSigmaSearch(fanRatio: 1 / 3.47)
            .run(for: activation("exp(-x^2) + 0.2*x"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .interior)
        #expect(relativeError(approach.preactivationStd, 3.3608112153514200) < 1e-6)
        #expect(relativeError(approach.condition.value, 3.4692397728322248) < 1e-10)
    }

    @Test("softplus approaches cond = 1 from below up to σ_p = 20: no root, not the range end")
    func noRootAtTheUpperEnd() throws {
        let result = try OptimalSigmaSearch().run(for: activation("softplus(x)"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .upperEnd)
        #expect(approach.preactivationStd == 20)
        #expect(approach.distance < 0)
        #expect(result.roots.isEmpty)
    }

    @Test("step and constants: M_d ≡ 0, cond ≡ 0", arguments: ["step(x)", "3", "sign(x)"])
    func zeroBackwardMoment(source: String) throws {
        let result = try OptimalSigmaSearch().run(for: activation(source))
        #expect(result.outcome == .degenerate(.zeroBackwardMoment))
    }

    @Test("φ ≡ 0: M_f ≡ 0, no gain exists")
    func zeroForwardMoment() throws {
        let result = try OptimalSigmaSearch().run(for: activation("0*x"))
        #expect(result.outcome == .degenerate(.zeroForwardMoment))
    }

    @Test("x³: homogeneous of degree 3, cond ≡ 9/5, so no σ_p gives 1")
    func constantCondition() throws {
        let result = try OptimalSigmaSearch().run(for: activation("x^3"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .everywhere)
        #expect(relativeError(approach.condition.value, 1.8) < 1e-12)
        #expect(result.scaling.positiveHomogeneityDegree == 3)
    }

    @Test("tanh(x)²: cond ≥ 1 by the bound, its closest approach to 1 refined inside the range")
    func boundedWithInteriorMinimum() throws {
        let result = try OptimalSigmaSearch().run(for: activation("tanh(x)^2"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .interior)
        // Refined: below every scan point's cond, and a minimum (cond is
        // higher 1 % away on both sides).
        let scanMinimum = result.scan.compactMap { $0.condition?.value }.min() ?? 0
        #expect(approach.condition.value <= scanMinimum)
        let function = try activation("tanh(x)^2")
        for factor in [0.99, 1.01] {
            let nearby = try BackwardCondition(
                activation: function, preactivationStd: factor * approach.preactivationStd)
            #expect(nearby.value.value > approach.condition.value)
        }
    }

    @Test("relu with fan_ratio 1/2: cond ≡ 1 ≠ 2 everywhere")
    func reluWithNarrowLayers() throws {
        let result = try OptimalSigmaSearch(fanRatio: 0.5).run(for: activation("relu(x)"))
        guard case .noRoot(let approach) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(approach.position == .everywhere)
        #expect(Swift.abs(approach.distance + 1) < 1e-12)
    }

    @Test("φ(0) = 0 and continuous: every scanned cond ≥ 1, as the Hardy bound says",
          arguments: ["tanh(x)", "relu(x) + tanh(x)", "softplus(x) - log(2)", "x + 3*(1 - cos(x))",
                      "0.1*x + 1 - exp(-x^2/2)", "x^3 + x"])
    func conditionAtLeastOne(source: String) throws {
        let result = try OptimalSigmaSearch().run(for: activation(source))
        #expect(result.scaling.isConditionAtLeastOne)
        for sample in result.scan {
            let condition = try #require(sample.condition)
            #expect(condition.value >= 1 - 4 * Swift.max(condition.errorEstimate, 1e-13),
                    "\(source) at σ_p = \(sample.preactivationStd): \(condition.value)")
        }
        #expect(result.outcome == .trivialLimit)
    }

    @Test("a jump far out voids the bound; the noise band alone keeps tanh's trivial limit")
    func noiseBandWithoutTheBound() throws {
        let result = try OptimalSigmaSearch().run(for: activation("tanh(x) + 0.001*step(x - 5)"))
        #expect(!result.scaling.isConditionAtLeastOne)
        #expect(result.scaling.hasTrivialLimit)
        #expect(result.outcome == .trivialLimit, "\(result.outcome)")
    }
}

@Suite("Optimal σ_p search: errors")
struct OptimalSigmaSearchErrorTests {
    @Test("invalid ranges, fan ratios and scan densities are typed errors")
    func invalidOptions() throws {
        let tanh = try activation("tanh(x)")
        #expect(throws: VI3NRError.invalidSearchRange(lower: 2, upper: 1)) {
            try OptimalSigmaSearch(lowerBound: 2, upperBound: 1).run(for: tanh)
        }
        #expect(throws: VI3NRError.invalidSearchRange(lower: 0, upper: 1)) {
            try OptimalSigmaSearch(lowerBound: 0, upperBound: 1).run(for: tanh)
        }
        #expect(throws: VI3NRError.invalidFanRatio(-1)) {
            try OptimalSigmaSearch(fanRatio: -1).run(for: tanh)
        }
        #expect(throws: VI3NRError.invalidScanDensity(1)) {
            try OptimalSigmaSearch(pointsPerDecade: 1).run(for: tanh)
        }
    }

    @Test("a moment that diverges inside the range names σ_p and the cause")
    func divergentMoment() throws {
        let growing = try activation("exp(x^2)")
        do {
            _ = try OptimalSigmaSearch().run(for: growing)
            Issue.record("expected an error")
        } catch {
            guard case let .searchFailed(scanPoint, inner) = error,
                  case let .momentFailed(kind, sigma, cause) = inner,
                  case .divergent = cause else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(kind == .forward)
            #expect(sigma > 0.4 && sigma < 1)
            #expect(scanPoint == sigma)
            #expect(error.description.hasPrefix("the σ_p search stopped at σ_p = "))
            #expect(error.description.contains("diverges"))
        }
    }

    @Test("a public scan for plots: cond at given σ_p, invalid σ_p refused")
    func publicScan() throws {
        let sine = try activation("sin(x)")
        let samples = try ConditionSample.scan(of: sine, at: [0.5, 1, 2])
        #expect(samples.map(\.preactivationStd) == [0.5, 1, 2])
        for sample in samples {
            let scaled = sample.preactivationStd * sample.preactivationStd
            #expect(relativeError(try #require(sample.condition).value, scaled / tanh(scaled))
                < 1e-10)
        }
        #expect(throws: VI3NRError.invalidPreactivationStd(-1)) {
            try ConditionSample.scan(of: sine, at: [1, -1])
        }
    }

    @Test("an activation undefined on part of the line: the moment's reason is kept")
    func undefinedMoment() throws {
        let logarithm = try activation("log(x)")
        do {
            _ = try OptimalSigmaSearch().run(for: logarithm)
            Issue.record("expected an error")
        } catch {
            guard case .searchFailed(_, .momentFailed(_, _, .undefined)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.contains("log"))
        }
    }
}
