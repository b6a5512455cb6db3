/// Monte Carlo estimates of `E[g(z)]` and `E[g(z)²]` for one function,
/// each with its standard error.
public struct MonteCarloMoments: Equatable, Sendable {
    /// The sample mean of `g(z)`.
    public let mean: Double

    /// `sd(g(z))/√N`.
    public let meanStandardError: Double

    /// The sample mean of `g(z)²`, e.g. `M_f` when `g = φ`.
    public let secondMoment: Double

    /// `sd(g(z)²)/√N`.
    public let secondMomentStandardError: Double
}

/// The result of one Monte Carlo run over several functions of the same
/// Gaussian samples.
///
/// Because every function sees the same samples, the estimates are
/// correlated, and a ratio such as `cond = σ² M_d / M_f` needs their
/// covariance for its error (the delta method):
///
///     Var(log cond) ≈ Var(M_d)/M_d² + Var(M_f)/M_f² − 2 Cov(M_d, M_f)/(M_d M_f)
public struct MonteCarloEstimate: Equatable, Sendable {
    /// How many samples were drawn.
    public let samples: Int

    /// The seed the run used.
    public let seed: UInt64

    /// One entry per function, in the order given.
    public let moments: [MonteCarloMoments]

    /// The covariance matrix of the estimated quantities, ordered
    /// `E[g_0], E[g_0²], E[g_1], E[g_1²], …`: entry `[a][b]` is
    /// `Cov(q_a, q_b)/N` estimated from the samples (divisor `N − 1`).
    public let covariance: [[Double]]

    /// `Cov(E[g_i²] estimate, E[g_j²] estimate)`; for `i == j` the squared
    /// standard error of `moments[i].secondMoment`.
    public func secondMomentCovariance(_ first: Int, _ second: Int) -> Double {
        covariance[2 * first + 1][2 * second + 1]
    }

    /// `Cov(E[g_i] estimate, E[g_j] estimate)`.
    public func meanCovariance(_ first: Int, _ second: Int) -> Double {
        covariance[2 * first][2 * second]
    }

    /// The ratio `E[g_i²]/E[g_j²]` of two second moments with its relative
    /// standard error by the delta method, which needs their covariance:
    ///
    ///     (se(R)/R)² ≈ Var(M_i)/M_i² + Var(M_j)/M_j² − 2 Cov(M_i, M_j)/(M_i M_j)
    ///
    /// e.g. `cond = σ² M_d/M_f` has the relative standard error of
    /// `secondMomentRatio(1, over: 0)` when the functions are `[φ, φ']`.
    /// The covariance term matters: φ and φ' see the same samples, so
    /// their moments are correlated (for `sin(a x)`, perfectly
    /// anticorrelated fluctuations of `sin²` and `cos²`).
    ///
    /// - Returns: the ratio and its relative standard error (NaN when the
    ///   denominator is 0).
    public func secondMomentRatio(
        _ numerator: Int, over denominator: Int
    ) -> (value: Double, relativeStandardError: Double) {
        let top = moments[numerator].secondMoment
        let bottom = moments[denominator].secondMoment
        let variance = secondMomentCovariance(numerator, numerator) / (top * top)
            + secondMomentCovariance(denominator, denominator) / (bottom * bottom)
            - 2 * secondMomentCovariance(numerator, denominator) / (top * bottom)
        return (top / bottom, max(variance, 0).squareRoot())
    }
}
