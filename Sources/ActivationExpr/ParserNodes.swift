/// Builds the parser's nodes and checks each as it is made: the depth
/// limit, and constant parts that are not finite.
enum NodeBuilder {
    typealias Parsed = Parser.Parsed

    static func binary(
        _ kind: Token.Kind, _ left: Parsed, _ right: Parsed, parser: Parser
    ) throws(SourceError) -> Parsed {
        let range = left.range.lowerBound..<right.range.upperBound
        let constants = (left.constantValue, right.constantValue)

        let expression: Expression
        var value: Double?
        if case .comparison(let comparison) = kind {
            expression = .comparison(comparison, left.expression, right.expression)
            if case (let a?, let b?) = constants { value = ScalarMath.compare(comparison, a, b) }
        } else {
            let operation: BinaryOperator
            switch kind {
            case .plus: operation = .add
            case .minus: operation = .subtract
            case .star: operation = .multiply
            case .slash: operation = .divide
            default: operation = .power
            }
            expression = .binary(operation, left.expression, right.expression)
            if case (let a?, let b?) = constants { value = ScalarMath.apply(operation, a, b) }
            if operation == .divide, right.constantValue == 0, left.constantValue == nil {
                throw SourceError(
                    message: ExpressionError.divisionByZero(
                        subexpression: parser.text(range)).description,
                    range: range
                )
            }
        }
        return try node(expression, children: [left, right], range: range,
                        constantValue: value, parser: parser)
    }

    static func negation(
        _ operand: Parsed, sign: Token, parser: Parser
    ) throws(SourceError) -> Parsed {
        let range = sign.range.lowerBound..<operand.range.upperBound
        if operand.isLiteral, let value = operand.constantValue {
            return Parsed(expression: .number(-value), depth: 1, range: range,
                          constantValue: -value)
        }
        return try node(.negate(operand.expression), children: [operand], range: range,
                        constantValue: operand.constantValue.map { -$0 }, parser: parser)
    }

    static func conditional(
        _ condition: Parsed, _ whenTrue: Parsed, _ whenFalse: Parsed, parser: Parser
    ) throws(SourceError) -> Parsed {
        var value: Double?
        if let c = condition.constantValue, let a = whenTrue.constantValue,
           let b = whenFalse.constantValue {
            value = ScalarMath.select(c, a, b)
        }
        return try node(
            .conditional(condition.expression, whenTrue.expression, whenFalse.expression),
            children: [condition, whenTrue, whenFalse],
            range: condition.range.lowerBound..<whenFalse.range.upperBound,
            constantValue: value, parser: parser
        )
    }

    /// A call with its arguments counted against the function's
    /// parameters and the missing optional ones filled in.
    static func call(
        _ function: BuiltinFunction, _ arguments: [Parsed], range: Range<Int>, parser: Parser
    ) throws(SourceError) -> Parsed {
        let definition = function.definition
        let required = definition.requiredArgumentCount
        let maximum = definition.maximumArgumentCount
        guard (required...maximum).contains(arguments.count) else {
            let expected = required == maximum ? "\(required)" : "\(required) or \(maximum)"
            let noun = maximum == 1 ? "argument" : "arguments"
            throw SourceError(
                message: "\(definition.name) takes \(expected) \(noun) "
                    + "(\(definition.signature)), found \(arguments.count)",
                range: range
            )
        }

        var expressions = arguments.map(\.expression)
        var values = arguments.map(\.constantValue)
        for parameter in definition.parameters.dropFirst(arguments.count) {
            let value = parameter.defaultValue ?? 0
            expressions.append(.number(value))
            values.append(value)
        }
        let constants = values.compactMap { $0 }
        let value = constants.count == values.count ? definition.evaluate(constants) : nil
        return try node(.call(function, expressions), children: arguments, range: range,
                        constantValue: value, parser: parser)
    }

    /// The node with its depth checked and its constant value, if any,
    /// checked for being finite.
    static func node(
        _ expression: Expression,
        children: [Parsed],
        range: Range<Int>,
        constantValue: Double?,
        parser: Parser
    ) throws(SourceError) -> Parsed {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        guard depth <= ExpressionLimits.maximumDepth else {
            throw SourceError(
                message: "the expression is nested more than "
                    + "\(ExpressionLimits.maximumDepth) levels deep",
                range: range
            )
        }
        if let constantValue, !constantValue.isFinite {
            let error = ExpressionError.nonFiniteConstant(
                subexpression: parser.text(range), value: constantValue
            )
            throw SourceError(message: error.description, range: range)
        }
        return Parsed(expression: expression, depth: depth, range: range,
                      constantValue: constantValue)
    }
}

/// What a name means: the variable, a constant, a function or a parameter.
enum NameResolver {
    /// Names that would read as values the language does not have.
    static let nonFiniteNames: Set<String> = ["nan", "inf", "infinity"]

    /// A name used as a value (not followed by `(`).
    static func value(
        named name: String, at token: Token, parser: Parser
    ) throws(SourceError) -> Parser.Parsed {
        func leaf(_ expression: Expression, _ value: Double?) -> Parser.Parsed {
            Parser.Parsed(expression: expression, depth: 1, range: token.range,
                          constantValue: value)
        }
        if name == "x" { return leaf(.variable, nil) }
        if let constant = NamedConstant(rawValue: name) {
            return leaf(.constant(constant), constant.value)
        }
        if BuiltinFunction(name: name) != nil {
            throw SourceError(message: "'\(name)' is a function; write \(name)(…)",
                              range: token.range)
        }
        if nonFiniteNames.contains(name.lowercased()) {
            throw SourceError(
                message: "'\(name)' is not part of the language: every value must be finite",
                range: token.range
            )
        }
        // A differently capitalised `x` or `pi` is almost surely a slip.
        // `X` or `PI` is almost surely a slip for `x` or `pi`. (`E` is left
        // alone: it is a plausible parameter name.)
        let lowercased = name.lowercased()
        if lowercased == "x" || lowercased == "pi" {
            throw SourceError(message: "unknown name '\(name)'; did you mean '\(lowercased)'?",
                              range: token.range)
        }
        return leaf(.parameter(name), nil)
    }

    /// A name used as a function (followed by `(`).
    static func function(
        named name: String, at token: Token, parser: Parser
    ) throws(SourceError) -> BuiltinFunction {
        if let function = BuiltinFunction(name: name) { return function }
        let message: String
        if name == "x" || NamedConstant(rawValue: name) != nil {
            let what = name == "x" ? "the variable" : "a constant"
            message = "'\(name)' is \(what), not a function; did you mean \(name)*(…)?"
        } else if let suggestion = NameSuggestion.function(meantBy: name) {
            message = "unknown function '\(name)'; did you mean '\(suggestion.rawValue)'?"
        } else {
            let names = BuiltinFunction.allCases.map(\.rawValue).joined(separator: ", ")
            message = "unknown function '\(name)'; the functions are \(names)"
        }
        throw SourceError(message: message, range: token.range)
    }
}
