/// The shortest decimal text that reads back as the same `Double`.
enum NumberFormatting {
    /// `value` in its shortest round-trip form, without a trailing `.0`
    /// and with a plain exponent: `1`, `0.5`, `-2`, `1e-5`, `2.5e16`.
    ///
    /// Every string this returns for a finite value is a number in the
    /// expression grammar (after an optional minus sign). Non-finite values
    /// print as `inf`, `-inf` and `nan`, which the grammar rejects.
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }

        // Swift's description is the shortest form that round-trips
        // ("1.0", "1e-05", "1e+16"); only its spelling is tidied here.
        var text = value.description
        if let exponentIndex = text.firstIndex(of: "e") {
            var mantissa = String(text[..<exponentIndex])
            var exponent = String(text[text.index(after: exponentIndex)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            let isNegative = exponent.hasPrefix("-")
            exponent.removeAll { $0 == "+" || $0 == "-" }
            while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
            text = mantissa + "e" + (isNegative ? "-" : "") + exponent
        } else if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        return text
    }
}
