/// A list of named activations, one per line, as `table` reads it:
///
///     # comment
///     name: expression        # trailing comment
///
/// Blank lines and comments are skipped. The name runs to the first `:`
/// (an expression may hold more, as in `x > 0 ? x : 0`); a `#` starts a
/// comment anywhere, since the expression language has no `#`.
struct ActivationList {
    /// One activation line.
    struct Entry: Equatable {
        /// The name before the colon, trimmed.
        let name: String
        /// The expression after it, trimmed, without the comment.
        let source: String
        /// The line in the file, from 1.
        let line: Int
        /// The column where the expression starts, from 1, in Unicode
        /// scalars, so that a parse error's column can be moved to the
        /// file's.
        let column: Int
    }

    /// The lines that hold something, in order: an entry or what is wrong
    /// with the line.
    let items: [Result<Entry, MalformedLineError>]

    /// Splits `text` into entries.
    init(text: String) {
        var items: [Result<Entry, MalformedLineError>] = []
        // "\r\n" is one Character in Swift, so it is named as a separator.
        let lines = text.split(omittingEmptySubsequences: false) {
            $0 == "\n" || $0 == "\r\n"
        }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard !line.allSatisfy(\.isWhitespace) else { continue }

            guard let colon = line.firstIndex(of: ":") else {
                items.append(.failure(MalformedLineError(
                    line: number, reason: "expected 'name: expression', found no ':'",
                    name: "", source: String(line.trimmingWhitespace()))))
                continue
            }
            let name = line[..<colon].trimmingWhitespace()
            let afterColon = line[line.index(after: colon)...]
            let source = afterColon.trimmingWhitespace()
            guard !name.isEmpty else {
                items.append(.failure(MalformedLineError(
                    line: number, reason: "expected a name before ':'",
                    name: "", source: String(source))))
                continue
            }
            guard !source.isEmpty else {
                items.append(.failure(MalformedLineError(
                    line: number, reason: "expected an expression after '\(name):'",
                    name: String(name), source: "")))
                continue
            }
            let leading = afterColon.prefix { $0.isWhitespace }
            let column = line[..<colon].unicodeScalars.count + 1
                + leading.unicodeScalars.count + 1
            items.append(.success(Entry(
                name: String(name), source: String(source), line: number, column: column)))
        }
        self.items = items
    }
}

/// A line of an activation list that cannot be read, with what could be
/// made of it, so that the table can still give it a row.
struct MalformedLineError: Error, Equatable {
    /// The line in the file, from 1.
    let line: Int
    /// What is wrong: "expected a name before ':'".
    let reason: String
    /// The name before the colon, trimmed; empty when there is none.
    let name: String
    /// The expression after the colon, or without a colon the whole line,
    /// trimmed and without the comment; empty when there is none.
    let source: String
}

private extension Substring {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}
