import ActivationExpr
import Foundation
import GaussianMoments
import NumericalMethods

/// Which Gaussian second moment of an activation.
public enum MomentKind: String, Equatable, Sendable {
    /// `M_f = E[φ(z)²]`, the forward moment.
    case forward
    /// `M_d = E[φ'(z)²]`, the backward moment.
    case backward

    /// The symbol and its definition, for messages: `M_f = E[φ(z)²]`.
    public var symbol: String {
        switch self {
        case .forward: return "M_f = E[φ(z)²]"
        case .backward: return "M_d = E[φ'(z)²]"
        }
    }
}

/// Why a gain, a backward condition, a σ_p search or a weight
/// initialisation could not be computed.
///
/// Failures of the lower layers are carried, not flattened: a moment that
/// diverges keeps the `GaussianMomentError` that says where, a root
/// refinement that failed keeps the `NumericalError`, an expression that
/// does not parse keeps the `ActivationError` with its caret picture.
public enum VI3NRError: Error, Equatable, Sendable {
    /// The activation text does not parse or cannot be used as it is.
    case invalidActivation(ActivationError)

    /// σ_p is 0, negative, NaN or infinite.
    case invalidPreactivationStd(Double)

    /// `fan_out / fan_in` is 0, negative, NaN or infinite.
    case invalidFanRatio(Double)

    /// A σ_p search range that is not `0 < lower < upper < ∞`.
    case invalidSearchRange(lower: Double, upper: Double)

    /// Fewer than 2 scan points per decade, or absurdly many (over 1000).
    case invalidScanDensity(Int)

    /// A Monte Carlo run was asked for with fewer than 2 samples or fewer
    /// than 1 thread.
    case invalidMonteCarloOptions(samples: Int, threads: Int?)

    /// Input statistics that cannot give an input gain: a non-finite
    /// mean or standard deviation, a negative standard deviation, or a
    /// second moment `μ² + s²` of 0 (all inputs 0).
    case invalidInputStatistics(mean: Double, standardDeviation: Double)

    /// A data file for the input gain could not be read; the cause names
    /// the line and field.
    case inputData(InputDataError)

    /// A quadrature of `kind` at σ_p failed; `cause` says how and where.
    case momentFailed(MomentKind, preactivationStd: Double, cause: GaussianMomentError)

    /// The Monte Carlo check at σ_p failed (a NaN or infinity at a
    /// sample, named in `cause`).
    case monteCarloFailed(preactivationStd: Double, cause: GaussianMomentError)

    /// `M_f = 0` at σ_p: φ vanishes wherever the Gaussian weight is
    /// representable, so no finite gain keeps the variance and the
    /// backward condition `σ_p² M_d / M_f` is undefined.
    case zeroForwardMoment(preactivationStd: Double)

    /// The σ_p search could not evaluate `cond` at σ_p, a point of its
    /// scan or of a refinement; `cause` says why (usually `.momentFailed`).
    /// A range that stops below σ_p may still be searched.
    indirect case searchFailed(preactivationStd: Double, cause: VI3NRError)

    /// The refinement of a root or a minimum of `cond − target` in
    /// `[lower, upper]` failed.
    case refinementFailed(lower: Double, upper: Double, cause: NumericalError)

    /// A weight shape with a fan-in or fan-out below 1, or too large to
    /// hold in memory.
    case invalidLayerShape(fanOut: Int, fanIn: Int)

    /// A weight gain that is negative, NaN or infinite.
    case invalidGain(Double)
}

extension VI3NRError: CustomStringConvertible {
    /// What went wrong and, where there is one, what to change: one line,
    /// except for a syntax error, which adds the source line and a caret.
    public var description: String {
        switch self {
        case .invalidActivation(let error):
            return error.diagnostic
        case .invalidPreactivationStd(let sigma):
            return "invalid σ_p \(sigma): the preactivation standard deviation must be "
                + "finite and positive"
        case .invalidFanRatio(let ratio):
            return "invalid fan ratio \(ratio): fan_out / fan_in must be finite and positive"
        case let .invalidSearchRange(lower, upper):
            return "invalid σ_p search range [\(lower), \(upper)]: it needs "
                + "0 < lower < upper, both finite"
        case .invalidScanDensity(let count):
            return "invalid scan density \(count): use 2 to 1000 points per decade"
        case let .invalidMonteCarloOptions(samples, threads):
            let threadText = threads.map { ", \($0) threads" } ?? ""
            return "invalid Monte Carlo options (\(samples) samples\(threadText)): "
                + "at least 2 samples and 1 thread are needed"
        case let .invalidInputStatistics(mean, standardDeviation):
            return "invalid input statistics (mean \(mean), standard deviation "
                + "\(standardDeviation)): both must be finite, the standard deviation "
                + "non-negative, and not both 0"
        case .inputData(let error):
            return error.description
        case let .momentFailed(kind, sigma, cause):
            return "cannot compute \(kind.symbol) at σ_p = \(formattedForMessage(sigma)): \(cause)"
        case let .monteCarloFailed(sigma, cause):
            return "the Monte Carlo check at σ_p = \(formattedForMessage(sigma)) failed: \(cause)"
        case .zeroForwardMoment(let sigma):
            return "M_f = E[φ(z)²] is 0 at σ_p = \(formattedForMessage(sigma)): the activation "
                + "vanishes wherever z ~ N(0, σ_p²) has representable density, so no "
                + "finite gain preserves the variance"
        case let .searchFailed(sigma, cause):
            return "the σ_p search stopped at σ_p = \(formattedForMessage(sigma)) (a range "
                + "below it may still be searched): \(cause)"
        case let .refinementFailed(lower, upper, cause):
            return "refining cond(σ_p) on [\(formattedForMessage(lower)), "
                + "\(formattedForMessage(upper))] failed: \(cause)"
        case let .invalidLayerShape(fanOut, fanIn):
            return "invalid layer shape \(fanOut) × \(fanIn) (fan_out × fan_in): both "
                + "must be at least 1 and the matrix must fit in memory"
        case .invalidGain(let gain):
            return "invalid gain \(gain): it must be finite and non-negative"
        }
    }
}

/// Ten significant digits: enough to find the place, short enough to
/// read.
func formattedForMessage(_ value: Double) -> String {
    String(format: "%.10g", value)
}
