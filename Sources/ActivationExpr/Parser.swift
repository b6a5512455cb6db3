extension Expression {
    /// Parses an activation written in the expression language (see
    /// `Grammar/grammar.ebnf`): `sin(30*x)`, `exp(-x^2/(2*s^2))`,
    /// `x > 0 ? x : 0.01*x`.
    ///
    /// Optional arguments are filled in with their defaults, so the tree
    /// always has the full argument list (`elu(x)` becomes
    /// `elu(x, 1)`). A minus sign written directly before a number literal
    /// becomes part of the number (`-2*x` holds the number -2), except
    /// before a power (`-2^2` is `-(2^2)`).
    ///
    /// Checked while parsing, each with a `ParseError` that points at the
    /// fault: the source length and the nesting depth
    /// (`ExpressionLimits`), unknown names (with the closest known name),
    /// argument counts, and constant parts that are not finite (`1/0`,
    /// `exp(1000)`) or divisions by a constant 0.
    ///
    /// - Throws: `ParseError`, with a caret diagnostic.
    public static func parse(_ source: String) throws(ParseError) -> Expression {
        let scalars = try SourceText.scalars(of: source)
        do {
            let tokens = try Lexer.tokenize(scalars)
            // Parse on the calling thread while the input nests shallowly;
            // deeper input is parsed again on a large stack (`LargeStack`).
            do {
                var parser = Parser(scalars: scalars, tokens: tokens,
                                    recursionLimit: LargeStack.inlineParserRecursion)
                return try parser.parseAll()
            } catch where error.requiresLargeStack {
                return try LargeStack.run { () throws(SourceError) in
                    var parser = Parser(scalars: scalars, tokens: tokens,
                                        recursionLimit: nil)
                    return try parser.parseAll()
                }
            }
        } catch {
            throw ParseError(message: error.message, range: error.range, in: scalars)
        }
    }
}

/// Reading the source within the length limit.
enum SourceText {
    /// The Unicode scalars of `source`, or an error when there are more
    /// than `ExpressionLimits.maximumSourceLength` of them. Text far over
    /// the limit is not copied: only the scalars up to the limit are read.
    static func scalars(of source: String) throws(ParseError) -> [Unicode.Scalar] {
        let limit = ExpressionLimits.maximumSourceLength
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(min(source.utf8.count, limit + 1))
        for scalar in source.unicodeScalars {
            scalars.append(scalar)
            if scalars.count > limit {
                throw ParseError(
                    message: "the expression is longer than the limit of \(limit) characters",
                    range: limit..<(limit + 1),
                    in: scalars
                )
            }
        }
        return scalars
    }
}

/// A recursive-descent parser by precedence climbing.
///
/// Recursion happens only where the input nests (parentheses, arguments,
/// prefix signs, exponents, conditional branches), and each of those
/// counts against `ExpressionLimits.maximumDepth` before going deeper;
/// chains such as `x+x+x+…` are built in a loop and count against the
/// same limit through the depth of the tree they build.
struct Parser {
    /// A parsed subexpression with what the parser needs to know about it.
    struct Parsed {
        let expression: Expression
        /// Levels of the tree, counting the node itself.
        let depth: Int
        /// The source scalars it came from.
        let range: Range<Int>
        /// Its value when it depends on neither `x` nor a parameter.
        let constantValue: Double?
        /// True for a bare number literal, which a prefix minus joins.
        var isLiteral = false
    }

    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    var index = 0

    /// The nesting of the input so far: parentheses, arguments, prefix
    /// signs, exponents and conditional branches. At most
    /// `ExpressionLimits.maximumDepth`.
    var nesting = 0

    /// The parser's own recursion so far: the nesting, plus the right
    /// operands of binary operators (up to three more calls per level).
    var recursion = 0

    /// How deep the recursion may go on this stack before the parse
    /// starts again on a large stack; nil on the large stack.
    let recursionLimit: Int?

