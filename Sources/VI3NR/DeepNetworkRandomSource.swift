/// The seam between the deep-network check and the uniform random bits it
/// consumes: one generator state per `(seed, stream, chunk)`.
///
/// Interim: a SplitMix64 sequence started from a hash of the three keys,
/// until the counter-based generator of the Gaussian-moments module is
/// available; only this type changes when it is.
struct DeepNetworkRandomSource {
    private var state: UInt64

    /// The generator for chunk `chunk` of stream `stream` under `seed`.
    init(seed: UInt64, stream: UInt64, chunk: UInt64) {
        let streamKey = Self.mix(stream &+ 0x6A09_E667_F3BC_C909)
        let chunkKey = Self.mix(chunk ^ streamKey)
        state = Self.mix(seed ^ chunkKey)
    }

    /// Fills `buffer` with uniform doubles in `(0, 1]`, multiples of 2⁻⁵³.
    ///
    /// The interval excludes 0 so that Box–Muller's `log u` stays finite.
    mutating func fillUnitInterval(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let scale = 1.0 / 9_007_199_254_740_992.0 // 2⁻⁵³
        for index in buffer.indices {
            buffer[index] = Double((next() >> 11) + 1) * scale
        }
    }

    /// The next 64 random bits: SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: a bijection of 64-bit words whose output
    /// bits each depend on every input bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var bits = value
        bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
        bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
        return bits ^ (bits >> 31)
    }
}
