/// Finds the known name closest to a misspelled one, for "did you mean"
/// hints.
public enum NameSuggestion {
    /// Names other tools give to functions this language spells otherwise,
    /// and this language's name for each. They are hints only: writing
    /// `swish(x)` is still an error, with "did you mean 'silu'?", because
    /// a second spelling of a function would also have to appear in the
    /// printed expressions and every translation.
    static let functionAliases: [String: BuiltinFunction] = [
        "swish": .silu,
        "ln": .log,
        "heaviside": .step,
        "logistic": .sigmoid,
        "arctan": .atan,
    ]

    /// The built-in function a misspelled or foreign function name most
    /// likely means: the alias (`ln` → `log`, ignoring case) if it is
    /// one, else the nearest function name by `closest(to:among:)`.
    static func function(meantBy name: String) -> BuiltinFunction? {
        if let alias = functionAliases[name.lowercased()] { return alias }
        let names = BuiltinFunction.allCases.map(\.rawValue)
        return closest(to: name, among: names).flatMap(BuiltinFunction.init(rawValue:))
    }

    /// The candidate nearest to `name` by edit distance (ignoring case), if
    /// one is close enough to be a likely misspelling: one edit for names
    /// of up to four characters, two for longer ones. Among equally near
    /// candidates the one sharing the longest start wins (`sinn` means
    /// `sin` rather than `sign`), then the one closest in length (`tahn`
    /// means `tanh` rather than `tan`), then the earlier one.
    static func closest<Candidates: Sequence<String>>(
        to name: String, among candidates: Candidates
    ) -> String? {
        let target = Array(name.lowercased())
        let allowed = target.count <= 4 ? 1 : 2
        var best: (name: String, rank: (Int, Int, Int))?
        for candidate in candidates {
            let letters = Array(candidate.lowercased())
            let distance = editDistance(target, letters)
            let sharedStart = zip(letters, target).prefix { $0 == $1 }.count
            let rank = (distance, -sharedStart, Swift.abs(letters.count - target.count))
            // A one-letter name is never a misspelling of another one.
            if distance <= allowed, distance < target.count,
               best.map({ rank < $0.rank }) ?? true {
                best = (candidate, rank)
            }
        }
        return best?.name
    }

    /// The optimal-string-alignment distance: the fewest insertions,
    /// deletions, substitutions and swaps of neighbours (`tahn` → `tanh`
    /// is one) that turn `a` into `b`. Names are short, so the O(m·n)
    /// table costs nothing; names over 64 characters are not compared
    /// (the distance is then large anyway). Public so that the command
    /// line suggests commands and options by the same measure.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if a.count > 64 || b.count > 64 { return Swift.max(a.count, b.count) }

        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1),
                            count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = Swift.min(
                    table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost
                )
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = Swift.min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
