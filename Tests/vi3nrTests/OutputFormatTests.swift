import Foundation
import Testing
@testable import vi3nr

@Test func numbersPrintInTheirShortestRoundTripForm() {
    let cases: [(Double, String)] = [
        (1, "1"), (-2, "-2"), (0.5, "0.5"), (0.1, "0.1"), (-0.0, "-0"), (1e-5, "1e-5"),
        (2.5e16, "2.5e16"), (1e300, "1e300"), (.leastNonzeroMagnitude, "5e-324"),
        (0.6502878401571168, "0.6502878401571168"), (123456.75, "123456.75"),
        (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
    ]
    for (value, text) in cases {
        #expect(NumberText.shortest(value) == text)
    }
}

@Test func printedNumbersReadBackExactly() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
        let value = Double(bitPattern: generator.next())
        guard value.isFinite else { continue }
        #expect(Double(NumberText.shortest(value)) == value)
    }
}

@Test func jsonIsValidAndStable() throws {
    let value = JSONValue.object([
        ("text", .string("a \"quoted\" \\ line\nwith\ttab and \u{1}")),
        ("number", .number(0.1)),
        ("missing", .number(.nan)),
        ("count", .integer(3)),
        ("flags", .array([.bool(true), .bool(false), .null])),
    ])
    let text = value.rendered()
    #expect(text == #"{"text": "a \"quoted\" \\ line\nwith\ttab and \u0001", "number": 0.1, "#
        + #""missing": null, "count": 3, "flags": [true, false, null]}"#)
    struct Sample: Decodable {
        let text: String
        let number: Double
        let missing: Double?
    }
    let parsed = try JSONDecoder().decode(Sample.self, from: Data(text.utf8))
    #expect(parsed.text == "a \"quoted\" \\ line\nwith\ttab and \u{1}")
    #expect(parsed.number == 0.1)
    #expect(parsed.missing == nil)
}
