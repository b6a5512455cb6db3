import CVectorMath

/// The random draws of the deep-network check: Gaussian inputs, uniform
/// weights and Gaussian top gradients, each a function of the seed alone.
///
/// Every draw is split into fixed chunks of `chunkLength` values; chunk `k`
/// of stream `s` comes from its own generator state, derived from
/// `(seed, s, k)`. Workers may take the chunks in any order and any number:
/// the values are the same. The weights of a layer can therefore be drawn
/// again in the backward pass instead of being kept.
enum DeepNetworkRandom {
    /// Values per generator chunk. Fixed: changing it changes every draw.
    static let chunkLength = 4096

    /// Which draw a stream of random numbers feeds.
    enum Stream {
        case inputs
        case topGradients
        case weights(layer: Int)

        /// A distinct 64-bit stream number for each draw.
        var number: UInt64 {
            switch self {
            case .inputs: return 1
            case .topGradients: return 2
            case .weights(let layer): return 3 &+ UInt64(truncatingIfNeeded: layer)
            }
        }
    }

    /// Fills `buffer` with independent draws from `U(-bound, bound)`.
    static func fillUniform(
        _ buffer: UnsafeMutableBufferPointer<Float>, bound: Float,
        seed: UInt64, stream: Stream, workers: Int
    ) {
        forEachChunk(of: buffer, workers: workers) { chunk, chunkIndex, scratch in
            var generator = DeepNetworkRandomSource(
                seed: seed, stream: stream.number, chunk: UInt64(chunkIndex))
            let uniforms = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< chunk.count])
            generator.fillUnitInterval(uniforms)

            // u ∈ (0, 1] ↦ a · (2u − 1) ∈ (-a, a]: symmetric up to one end
            // point, which has probability 0 in exact arithmetic anyway.
            let doubleBound = Double(bound)
            for index in 0 ..< chunk.count {
                chunk[index] = Float(doubleBound * (2 * uniforms[index] - 1))
            }
        }
    }

    /// Fills `buffer` with independent draws from `N(0, std²)`, by the
    /// Box–Muller transform of `vm_box_muller`.
    static func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Float>, std: Float,
        seed: UInt64, stream: Stream, workers: Int
    ) {
        forEachChunk(of: buffer, workers: workers) { chunk, chunkIndex, scratch in
            var generator = DeepNetworkRandomSource(
                seed: seed, stream: stream.number, chunk: UInt64(chunkIndex))

            // Box–Muller makes normals in pairs: draw one more pair than
            // needed when the chunk's length is odd.
            let pairs = (chunk.count + 1) / 2
            let firstUniforms = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< pairs])
            let secondUniforms = UnsafeMutableBufferPointer(
                rebasing: scratch[pairs ..< 2 * pairs])
            let normals = UnsafeMutableBufferPointer(
                rebasing: scratch[2 * pairs ..< 4 * pairs])
            generator.fillUnitInterval(firstUniforms)
            generator.fillUnitInterval(secondUniforms)
            vm_box_muller(
                firstUniforms.baseAddress, secondUniforms.baseAddress,
                normals.baseAddress, pairs)

            let doubleStd = Double(std)
            for index in 0 ..< chunk.count {
                chunk[index] = Float(doubleStd * normals[index])
            }
        }
    }
}

private extension DeepNetworkRandom {
    /// Calls `body(chunk, chunkIndex, scratch)` for every chunk of
    /// `chunkLength` values of `buffer` (the last may be shorter), spread
    /// over the workers. `scratch` holds `2 · chunkLength + 2` doubles,
    /// private to the worker.
    static func forEachChunk(
        of buffer: UnsafeMutableBufferPointer<Float>, workers: Int,
        _ body: @Sendable (
            UnsafeMutableBufferPointer<Float>, Int, UnsafeMutableBufferPointer<Double>
        ) -> Void
    ) {
        let chunkCount = (buffer.count + chunkLength - 1) / chunkLength
        let shared = SharedBuffer(buffer)
        DeepNetworkParallel.forEachSlice(count: chunkCount, workers: workers) { _, chunks in
            let scratch = UnsafeMutableBufferPointer<Double>.allocate(
                capacity: 2 * chunkLength + 2)
            defer { scratch.deallocate() }

            for chunkIndex in chunks {
                let start = chunkIndex * chunkLength
                let end = min(start + chunkLength, shared.buffer.count)
                body(shared.slice(start ..< end), chunkIndex, scratch)
            }
        }
    }
}
