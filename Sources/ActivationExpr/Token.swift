/// One token of the expression language, with where it came from.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case plus, minus, star, slash, caret
        case comparison(ComparisonOperator)
        case question, colon, comma
        case leftParenthesis, rightParenthesis
        case end
    }

    let kind: Kind

    /// The offsets of the token's first scalar and of the scalar after
    /// its last one, in the source's Unicode scalars.
    let range: Range<Int>
}

extension Token.Kind {
    /// How an error message names this token: `')'`, `'sin'`, `end of
    /// input`.
    var quoted: String {
        switch self {
        case .number(let value): return "'\(NumberFormatting.shortest(value))'"
        case .identifier(let name): return "'\(name)'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .comparison(let comparison): return "'\(comparison.rawValue)'"
        case .question: return "'?'"
        case .colon: return "':'"
        case .comma: return "','"
        case .leftParenthesis: return "'('"
        case .rightParenthesis: return "')'"
        case .end: return "end of input"
        }
    }

    /// True for tokens that can start an operand, where a missing operator
    /// between two operands suggests implicit multiplication.
    var startsOperand: Bool {
        switch self {
        case .number, .identifier, .leftParenthesis: return true
        default: return false
        }
    }
}
