extension Expression {
    /// The expression with constant parts folded and simple identities
    /// applied, so that derivatives stay readable.
    ///
    /// Folding: a node whose operands are all plain numbers becomes a
    /// number (`2*3` is `6`, `sqrt(4)` is `2`); numeric factors of a
    /// product gather in front (`2*(3*x)` is `6*x`) and cancel across a
    /// quotient (`(2*x)/(2*s^2)` is `x/s^2`). `pi` and `e` are kept by name
    /// (`2*pi*x` stays readable). A constant part whose value is infinite
    /// or NaN is an error, as is a division by a constant 0.
    ///
    /// Identities: `a + 0`, `0 + a`, `a - 0` → `a`; `0 - a` → `-a`;
    /// `a + -b` → `a - b`; `a - -b` → `a + b`; `--a` → `a`;
    /// `-(a - b)` → `b - a`; `1*a`, `a*1`, `a/1`, `a^1` → `a`;
    /// `-1*a`, `a/-1` → `-a`; `0*a`, `a*0`, `0/a` → `0`; `a^0`, `1^a` → `1`;
    /// a comparison of numbers → 1 or 0; `c ? a : b` with a number `c` →
    /// the branch it selects.
    ///
    /// What this assumes: that the parts it removes are finite where the
    /// expression is evaluated. `0*a → 0` and `0/a → 0` drop `a`, so an
    /// `a` that is infinite or NaN at some `x` (`0*log(x)` at `x = 0`, or
    /// `0/x` at `x = 0`) no longer makes the result NaN there; `a^0 → 1`
    /// gives 1 even at `a = 0`, as C's `pow` does. Reassociating numeric
    /// factors (`2*(3*x)` → `6*x`) and chaining products (`a*(b*c)` →
    /// `a*b*c`) can change the last bit of a result, and `-(a - b) → b - a`
    /// the sign of a zero result.
    /// Identities that need more than this, such as `x - x → 0` (false for
    /// infinite `x`) or `x/x → 1` (false at 0), are not applied.
    ///
    /// - Throws: `ExpressionError.nonFiniteConstant` naming the innermost
    ///   constant part that is not finite (as printed),
    ///   `.divisionByZero`, or `.tooDeep` for a tree over
    ///   `ExpressionLimits.maximumWorkingDepth`.
    public func simplified() throws(ExpressionError) -> Expression {
        let depth = try checkWorkingLimits()
        return try withStackFor(depth: depth) { () throws(ExpressionError) in
            try Simplifier.simplify(self).expression
        }
    }
}

extension Expression {
    /// The expression with every part that depends on neither `x` nor a
    /// parameter replaced by its value: `2*pi*x` becomes `6.283185307179586*x`
    /// and `exp(-x^2/(2*0.05^2))` becomes `exp(-x^2/0.005000000000000001)`.
    ///
    /// This is for compilers, which want as few operations as possible;
    /// `simplified()` keeps such parts readable instead. Nothing else is
    /// rewritten, so the result evaluates exactly as the input does.
    ///
    /// - Throws: `ExpressionError.nonFiniteConstant` or `.divisionByZero`
    ///   as `simplified()` does, `.tooDeep` over the working depth.
    public func foldingConstants() throws(ExpressionError) -> Expression {
        let depth = try checkWorkingLimits()
        return try withStackFor(depth: depth) { () throws(ExpressionError) in
            try Simplifier.fold(self).expression
        }
    }
}

enum Simplifier {
    /// A simplified node and, when it depends on neither `x` nor a
    /// parameter, its value.
    struct Result {
        let expression: Expression
        let constantValue: Double?
    }

    /// Simplifies bottom-up: children first, then the node is rebuilt
    /// through the simplifying constructors. The constant check runs on
    /// every node before its identities can drop anything, so the error
    /// names the innermost part that is not finite.
    static func simplify(_ expression: Expression) throws(ExpressionError) -> Result {
        var children: [Result] = []
        for child in expression.children {
            children.append(try simplify(child))
        }
        let childExpressions = children.map(\.expression)
        let childValues = children.map(\.constantValue)

        try check(expression, childExpressions, childValues)

        let computed = constantValue(of: expression, children: childValues)
        let rebuilt = decided(expression, childExpressions, childValues, value: computed)
            ?? rebuild(expression, childExpressions)
        let value = computed ?? revealedConstantValue(of: rebuilt, children: children)
        return Result(expression: rebuilt, constantValue: value)
    }

