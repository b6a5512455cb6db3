import ActivationExpr

/// Applies a compiled activation and its derivative to a batch of `Float`
/// preactivations, chunk by chunk, in parallel.
///
/// The compiled block evaluators work on doubles; the network is in single
/// precision, like the published experiment. Each worker converts a chunk
/// of `chunkLength` floats to doubles, evaluates `φ` and `φ'` on it (so the
/// three chunk buffers stay in the L1/L2 cache), and converts back.
struct DeepNetworkActivationKernel: Sendable {
    /// Elements per chunk: 3 × 2048 doubles = 48 KiB of scratch per worker.
    static let chunkLength = 2048

    /// `φ`.
    let function: CompiledFunction

    /// `φ'`.
    let derivative: CompiledFunction

    /// Which of the two outputs held a value that is not a finite `Float`.
    struct NonFiniteOutputs {
        var function = false
        var derivative = false
    }

    /// Writes `φ'(z)` into `derivatives` (when given) and then replaces
    /// every `z` of `values` by `φ(z)`.
    ///
    /// - Returns: whether either output held NaN, an infinity, or a double
    ///   beyond `Float`'s range (which becomes an infinity).
    func apply(
        to values: UnsafeMutableBufferPointer<Float>,
        derivatives: UnsafeMutableBufferPointer<Float>?,
        workers: Int
    ) -> NonFiniteOutputs {
        let sharedValues = SharedBuffer(values)
        let sharedDerivatives = derivatives.map(SharedBuffer.init)
        let chunkCount = (values.count + Self.chunkLength - 1) / Self.chunkLength
        let sliceCount = DeepNetworkParallel.sliceCount(count: chunkCount, workers: workers)
        let flags = UnsafeMutableBufferPointer<NonFiniteOutputs>.allocate(capacity: sliceCount)
        flags.initialize(repeating: NonFiniteOutputs())
        defer { flags.deallocate() }
        let sharedFlags = SharedBuffer(flags)

        DeepNetworkParallel.forEachSlice(count: chunkCount, workers: workers) { slice, chunks in
            let scratch = UnsafeMutableBufferPointer<Double>.allocate(
                capacity: 3 * Self.chunkLength)
            defer { scratch.deallocate() }

            var outputs = NonFiniteOutputs()
            for chunkIndex in chunks {
                let start = chunkIndex * Self.chunkLength
                let range = start ..< min(start + Self.chunkLength, sharedValues.buffer.count)
                let chunkOutputs = applyToChunk(
                    sharedValues.slice(range), derivatives: sharedDerivatives?.slice(range),
                    scratch: scratch)
                outputs.function = outputs.function || chunkOutputs.function
                outputs.derivative = outputs.derivative || chunkOutputs.derivative
            }
            sharedFlags.buffer[slice] = outputs
        }

        var result = NonFiniteOutputs()
        for flag in flags {
            result.function = result.function || flag.function
            result.derivative = result.derivative || flag.derivative
        }
        return result
    }
}

private extension DeepNetworkActivationKernel {
    /// One chunk: floats to doubles, `φ'` and `φ` by the block evaluators,
    /// doubles back to floats, with a finiteness check on the way out.
    func applyToChunk(
        _ values: UnsafeMutableBufferPointer<Float>,
        derivatives: UnsafeMutableBufferPointer<Float>?,
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
        if let derivatives {
            derivative.evaluateBlock(UnsafeBufferPointer(inputs), outputs)
            result.derivative = !storeAsFloats(outputs, into: derivatives)
        }
        function.evaluateBlock(UnsafeBufferPointer(inputs), outputs)
        result.function = !storeAsFloats(outputs, into: values)
        return result
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
