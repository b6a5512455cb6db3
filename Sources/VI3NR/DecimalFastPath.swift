/// Clinger's fast path for reading a decimal number: when the digits form
/// an integer `m ≤ 2^53` and the decimal exponent `e` has `|e| ≤ 22`,
/// both `m` and `10^|e|` are exact doubles, so one multiplication or
/// division, correctly rounded by IEEE arithmetic, gives the correctly
/// rounded value of `m · 10^e`: the same double as `strtod`.
///
/// Data files are mostly such numbers (`-4.63`, `0.125`, `1e-3`); the
/// rest (long mantissas, large exponents) fall back to `strtod`. The
/// syntax is C's decimal syntax: optional sign, digits with an optional
/// point (at least one digit), optional exponent `e`/`E` with optional
/// sign and at least one digit (otherwise the number ends before `e`).
///
/// An instance holds the table of powers of ten; a parser keeps one, so
/// the byte loop reads it without the lazy-initialisation check a static
/// table costs on every access.
struct DecimalFastPath {
    /// Exact powers of ten, `10^0` to `10^22` (each product is exact: the
    /// powers up to 10^22 fit in 53 bits of mantissa).
    let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number at `start` and the position after it, or nil when the
    /// fast path does not apply (the caller then uses `strtod`) or there
    /// is no number.
    func parse(
        _ bytes: UnsafeMutablePointer<UInt8>, at start: Int
    ) -> (value: Double, end: Int)? {
        var index = start
        var isNegative = false
        if bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
            isNegative = bytes[index] == ASCII.minus
            index += 1
        }

        // Digits, with at most 19 significant ones kept exactly.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        while true {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                digitCount += 1
                if mantissa != 0 || byte != ASCII.zero { significantDigits += 1 }
                guard significantDigits <= 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(byte &- ASCII.zero)
                if seenPoint { fractionDigits += 1 }
            } else if byte == ASCII.dot && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else { return nil }

        // An exponent counts only with at least one digit.
        var exponent = 0
        if bytes[index] == ASCII.lowerE || bytes[index] == ASCII.upperE {
            var exponentIndex = index + 1
            var isExponentNegative = false
            if bytes[exponentIndex] == ASCII.plus || bytes[exponentIndex] == ASCII.minus {
                isExponentNegative = bytes[exponentIndex] == ASCII.minus
                exponentIndex += 1
            }
            if ASCII.isDigit(bytes[exponentIndex]) {
                var value = 0
                while ASCII.isDigit(bytes[exponentIndex]) {
                    guard value < 10_000 else { return nil }
                    value = value * 10 + Int(bytes[exponentIndex] &- ASCII.zero)
                    exponentIndex += 1
                }
                exponent = isExponentNegative ? -value : value
                index = exponentIndex
            }
        }

        let decimalExponent = exponent - fractionDigits
        guard mantissa <= 1 << 53, (-22...22).contains(decimalExponent) else { return nil }
        var value = Double(mantissa)
        if decimalExponent >= 0 {
            value *= powersOfTen[decimalExponent]
        } else {
            value /= powersOfTen[-decimalExponent]
        }
        return (isNegative ? -value : value, index)
    }
}
