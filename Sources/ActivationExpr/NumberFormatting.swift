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

extension NumberFormatting {
    /// The number of significant digits in the shortest round-trip form
    /// of `value` (`0.1` has 1, `1/3` has 16, `0.05^2` has 17).
    static func significantDigitCount(_ value: Double) -> Int {
        var digits = shortest(Swift.abs(value))
        if let exponent = digits.firstIndex(of: "e") {
            digits = String(digits[..<exponent])
        }
        digits.removeAll { $0 == "." }
        let trimmed = digits.drop { $0 == "0" }.reversed().drop { $0 == "0" }
        return Swift.max(1, trimmed.count)
    }

    /// True for a finite value short enough to show as a number in a
    /// simplified expression: at most 15 significant digits. A fold with a
    /// longer result (`1/3`, `sqrt(2)`, `0.05^2 = 0.0025000000000000005`)
    /// is left unfolded, so that printed expressions keep the form the
    /// user wrote; evaluation gives the same value either way, and the
    /// compiler folds everything (`Expression.foldingConstants()`).
    static func isShort(_ value: Double) -> Bool {
        value.isFinite && significantDigitCount(value) <= 15
    }
}
