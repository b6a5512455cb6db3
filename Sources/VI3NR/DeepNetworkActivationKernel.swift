import ActivationExpr

/// Applies a compiled activation and its derivative to a block of `Float`
/// preactivations, chunk by chunk, on the calling thread.
///
/// The compiled block evaluators work on doubles; the network is in single
/// precision, like the published experiment. The kernel converts a chunk
/// of `chunkLength` floats to doubles, evaluates `φ'` and `φ` on it (so the
/// chunk buffers stay in the L1/L2 cache), and converts back. Parallelism
/// comes from the caller, which hands each worker its own rows.
struct DeepNetworkActivationKernel: Sendable {
    /// Elements per chunk: 2 × 2048 doubles = 32 KiB of scratch.
    static let chunkLength = 2048

    /// `φ`.
    let function: CompiledFunction

    /// `φ'`.
    let derivative: CompiledFunction

    /// What `φ` and `φ'` are at an exact 0 where the expression is NaN
    /// there but has a limit (`sin(x)/x`); nil where it is finite or has
    /// none. Single precision makes a preactivation exactly 0 now and then.
    let functionAtZero: Float?
    let derivativeAtZero: Float?

    /// The kernel for `φ` and `φ'`, with the limits at 0 of any removable
    /// singularity there.
    init(function: CompiledFunction, derivative: CompiledFunction) {
        self.function = function
        self.derivative = derivative
        functionAtZero = RemovableSingularityAtZero.limit(of: function).map(Float.init)
        derivativeAtZero = RemovableSingularityAtZero.limit(of: derivative).map(Float.init)
    }

    /// Which of the two outputs held a value that is not a finite `Float`.
    struct NonFiniteOutputs {
        var function = false
        var derivative = false

        /// Whether either output did.
        var any: Bool { function || derivative }

        /// Both records together.
        func merged(with other: NonFiniteOutputs) -> NonFiniteOutputs {
            NonFiniteOutputs(
                function: function || other.function,
                derivative: derivative || other.derivative)
        }
    }

    /// Scratch memory for `apply`: `2 · chunkLength` doubles, one per
    /// worker.
    static func makeScratch() -> UnsafeMutableBufferPointer<Double> {
        .allocate(capacity: 2 * chunkLength)
    }

    /// Writes `φ'(z)` into `derivatives` and then replaces every `z` of
    /// `values` by `φ(z)`; `derivatives` has the count of `values`.
    ///
    /// - Returns: whether either output held NaN, an infinity, or a double
    ///   beyond `Float`'s range (which becomes an infinity).
    func apply(
        to values: UnsafeMutableBufferPointer<Float>,
        derivatives: UnsafeMutableBufferPointer<Float>,
        scratch: UnsafeMutableBufferPointer<Double>
    ) -> NonFiniteOutputs {
        var outputs = NonFiniteOutputs()
        var start = 0
        while start < values.count {
            let range = start ..< min(start + Self.chunkLength, values.count)
            outputs = outputs.merged(with: applyToChunk(
                UnsafeMutableBufferPointer(rebasing: values[range]),
                derivatives: UnsafeMutableBufferPointer(rebasing: derivatives[range]),
                scratch: scratch))
            start = range.upperBound
        }
        return outputs
    }
}

private extension DeepNetworkActivationKernel {
    /// One chunk: floats to doubles, `φ'` and `φ` by the block evaluators,
    /// doubles back to floats, with a finiteness check on the way out.
    func applyToChunk(
        _ values: UnsafeMutableBufferPointer<Float>,
        derivatives: UnsafeMutableBufferPointer<Float>,
        scratch: UnsafeMutableBufferPointer<Double>
    ) -> NonFiniteOutputs {
        let count = values.count
        let inputs = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< count])
        let outputs = UnsafeMutableBufferPointer(
            rebasing: scratch[Self.chunkLength ..< Self.chunkLength + count])
        for index in 0 ..< count {
            inputs[index] = Double(values[index])
        }

        var result = NonFiniteOutputs()
        derivative.evaluateBlock(UnsafeBufferPointer(inputs), outputs)
        result.derivative = !storeAsFloats(outputs, into: derivatives)
        if result.derivative, let derivativeAtZero {
            result.derivative = !replaceAtZeros(
                of: inputs, by: derivativeAtZero, in: derivatives)
        }
        function.evaluateBlock(UnsafeBufferPointer(inputs), outputs)
        result.function = !storeAsFloats(outputs, into: values)
        if result.function, let functionAtZero {
            result.function = !replaceAtZeros(of: inputs, by: functionAtZero, in: values)
        }
        return result
    }

    /// The rare path after a non-finite output: puts `limit` where the
    /// input is exactly 0, and says whether every output is finite now.
    func replaceAtZeros(
        of inputs: UnsafeMutableBufferPointer<Double>,
        by limit: Float,
        in destination: UnsafeMutableBufferPointer<Float>
    ) -> Bool {
        var allFinite = true
        for index in 0 ..< destination.count {
            if inputs[index] == 0 { destination[index] = limit }
            allFinite = allFinite && destination[index].isFinite
        }
        return allFinite
    }

    /// Converts `source` to floats in `destination`; false if any result
    /// is not finite.
    ///
    /// The check takes the largest exponent field seen, an integer maximum
    /// that vectorises, instead of branching on each element.
    func storeAsFloats(
        _ source: UnsafeMutableBufferPointer<Double>,
        into destination: UnsafeMutableBufferPointer<Float>
    ) -> Bool {
        let exponentMask: UInt32 = 0x7F80_0000
        var largestExponent: UInt32 = 0
        for index in 0 ..< source.count {
            let value = Float(source[index])
            destination[index] = value
            largestExponent = max(largestExponent, value.bitPattern & exponentMask)
        }
        return largestExponent != exponentMask
    }
}
