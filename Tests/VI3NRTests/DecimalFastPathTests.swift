import Foundation
import Testing
@testable import VI3NR

/// The fast path's reading of `text`, or nil where it defers to strtod.
private func fastRead(_ text: String) -> (value: Double, length: Int)? {
    var bytes = Array(text.utf8) + [0x0A, 0]
    return bytes.withUnsafeMutableBufferPointer { buffer in
        DecimalFastPath().parse(buffer.baseAddress!, at: 0).map { ($0.value, $0.end) }
    }
}

@Suite("Decimal fast path")
struct DecimalFastPathTests {
    @Test("the same double as strtod, bit for bit, on 20 000 random decimals")
    func matchesStrtod() {
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &generator)
            for index in 0..<digits {
                if index == point { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            if Bool.random(using: &generator) {
                text += "e\(Int.random(in: -25...25, using: &generator))"
            }
            guard let (value, length) = fastRead(text) else { continue }
            let expected = strtod(text, nil)
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
            #expect(length == text.utf8.count, "\(text)")
            compared += 1
        }
        #expect(compared > 10_000)
    }

    @Test("the syntax of C's decimals: where the number ends")
    func syntax() {
        #expect(fastRead("1.")?.length == 2)
        #expect(fastRead(".5")?.value == 0.5)
        #expect(fastRead("1e")?.length == 1)
        #expect(fastRead("1e+")?.length == 1)
        #expect(fastRead("2E-3")?.value == 0.002)
        #expect(fastRead("-0")?.value.sign == .minus)
        #expect(fastRead(".") == nil)
        #expect(fastRead("-") == nil)
        #expect(fastRead("1.5.2")?.length == 3)
    }

    @Test("beyond the fast path: long mantissas and large exponents defer to strtod")
    func defers() {
        #expect(fastRead("12345678901234567890") == nil)
        #expect(fastRead("1e23") == nil)
        #expect(fastRead("9007199254740993") == nil)
        #expect(fastRead("1e-400") == nil)
    }
}
