/// The derivative and the non-smooth points of `u ^ v`, shared by the `^`
/// operator and the `pow` function.
enum PowerRule {
    /// `d/dx u^v`.
    ///
    /// An exponent that does not depend on `x` is differentiated directly,
    /// `v·u^(v−1)·u'`, which is finite at negative `u` (`x^2` gives `2*x`);
    /// going through `exp(v·log(u))` would give NaN there. A base that does
    /// not depend on `x` gives `u^v·log(u)·v'` (`u^v·v'` for the constant
    /// `e`). Only when both depend on
    /// `x` (`x^x`) is the general form `u^v·(v'·log(u) + v·u'/u)` used,
    /// which is defined where `u > 0`, like `u^v` itself for a general
    /// exponent.
    static func derivative(
        base: Expression,
        exponent: Expression,
        baseDerivative: Expression,
        exponentDerivative: Expression
    ) -> Expression {
        if exponentDerivative.isNumber(0) {
            if baseDerivative.isNumber(0) { return .number(0) }
            let reduced = Expression.power(base, .difference(exponent, .number(1)))
            return .product(baseDerivative, .product(exponent, reduced))
        }

        let power = Expression.power(base, exponent)
        // log(e) is 1: `e^x` differentiates to `e^x`, not `log(e)*e^x`.
        let logarithm = base == .constant(.e)
            ? Expression.number(1) : Expression.application(.log, [base])
        if baseDerivative.isNumber(0) {
            return .product(exponentDerivative, .product(logarithm, power))
        }

        let fromExponent = Expression.product(exponentDerivative, logarithm)
        let fromBase = Expression.product(exponent, .quotient(baseDerivative, base))
        return .product(power, .sum(fromExponent, fromBase))
    }

    /// Where `u^v` is not smooth, in terms of `u` and `v`.
    ///
    /// - a numeric exponent: a non-negative integer gives none; a negative
    ///   integer a pole where `u = 0`; another negative number a pole with
    ///   `u^v` undefined below 0; a positive non-integer a domain edge
    ///   where `u = 0` (undefined below, infinite slope for `v < 1`).
    /// - an exponent that is not a number: `u^v` is defined for `u > 0`
    ///   in general, so a domain edge where `u = 0`.
    static func nonSmoothPoints(base: Expression, exponent: Expression) -> [NonSmoothPoint] {
        guard let value = exponent.numberValue else {
            return [NonSmoothPoint(.domainEdge, "a power with a variable exponent",
                                   "has a domain edge", where: base,
                                   note: " (undefined below)")]
        }
        let isInteger = value == value.rounded()
        if isInteger && value >= 0 { return [] }
        let power = "^\(NumberFormatting.shortest(value))"
        if isInteger {
            return [NonSmoothPoint(.pole, power, "has a pole", where: base)]
        }
        if value < 0 {
            return [NonSmoothPoint(.pole, power, "has a pole", where: base,
                                   note: " (undefined below)")]
        }
        return [NonSmoothPoint(.domainEdge, power, "has a domain edge", where: base,
                               note: " (undefined below)")]
    }
}
