/// A σ_p interval whose ends have trusted, opposite signs of
/// `cond − target`: it holds a root.
struct SearchBracket: Equatable {
    let lower: Double
    let upper: Double

    /// The sign of `cond − target` at `lower` (the upper end has the
    /// other): −1 for an upward crossing.
    let lowerSign: Int

    /// The brackets between consecutive trusted signs that differ; the
    /// untrusted points between them (sign 0) are skipped over, so a
    /// root inside a noise band is bracketed by the points around the
    /// band, and a noise band at an end of the range brackets nothing.
    static func signChanges(signs: [Int], scan: [ConditionSample]) -> [SearchBracket] {
        var brackets: [SearchBracket] = []
        var lastTrusted: (index: Int, sign: Int)?
        for (index, sign) in signs.enumerated() where sign != 0 {
            if let last = lastTrusted, last.sign != sign {
                brackets.append(SearchBracket(
                    lower: scan[last.index].preactivationStd,
                    upper: scan[index].preactivationStd, lowerSign: last.sign))
            }
            lastTrusted = (index, sign)
        }
        return brackets
    }

    /// The dips: places where `|cond − target|` has a local minimum
    /// between two scan points of the same trusted sign, so that the
    /// target may be crossed twice between them unseen.
    ///
    /// Two shapes: three consecutive points of the same sign with the
    /// middle one nearest the target, and a run of untrusted points
    /// between two points of the same sign (guess: its nearest point).
    static func dips(signs: [Int], distances: [Double]) -> [Dip] {
        let trusted = signs.indices.filter { signs[$0] != 0 }
        var dips: [Dip] = []
        for (position, first) in trusted.enumerated().dropLast() {
            let next = trusted[position + 1]
            let sign = signs[first]
            guard signs[next] == sign else { continue }

            if next > first + 1 {
                // Untrusted points between: the one nearest the target.
                let inner = (first + 1..<next).filter { !distances[$0].isNaN }
                if let guess = inner.min(by: {
                    Double(sign) * distances[$0] < Double(sign) * distances[$1]
                }) {
                    dips.append(Dip(lower: first, guess: guess, upper: next, sign: sign))
                }
                continue
            }
            guard position + 2 < trusted.count else { continue }
            let last = trusted[position + 2]
            guard last == next + 1, signs[last] == sign else { continue }
            let (left, middle, right) = (
                Double(sign) * distances[first], Double(sign) * distances[next],
                Double(sign) * distances[last])
            if middle < left && middle < right {
                dips.append(Dip(lower: first, guess: next, upper: last, sign: sign))
            }
        }
        return dips
    }
}

/// A local minimum of `sign · (cond − target)` between scan points
/// `lower` and `upper` (indices), nearest at `guess`.
struct Dip: Equatable {
    let lower: Int
    let guess: Int
    let upper: Int
    let sign: Int
}
