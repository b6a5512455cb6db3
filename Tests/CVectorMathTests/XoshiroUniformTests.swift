import CVectorMath
import CVectorMathAVX2
import CVectorMathAVX512
import Testing

/// One xoshiro256++ generator written out in scalar Swift from the
/// published algorithm, the reference for the 4-lane C kernels.
struct ScalarXoshiro {
    var words: [UInt64]

    mutating func next() -> UInt64 {
        let sum = words[0] &+ words[3]
        let result = ((sum << 23) | (sum >> 41)) &+ words[0]
        let shifted = words[1] << 17
        words[2] ^= words[0]
        words[3] ^= words[1]
        words[1] ^= words[2]
        words[0] ^= words[3]
        words[2] ^= shifted
        words[3] = (words[3] << 45) | (words[3] >> 19)
        return result
    }
}

@Suite("Uniform deviates from four xoshiro256++ lanes")
struct XoshiroUniformTests {
    typealias Kernel = (UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<Double>?, Int) -> Void

    /// Lane `lane` starts from the state {1, 2, 3, 4} + 10·lane.
    static func startingState() -> [UInt64] {
        (0..<16).map { (index: Int) -> UInt64 in
            let word = index / 4, lane = index % 4
            return UInt64(word + 1 + 10 * lane)
        }
    }

    /// The reference for consecutive calls of `counts` deviates: each
    /// call takes whole steps of all four lanes, deviate `4·step + lane`
    /// from lane `lane`, and drops what a partial last step gives beyond
    /// its count (the lanes still advance).
    static func reference(counts: [Int]) -> [Double] {
        var lanes = (0..<4).map { lane in
            ScalarXoshiro(words: (0..<4).map { (word: Int) -> UInt64 in
                UInt64(word + 1 + 10 * lane)
            })
        }
        var deviates: [Double] = []
        for count in counts {
            for step in 0..<((count + 3) / 4) {
                for lane in 0..<4 {
                    let word = lanes[lane].next()
                    guard 4 * step + lane < count else { continue }
                    let mantissa: UInt64 = (word >> 12) | 0x3FF0_0000_0000_0000
                    deviates.append(2 - Double(bitPattern: mantissa))
                }
            }
        }
        return deviates
    }

    @Test func firstWordMatchesThePublishedAlgorithm() {
        // From {1, 2, 3, 4}: rotl(1 + 4, 23) + 1 = 5·2^23 + 1.
        var generator = ScalarXoshiro(words: [1, 2, 3, 4])
        #expect(generator.next() == 41_943_041)
    }

    @Test(arguments: [4, 8, 1])
    func everyLevelGivesTheReferenceBits(lanes: Int) {
        let kernel: Kernel = switch lanes {
        case 8: vm_xoshiro4_uniform_avx512
        case 4: vm_xoshiro4_uniform_avx2
        default: vm_xoshiro4_uniform
        }
        guard lanes <= vm_vector_lanes() || lanes == 1 else { return }

        // 1001 deviates in two calls (a tail in each), the state carried.
        var state = Self.startingState()
        var output = [Double](repeating: .nan, count: 1001)
        output.withUnsafeMutableBufferPointer { buffer in
            kernel(&state, buffer.baseAddress, 402)
            kernel(&state, buffer.baseAddress.map { $0 + 402 }, 599)
        }

        #expect(output == Self.reference(counts: [402, 599]))
        #expect(output.allSatisfy { $0 > 0 && $0 <= 1 })
    }
}
