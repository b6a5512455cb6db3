import ActivationExpr

/// The value a function should have at exactly 0 when the expression is
/// NaN or infinite there but has a limit: a removable singularity, as
/// `sin(x)/x` (limit 1) and its derivative `cos(x)/x − sin(x)/x²`
/// (limit 0).
///
/// Quadrature and Monte Carlo in double precision never meet an exact 0,
/// but the single-precision deep-network check does: at the published
/// size it computes 10^9 preactivations per layer, and a product of a row
/// of weights with the activations rounds to exactly 0 now and then. With
/// the limit in place of the NaN, `sin(x)/x` runs as `sinc(x)` does.
public enum RemovableSingularityAtZero {
    /// The limit of `function` at 0 when `function(0)` is not finite and
    /// the limit exists; nil when `function(0)` is finite (nothing to
    /// repair) or when there is no limit (a pole as in `1/x`, a jump as in
    /// `x/abs(x)`, a logarithmic divergence as in `log(abs(x))`).
    ///
    /// The test is numerical: the function at `±h` for `h = 2^-12, 2^-16,
    /// 2^-20` (about 2e-4 to 1e-6). The two sides must agree at the
    /// smallest `h`, and the mean of the two sides must settle as `h`
    /// shrinks, both within `1e-4 · max(1, |limit|)`. The limit is the mean
    /// of the two sides at the smallest `h`: its error is of the order of
    /// the function's variation over 1e-6, which is far below what a
    /// single-precision network resolves at a value it meets only at rare
    /// exact zeros. The smallest `h` is not smaller because the derivative
    /// of such an expression cancels terms of size `1/h`.
    public static func limit(of function: CompiledFunction) -> Double? {
        guard !function(0).isFinite else { return nil }

        var previousMean: Double?
        var lastMean = 0.0
        var lastSideGap = 0.0
        for exponent in [12, 16, 20] {
            let step = Double(sign: .plus, exponent: -exponent, significand: 1)
            let right = function(step), left = function(-step)
            guard right.isFinite, left.isFinite else { return nil }

            let mean = (right + left) / 2
            if let previousMean {
                let tolerance = 1e-4 * max(1, abs(mean))
                guard abs(mean - previousMean) <= tolerance else { return nil }
            }
            previousMean = mean
            lastMean = mean
            lastSideGap = abs(right - left)
        }

        guard lastSideGap <= 1e-4 * max(1, abs(lastMean)) else { return nil }
        return lastMean
    }
}
