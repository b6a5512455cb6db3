/// Numbers as the command line prints them.
enum NumberText {
    /// The shortest decimal text that reads back as the same `Double`:
    /// `1`, `0.5`, `-2`, `1e-5`, `2.5e16`, `-0`. Non-finite values print as
    /// `nan`, `inf` and `-inf`.
    ///
    /// Every finite result is also a valid JSON number.
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }

        // Swift's description is already the shortest round-trip form
        // ("1.0", "1e-05", "1e+16"); only its spelling is tidied.
        let text = value.description
        guard let exponentIndex = text.firstIndex(of: "e") else {
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        var mantissa = String(text[..<exponentIndex])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponent = text[text.index(after: exponentIndex)...]
        let isNegative = exponent.hasPrefix("-")
        exponent = exponent.drop { $0 == "+" || $0 == "-" }
        let digits = exponent.drop { $0 == "0" }
        return mantissa + "e" + (isNegative ? "-" : "") + (digits.isEmpty ? "0" : digits)
    }
}