    /// A comparison whose operands are constant, as the number it gives,
    /// and a conditional whose condition is constant, as the branch it
    /// selects, also where the constants are not plain numbers
    /// (`pi >= 1.5`, `1e-5^-1`), which the constructors cannot fold.
    /// Otherwise the derivative of `x^(pi >= 1.5 ? 2 : 0.5)` would keep a
    /// conditional exponent and go through the general power rule, which
    /// is NaN for a negative base. A constant condition is finite (the
    /// check has run), so selecting loses no NaN.
    static func decided(
        _ expression: Expression, _ children: [Expression], _ values: [Double?],
        value: Double?
    ) -> Expression? {
        switch expression {
        case .comparison:
            return value.map(Expression.number)
        case .conditional:
            guard let condition = values[0] else { return nil }
            return condition != 0 ? children[1] : children[2]
        default:
            return nil
        }
    }

    /// The value of a rebuilt node that an identity made constant although
    /// the node was not: `1^a`, `a^0`, `0*a`, `0/a` drop a varying `a`, and
    /// `c ? a : b` with a constant `c` keeps one branch, which may be
    /// constant. Without this the node above would not know it is
    /// constant, and a part that is not finite (`0^-(1^x)` is `0^-1`)
    /// would escape the check. The identities only ever leave a number or
    /// one of the children, so those are the cases to recognise.
    static func revealedConstantValue(of rebuilt: Expression, children: [Result]) -> Double? {
        switch rebuilt {
        case .number(let value):
            return value
        case .constant(let constant):
            return constant.value
        default:
            return children.first { $0.constantValue != nil && $0.expression == rebuilt }?
                .constantValue
        }
    }

    /// Replaces every constant part by its value, rewriting nothing else.
    static func fold(_ expression: Expression) throws(ExpressionError) -> Result {
        var children: [Result] = []
        for child in expression.children {
            children.append(try fold(child))
        }
        let childExpressions = children.map(\.expression)
        let childValues = children.map(\.constantValue)
        try check(expression, childExpressions, childValues)

        if let value = constantValue(of: expression, children: childValues) {
            return Result(expression: .number(value), constantValue: value)
        }
        return Result(expression: expression.replacingChildren(childExpressions),
                      constantValue: nil)
    }

    /// Throws when the node, on the given children, is a constant part
    /// that is not finite or divides by a constant 0.
    static func check(
        _ expression: Expression, _ children: [Expression], _ values: [Double?]
    ) throws(ExpressionError) {
        if let value = constantValue(of: expression, children: values), !value.isFinite {
            let printed = expression.replacingChildren(children).description
            throw ExpressionError.nonFiniteConstant(subexpression: printed, value: value)
        }
        if case .binary(.divide, _, _) = expression, values[1] == 0 {
            let printed = expression.replacingChildren(children).description
            throw ExpressionError.divisionByZero(subexpression: printed)
        }
    }

    /// The node rebuilt on new children by the simplifying constructors.
    static func rebuild(_ expression: Expression, _ children: [Expression]) -> Expression {
        switch expression {
        case .number, .variable, .constant, .parameter:
            return expression
        case .negate:
            return .negation(children[0])
        case .binary(let operation, _, _):
            let (left, right) = (children[0], children[1])
            switch operation {
            case .add: return .sum(left, right)
            case .subtract: return .difference(left, right)
            case .multiply: return .product(left, right)
            case .divide: return .quotient(left, right)
            case .power: return .power(left, right)
            }
        case .comparison(let comparison, _, _):
            return .comparing(comparison, children[0], children[1])
        case .conditional:
            return .choosing(children[0], children[1], children[2])
        case .call(let function, _):
            return .application(function, children)
        }
    }

    /// The value of a node from its children's values, nil when some
    /// child is not constant.
    static func constantValue(of expression: Expression, children: [Double?]) -> Double? {
        let values = children.compactMap { $0 }
        guard values.count == children.count else { return nil }
        switch expression {
        case .number(let value):
            return value
        case .constant(let constant):
            return constant.value
        case .variable, .parameter:
            return nil
        case .negate:
            return -values[0]
        case .binary(let operation, _, _):
            return ScalarMath.apply(operation, values[0], values[1])
        case .comparison(let comparison, _, _):
            return ScalarMath.compare(comparison, values[0], values[1])
        case .conditional:
            return ScalarMath.select(values[0], values[1], values[2])
        case .call(let function, _):
            return function.definition.evaluate(values)
        }
    }
}
