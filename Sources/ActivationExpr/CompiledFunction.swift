/// A function of one variable, ready to evaluate: one value at a time, or a
/// whole buffer at a time.
///
/// The scalar form serves quadrature, which asks for one point at a time.
/// The block form serves Monte Carlo and the deep-network check, which
/// evaluate millions of points: it walks the buffer chunk by chunk and
/// applies each operation of the expression to a whole chunk, calling
/// vectorised math functions, instead of walking the tree once per point.
public struct CompiledFunction: Sendable {
    /// `output[i] = f(input[i])` for every `i`. The two buffers have the
    /// same count; they may be the same buffer.
    public typealias BlockEvaluator =
        @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    /// Evaluates the function at one point.
    public let evaluate: @Sendable (Double) -> Double

    /// Evaluates the function over a buffer.
    public let evaluateBlock: BlockEvaluator

    /// Wraps a scalar closure and a block evaluator that compute the same
    /// function.
    public init(
        scalar: @escaping @Sendable (Double) -> Double,
        block: @escaping BlockEvaluator
    ) {
        self.evaluate = scalar
        self.evaluateBlock = block
    }

    /// Evaluates the function at one point.
    public func callAsFunction(_ x: Double) -> Double {
        evaluate(x)
    }
}

/// Where a compiled expression stops being smooth, described as the sign
/// changes of a function of `x`.
///
/// Built-in functions know where they are not smooth in terms of their own
/// argument (`relu` at 0, `sqrt` below 0); inside a composite expression
/// such as `abs(sin(x))` those places are the zeros of `sin(x)`. A locator
/// hands over that inner function, and finding its zeros on an interval is
/// the job of whoever integrates or plots the expression.
public struct BreakpointLocator: Sendable {
    /// What happens where the locator changes sign.
    public enum Kind: String, Sendable {
        /// The function is continuous but its derivative jumps (`relu`).
        case kink
        /// The function itself jumps (`step`, a conditional whose sides
        /// differ at the switch).
        case jump
        /// The function is infinite there (`1/x`, `log(x)` at 0).
        case pole
        /// On one side the function is undefined (`sqrt(x)` for `x < 0`).
        case domainEdge
    }

    /// What happens at the sign changes.
    public let kind: Kind

    /// A readable account, e.g. "relu has a kink where x - 1 = 0".
    public let description: String

    /// The function of `x` whose sign changes are the breakpoints.
    public let locator: CompiledFunction

    /// Describes breakpoints as the sign changes of `locator`.
    public init(kind: Kind, description: String, locator: CompiledFunction) {
        self.kind = kind
        self.description = description
        self.locator = locator
    }
}
