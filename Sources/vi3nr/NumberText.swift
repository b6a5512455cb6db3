import Foundation

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

extension NumberText {
    /// `value` to `digits` significant digits (`%g` style, exponent
    /// tidied: `1.5e-7`, not `1.5e-07`).
    ///
    /// Magnitudes from 1e-4 to below 1e6 print without an exponent
    /// (`22960`, not `2.296e4`), padded with no zeros beyond the digits
    /// asked for; others with one (`1.5e-7`).
    static func significant(_ value: Double, digits: Int) -> String {
        if !value.isFinite { return shortest(value) }
        let digits = max(1, min(17, digits))
        let magnitude = Swift.abs(value)
        guard magnitude >= 1e-4, magnitude < 1e6 else {
            return tidyExponent(String(format: "%.\(digits)g", value))
        }
        // Round to the digits first, so that 999.96 to 4 digits becomes
        // 1000 and then gets no decimals.
        let rounded = Double(String(format: "%.\(digits)g", value)) ?? value
        let exponent = Int(log10(Swift.abs(rounded)).rounded(.down))
        let decimals = max(0, digits - 1 - exponent)
        var text = String(format: "%.\(decimals)f", rounded)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `value ± error`, the value to the digits the error leaves
    /// meaningful (down to two digits of the error; at least 3 and at most
    /// 17 significant), the error to two: `0.5 ± 1.2e-12`. An exact value
    /// (error 0) prints in its shortest form alone.
    static func withError(_ value: Double, _ error: Double, maximumDigits: Int = 17) -> String {
        guard error.isFinite, error > 0, value.isFinite else {
            return error == 0 ? shortest(value) : "\(shortest(value)) ± \(shortest(error))"
        }
        let digits: Int
        if value == 0 {
            digits = 3
        } else {
            let spread = (log10(Swift.abs(value)).rounded(.down)
                - log10(error).rounded(.down))
            digits = Int(Swift.max(3, Swift.min(Double(maximumDigits), spread + 2)))
        }
        return significant(value, digits: digits) + " ± " + significant(error, digits: 2)
    }

    /// `1e-05` → `1e-5`, `2.5e+16` → `2.5e16`.
    static func tidyExponent(_ text: String) -> String {
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text
        }
        let mantissa = text[..<exponentIndex]
        var exponent = text[text.index(after: exponentIndex)...]
        let isNegative = exponent.hasPrefix("-")
        exponent = exponent.drop { $0 == "+" || $0 == "-" }
        let digits = exponent.drop { $0 == "0" }
        return mantissa + "e" + (isNegative ? "-" : "") + (digits.isEmpty ? "0" : digits)
    }
}
