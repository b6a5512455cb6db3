import ActivationExpr

/// A function whose Gaussian expectation is wanted, in the form the
/// quadrature engine needs: the function itself, what to take of it
/// (itself or its square), and where it is not smooth.
///
/// The engine scans `function`, not its transform: the sign changes and
/// extrema of `φ` show the scale of its oscillations and peaks better
/// than those of `φ²` (whose zeros are double and hard to see), and they
/// are where the squared integrand turns. The expectation is
///
///     E[transform(function(z))],  z ~ N(0, σ²)
///
/// e.g. `M_f = E[φ(z)²]` is `GaussianIntegrand(function: φ, transform: .square)`
/// and `M_d = E[φ'(z)²]` the same with `φ'` and the derivative's breakpoints.
public struct GaussianIntegrand: Sendable {
    /// What the expectation takes of the function's value.
    public enum Transform: Sendable {
        /// `E[g(z)]`; its tolerance is relative to `E[|g(z)|]`, so a mean
        /// of 0 (an odd `g`) is fine.
        case identity
        /// `E[g(z)²]`, the second moment.
        case square

        /// Applies the transform to one value.
        func apply(_ value: Double) -> Double {
            switch self {
            case .identity: value
            case .square: value * value
            }
        }
    }

    /// The function `g`, evaluated at `x` (not at the scaled `t = x/σ`).
    public let function: CompiledFunction

    /// What the expectation takes of `g`.
    public let transform: Transform

    /// Where `g` has kinks, jumps, poles or domain edges, as sign changes
    /// of functions of `x`. Quadrature splits there, so a kink inside a
    /// composite (`relu(x - 1)`) costs no accuracy.
    public let breakpoints: [BreakpointLocator]

    /// Creates an integrand.
    ///
    /// - Parameters:
    ///   - function: the function `g` of `x`.
    ///   - transform: `.square` (the default) for a second moment.
    ///   - breakpoints: the non-smooth points of `g`; for `φ'` pass the
    ///     breakpoints of the derivative (which include those of `φ`).
    public init(
        function: CompiledFunction,
        transform: Transform = .square,
        breakpoints: [BreakpointLocator] = []
    ) {
        self.function = function
        self.transform = transform
        self.breakpoints = breakpoints
    }
}
