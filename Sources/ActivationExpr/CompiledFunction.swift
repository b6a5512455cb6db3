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

    /// `output[i] = f(input[i])` in single precision. The two buffers
    /// have the same count; they may be the same buffer.
    public typealias FloatBlockEvaluator =
        @Sendable (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void

    /// Evaluates the function over a buffer.
    public let evaluateBlock: BlockEvaluator

    /// Evaluates the function over a buffer of `Float`s.
    ///
    /// Compiled functions widen each chunk to `Double`, run the
    /// double-precision kernel, and round each result to `Float` once, so
    /// a value is the correctly rounded `Float` of the `Double` kernel's
    /// value (the deep-network check evaluates φ on `Float` activations).
    public let evaluateFloatBlock: FloatBlockEvaluator

    /// Wraps a scalar closure and a block evaluator that compute the same
    /// function; the `Float` block goes through the `Double` block, a
    /// chunk at a time.
    public init(
        scalar: @escaping @Sendable (Double) -> Double,
        block: @escaping BlockEvaluator
    ) {
        self.evaluate = scalar
        self.evaluateBlock = block
        self.evaluateFloatBlock = { input, output in
            CompiledFunction.evaluateFloats(input, output, through: block)
        }
    }

    /// Wraps a scalar closure and block evaluators in double and single
    /// precision that compute the same function.
    public init(
        scalar: @escaping @Sendable (Double) -> Double,
        block: @escaping BlockEvaluator,
        floatBlock: @escaping FloatBlockEvaluator
    ) {
        self.evaluate = scalar
        self.evaluateBlock = block
        self.evaluateFloatBlock = floatBlock
    }

    /// Evaluates the function at one point.
    public func callAsFunction(_ x: Double) -> Double {
        evaluate(x)
    }
}

extension CompiledFunction {
    /// `Float` evaluation through a `Double` block evaluator: widen a chunk,
    /// evaluate it, round it back.
    static func evaluateFloats(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        through block: BlockEvaluator
    ) {
        precondition(input.count == output.count, "block evaluation: buffers differ in length")
        let chunkLength = 1024
        var widened = [Double](repeating: 0, count: Swift.min(input.count, chunkLength))
        var offset = 0
        while offset < input.count {
            let length = Swift.min(chunkLength, input.count - offset)
            widened.withUnsafeMutableBufferPointer { buffer in
                for index in 0..<length { buffer[index] = Double(input[offset + index]) }
                let chunk = UnsafeMutableBufferPointer(rebasing: buffer[..<length])
                block(UnsafeBufferPointer(chunk), chunk)
                for index in 0..<length { output[offset + index] = Float(chunk[index]) }
            }
            offset += length
        }
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
