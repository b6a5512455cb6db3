import GaussianMoments

/// The seam between the deep-network check and the uniform random bits it
/// consumes: one generator state per `(seed, stream, chunk)`.
///
/// The bits come from the Monte Carlo generator of `GaussianMoments`
/// (`RandomStream`: four xoshiro256++ lanes keyed by a seed and a chunk
/// index). The check needs several independent draws under one seed
/// (inputs, top gradients, each layer's weights), so the seed handed to
/// `RandomStream` is the user's seed mixed with the stream number.
struct DeepNetworkRandomSource {
    private var stream: RandomStream

    /// The generator for chunk `chunk` of stream `stream` under `seed`.
    init(seed: UInt64, stream: UInt64, chunk: UInt64) {
        let streamSeed = Self.mix(seed ^ Self.mix(stream &+ 0x6A09_E667_F3BC_C909))
        self.stream = RandomStream(seed: streamSeed, chunk: chunk)
    }

    /// Fills `buffer` with uniform doubles in `(0, 1]`.
    ///
    /// The interval excludes 0 so that Box–Muller's `log u` stays finite.
    mutating func fillUnitInterval(_ buffer: UnsafeMutableBufferPointer<Double>) {
        stream.fillUniform(buffer)
    }

    /// SplitMix64's finaliser: a bijection of 64-bit words whose output
    /// bits each depend on every input bit, so that neighbouring seeds and
    /// stream numbers give unrelated keys.
    private static func mix(_ value: UInt64) -> UInt64 {
        var bits = value &+ 0x9E37_79B9_7F4A_7C15
        bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
        bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
        return bits ^ (bits >> 31)
    }
}
