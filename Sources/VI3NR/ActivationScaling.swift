import ActivationExpr
import Foundation

/// What an activation's formula says about `cond(σ_p)` before any
/// integral is taken: its behaviour under scaling and at 0.
///
/// Two facts decide cases that numbers alone cannot settle:
///
/// - Positive homogeneity: when `φ(λx) = λ^k φ(x)` for every `λ > 0`,
///   `M_f ∝ σ_p^(2k)` and `M_d ∝ σ_p^(2k−2)`, so `cond` is the same for
///   every σ_p, namely `k²/(2k − 1)` for `k > 1/2`: 1 for `k = 1` (`relu`,
///   leaky ReLU, `abs`, `x`), `9/5` for `x^3`.
/// - The linear limit: when `φ(0) = 0` and `φ'(0) ≠ 0`, φ is linear near 0
///   and `cond → 1` as `σ_p → 0` (for odd φ, `cond − 1 = O(σ_p⁴)`: below
///   any quadrature tolerance near `σ_p = 1e-3`). A kink at 0 with nonzero
///   slopes on both sides (`relu(x) + tanh(x)`) has the same limit, since
///   φ is then positively homogeneous of degree 1 near 0.
///
/// - A lower bound: when φ is continuous (no jump, pole or domain edge;
///   kinks are fine) and `φ(0) = 0`, then `cond(σ_p) ≥ 1` for every σ_p.
///   By Cauchy–Schwarz `φ(x)² ≤ |x| ∫₀ˣ φ'(t)² dt`, and for
///   `z ~ N(0, s²)` with density `p`, `∫ₜ^∞ x p(x) dx = s² p(t)`, so
///
///       M_f = E[φ(z)²] ≤ s² E[φ'(z)²] = s² M_d
///
///   with equality only when φ' is constant on each side of 0 (the
///   homogeneous case). So such a φ has no root of `cond = target` for a
///   target below 1, and for the target 1 only the trivial limit, whatever
///   noise the quadrature's last digits show near `σ_p → 0`.
///
/// The first two are checked with the compiled function and derivative at
/// sample points, to a relative 1e-9; continuity from the expression's
/// non-smooth points, which over-approximate (a jump whose locator never
/// changes sign still counts).
public struct ActivationScaling: Equatable, Sendable {
    /// `φ(0)` (NaN where φ is undefined at 0, e.g. `sin(x)/x` as written).
    public let valueAtZero: Double

    /// `φ'(0)`, with the kink convention of PyTorch (`relu'(0) = 0`).
    public let derivativeAtZero: Double

    /// The degree `k` when `φ(λx) = λ^k φ(x)` holds at every test point for
    /// every test `λ > 0`; nil otherwise. Degrees within 1e-9 of an integer
    /// are rounded to it.
    public let positiveHomogeneityDegree: Double?

    /// Whether `cond(σ_p) → 1` as `σ_p → 0` because φ is linear near 0
    /// (`φ(0) = 0` and a nonzero slope, or nonzero one-sided slopes at a
    /// kink). Then `σ_p → 0` is a trivial root of `cond = 1`.
    public let hasTrivialLimit: Bool

    /// Whether `cond(σ_p) ≥ 1` for every σ_p by the inequality above:
    /// `φ(0) = 0` exactly and φ has no jump, pole or domain edge.
    public let isConditionAtLeastOne: Bool

    /// Examines `activation`.
    public init(activation: Activation) {
        let function = activation.function
        let derivative = activation.derivative
        valueAtZero = function(0)
        derivativeAtZero = derivative(0)
        positiveHomogeneityDegree = Self.homogeneityDegree(of: function)
        hasTrivialLimit = Self.isLinearNearZero(
            function: function, derivative: derivative, value: valueAtZero,
            slope: derivativeAtZero)
        let onlyKinks = (try? activation.expression.nonSmoothPoints())?
            .allSatisfy { $0.kind == .kink } ?? false
        isConditionAtLeastOne = valueAtZero == 0 && onlyKinks
    }

    /// Whether `cond ≡ 1` for every σ_p by the formula: positively
    /// homogeneous of degree 1.
    public var isConditionIdenticallyOne: Bool {
        positiveHomogeneityDegree == 1
    }
}

// MARK: - Checks

private extension ActivationScaling {
    /// Test points spread over magnitudes, both signs.
    static let points: [Double] = {
        let magnitudes = [0.37, 1.3, 2.9, 7.1, 0.011, 23.0, 0.0007]
        return magnitudes + magnitudes.map { -$0 }
    }()

    /// Test scale factors.
    static let scales: [Double] = [0.5, 2, 3.7, 0.13, 11]

    static let relativeTolerance = 1e-9

    /// The degree `k` of positive homogeneity, checked at every point and
    /// scale; nil when φ is not homogeneous (or is 0 at every point).
    static func homogeneityDegree(of function: CompiledFunction) -> Double? {
        // Estimate k from a point where φ(x) and φ(2x) are nonzero.
        var estimate: Double?
        for x in points {
            let value = function(x), doubled = function(2 * x)
            guard value.isFinite, doubled.isFinite else { return nil }
            if value != 0 && doubled != 0 && (value > 0) == (doubled > 0) {
                estimate = log2(doubled / value)
                break
            }
        }
        guard var degree = estimate else { return nil }
        if (degree - degree.rounded()).magnitude < relativeTolerance {
            degree = degree.rounded()
        }

        for x in points {
            let value = function(x)
            for scale in scales {
                let scaled = function(scale * x)
                let expected = scaledValue(value, by: scale, degree: degree)
                guard scaled.isFinite, expected.isFinite else { return nil }
                let tolerance = relativeTolerance * Swift.max(scaled.magnitude, expected.magnitude)
                guard (scaled - expected).magnitude <= tolerance else { return nil }
            }
        }
        return degree
    }

    /// `λ^k · value`.
    static func scaledValue(_ value: Double, by scale: Double, degree: Double) -> Double {
        if degree == 1 { return scale * value }
        return value * exp2(degree * log2(scale))
    }

    /// φ(0) = 0 and a nonzero finite slope at 0, or nonzero one-sided
    /// slopes at a kink at 0 with φ continuous there.
    static func isLinearNearZero(
        function: CompiledFunction, derivative: CompiledFunction, value: Double, slope: Double
    ) -> Bool {
        guard value.isFinite else { return false }
        if slope.isFinite && slope != 0 {
            // φ(0) is 0 to rounding: the zero of the linear part lies
            // within 1e-15 of the origin, far below any σ_p searched.
            return value.magnitude <= 1e-15 * slope.magnitude
        }
        guard value == 0 else { return false }

        // A kink at 0 (PyTorch's convention may give φ'(0) = 0): the
        // one-sided slopes, which must have settled and match φ's growth.
        let step = 1e-9
        var slopes: [Double] = []
        for side in [1.0, -1.0] {
            let near = derivative(side * step)
            let nearer = derivative(side * step / 8)
            let rise = function(side * step)
            guard near.isFinite, nearer.isFinite, rise.isFinite else { return false }
            guard (near - nearer).magnitude <= 1e-3 * near.magnitude,
                  (rise - side * step * near).magnitude <= 1e-3 * step * near.magnitude
                    + 1e-300
            else { return false }
            slopes.append(near)
        }
        return slopes.contains { $0 != 0 }
    }
}