    init(scalars: [Unicode.Scalar], tokens: [Token], recursionLimit: Int?) {
        self.scalars = scalars
        self.tokens = tokens
        self.recursionLimit = recursionLimit
    }

    var current: Token { tokens[index] }

    mutating func parseAll() throws(SourceError) -> Expression {
        let parsed = try parseConditional()
        guard case .end = current.kind else {
            throw SourceError(
                message: "unexpected \(current.kind.quoted) after a complete expression",
                range: current.range
            )
        }
        return parsed.expression
    }

    // MARK: - Grammar levels

    /// conditional = binary [ "?" conditional ":" conditional ]
    mutating func parseConditional() throws(SourceError) -> Parsed {
        try enterNesting()
        defer { leaveNesting() }

        let condition = try parseBinary(minimum: .comparison)
        guard case .question = current.kind else { return condition }
        let question = current
        index += 1
        let whenTrue = try parseConditional()
        guard case .colon = current.kind else {
            throw SourceError(
                message: "expected ':' of the conditional whose '?' is at column "
                    + "\(column(of: question)), found \(current.kind.quoted)",
                range: current.range
            )
        }
        index += 1
        let whenFalse = try parseConditional()
        return try NodeBuilder.conditional(condition, whenTrue, whenFalse, parser: self)
    }

    /// The binary operators by precedence climbing: comparisons (which do
    /// not chain), then `+ -`, then `* /`, all left-associative.
    mutating func parseBinary(minimum: Precedence) throws(SourceError) -> Parsed {
        var left = try parseUnary()
        while true {
            try rejectImplicitMultiplication(after: left)
            guard let level = current.kind.binaryPrecedence, level >= minimum else {
                return left
            }
            let operatorKind = current.kind
            index += 1
            try enterRecursion()
            let right = try parseBinary(minimum: Precedence(rawValue: level.rawValue + 1) ?? level)
            recursion -= 1
            left = try NodeBuilder.binary(operatorKind, left, right, parser: self)
            if level == .comparison, case .comparison = current.kind {
                throw SourceError(
                    message: "comparisons do not chain; for 'a < x and x < b' write "
                        + "(a < x)*(x < b), or add parentheses",
                    range: current.range
                )
            }
        }
    }

    /// unary = ( "-" | "+" ) unary | power
    mutating func parseUnary() throws(SourceError) -> Parsed {
        let sign = current
        switch sign.kind {
        case .minus, .plus:
            index += 1
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try parseUnary()
            if case .plus = sign.kind { return operand }
            return try NodeBuilder.negation(operand, sign: sign, parser: self)
        default:
            return try parsePower()
        }
    }

    /// power = primary [ ( "^" | "**" ) unary ], right-associative through
    /// `unary`, so `2^3^2` is `2^(3^2)` and `2^-1` is `2^(-1)`.
    mutating func parsePower() throws(SourceError) -> Parsed {
        let base = try parsePrimary()
        guard case .caret = current.kind else { return base }
        index += 1
        try enterNesting()
        defer { leaveNesting() }
        let exponent = try parseUnary()
        return try NodeBuilder.binary(.caret, base, exponent, parser: self)
    }

