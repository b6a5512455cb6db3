import CVectorMath

/// A stream of random words for one chunk of Monte Carlo samples: four
/// interleaved xoshiro256++ generators (Blackman and Vigna) run in SIMD
/// lanes, each lane's 256-bit state filled by SplitMix64 from a key that
/// mixes the seed, the chunk index and the lane.
///
/// Each chunk gets its own stream, derived from `(seed, chunk)` alone, so
/// a chunk's samples do not depend on which thread draws them or in what
/// order. Different keys start at unrelated points of a period of
/// 2^256 − 1, so the streams do not overlap in practice. Four lanes let
/// the generator run in AVX2 registers: one scalar xoshiro stream cannot
/// be vectorised and cost about as much as the Box–Muller transform.
package struct RandomStream {
    /// Lane-interleaved states: words 0…3 are `s0` of lanes 0…3, then
    /// `s1`, `s2`, `s3`, the layout `vm_xoshiro4_uniform` reads.
    private var state: SIMD16<UInt64>

    /// The stream for chunk `chunk` of the run seeded with `seed`.
    package init(seed: UInt64, chunk: UInt64) {
        // Mix the words through SplitMix64 steps so that neighbouring
        // seeds, chunks and lanes give unrelated keys.
        var seedMixer = SplitMix64(state: seed)
        let seedKey = seedMixer.next()
        var chunkMixer = SplitMix64(state: seedKey ^ chunk)
        let chunkKey = chunkMixer.next()
        var words = SIMD16<UInt64>()
        for lane in 0..<4 {
            var laneMixer = SplitMix64(state: chunkKey &+ UInt64(lane) &* 0xD1B5_4A32_D192_ED03)
            for word in 0..<4 { words[4 * word + lane] = laneMixer.next() }
            if (0..<4).allSatisfy({ words[4 * $0 + lane] == 0 }) {
                words[lane] = 1  // The one state xoshiro must avoid.
            }
        }
        state = words
    }

    /// Fills `buffer` with uniform deviates in (0, 1], four lanes of
    /// xoshiro256++ at a time.
    ///
    /// The top 52 bits of a word become the mantissa of a double in
    /// [1, 2); `2 − d` is then in (0, 1], never 0, so `log u` in the
    /// Box–Muller transform stays finite. The conversion is a bit cast,
    /// which vector units do for free, instead of an integer-to-double
    /// conversion that AVX2 lacks for 64-bit integers. The loop is C
    /// (`vm_xoshiro4_uniform`), compiled for AVX2 and AVX-512 and chosen
    /// at run time like the math kernels: this module's Swift is compiled
    /// for baseline x86-64, where each 4-lane step took two SSE2
    /// instructions per operation (15 % of a Monte Carlo run of tanh).
    package mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        withUnsafeMutableBytes(of: &state) { bytes in
            let words = bytes.baseAddress?.assumingMemoryBound(to: UInt64.self)
            vm_xoshiro4_uniform(words, base, buffer.count)
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood): a 64-bit counter passed through a
/// strong mixing function; used here only to expand keys into states.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