    /// primary = number | name | name "(" arguments ")" | "(" conditional ")"
    mutating func parsePrimary() throws(SourceError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            index += 1
            return Parsed(expression: .number(value), depth: 1, range: token.range,
                          constantValue: value, isLiteral: true)
        case .identifier(let name):
            index += 1
            if case .leftParenthesis = current.kind {
                return try parseCall(name, at: token)
            }
            return try NameResolver.value(named: name, at: token, parser: self)
        case .leftParenthesis:
            index += 1
            if case .rightParenthesis = current.kind {
                throw SourceError(message: "expected an expression inside '()'",
                                  range: token.range.lowerBound..<current.range.upperBound)
            }
            let inner = try parseConditional()
            try expectClosing(token)
            return Parsed(
                expression: inner.expression, depth: inner.depth,
                range: token.range.lowerBound..<tokens[index - 1].range.upperBound,
                constantValue: inner.constantValue
            )
        default:
            throw SourceError(message: "expected an expression, found \(token.kind.quoted)",
                              range: token.range)
        }
    }

    /// A call: the name is followed by `(`, which is the current token.
    mutating func parseCall(_ name: String, at nameToken: Token) throws(SourceError) -> Parsed {
        let function = try NameResolver.function(named: name, at: nameToken, parser: self)
        let open = current
        index += 1

        var arguments: [Parsed] = []
        if case .rightParenthesis = current.kind {
            index += 1
        } else {
            while true {
                arguments.append(try parseConditional())
                guard case .comma = current.kind else { break }
                index += 1
            }
            try expectClosing(open)
        }
        let range = nameToken.range.lowerBound..<tokens[index - 1].range.upperBound
        return try NodeBuilder.call(function, arguments, range: range, parser: self)
    }

    // MARK: - Checks

    /// One more level of nesting in the input, checked against the limit.
    mutating func enterNesting() throws(SourceError) {
        nesting += 1
        try enterRecursion()
        guard nesting <= ExpressionLimits.maximumDepth else {
            throw SourceError(
                message: "the expression is nested more than "
                    + "\(ExpressionLimits.maximumDepth) levels deep",
                range: current.range
            )
        }
    }

    mutating func leaveNesting() {
        nesting -= 1
        recursion -= 1
    }

    /// One more level of the parser's recursion: past the limit for the
    /// caller's stack, the parse starts again on a large stack.
    mutating func enterRecursion() throws(SourceError) {
        recursion += 1
        if let recursionLimit, recursion > recursionLimit {
            throw SourceError(message: "", range: current.range, requiresLargeStack: true)
        }
    }

    mutating func expectClosing(_ open: Token) throws(SourceError) {
        guard case .rightParenthesis = current.kind else {
            throw SourceError(
                message: "expected ')' to close the '(' at column \(column(of: open)), "
                    + "found \(current.kind.quoted)",
                range: current.range
            )
        }
        index += 1
    }

    /// `30x`, `2(x+1)`, `(x+1)(x-1)`, `2 pi`: two operands with no
    /// operator between them. The language has no implicit
    /// multiplication, so say what was probably meant.
    func rejectImplicitMultiplication(after left: Parsed) throws(SourceError) {
        guard current.kind.startsOperand else { return }
        let leftText = text(left.range)
        let rightText: String
        switch current.kind {
        case .leftParenthesis: rightText = "(…"
        default: rightText = text(current.range)
        }
        let hint = leftText.unicodeScalars.count <= 30
            ? "; did you mean \(leftText)*\(rightText)?"
            : "; multiplication needs an explicit '*'"
        throw SourceError(
            message: "missing operator before \(current.kind.quoted)\(hint)",
            range: current.range
        )
    }

    // MARK: - Source positions

    /// The source text of `range` as an error message quotes it, on one
    /// line: each run of white space (line breaks too) becomes one space,
    /// and invisible characters show as `�`.
    func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in scalars[range.clamped(to: 0..<scalars.count)] {
            let shown = ParseError.displayed(scalar)
            if shown == " " && lastWasSpace { continue }
            lastWasSpace = shown == " "
            view.append(shown)
        }
        return String(view)
    }

    /// The 1-based column of a token within its line.
    func column(of token: Token) -> Int {
        var start = token.range.lowerBound
        while start > 0 && scalars[start - 1] != "\n" { start -= 1 }
        return token.range.lowerBound - start + 1
    }
}

extension Token.Kind {
    /// The precedence of a binary operator token, nil for other tokens.
    var binaryPrecedence: Precedence? {
        switch self {
        case .comparison: return .comparison
        case .plus, .minus: return .additive
        case .star, .slash: return .multiplicative
        default: return nil
        }
    }
}
