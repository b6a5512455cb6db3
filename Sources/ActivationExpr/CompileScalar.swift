/// The scalar closure of an expression: a tree of closures built once, so
/// that a call walks no tree and allocates nothing.
///
/// Every node performs exactly the operation the reference evaluator
/// (`Expression.evaluate(at:)`) performs, with the built-in table's scalar
/// functions and `ScalarMath`'s operator rules, so the two agree bit for
/// bit. Two differences in work, none in value: a subtree without `x` is
/// evaluated once, at compile time, by the reference evaluator itself; and
/// a conditional evaluates only the branch it selects.
typealias ScalarClosure = @Sendable (Double) -> Double

extension Expression {
    /// Builds the scalar closure.
    ///
    /// - Throws: `CompileError.unboundParameter` if a parameter is left.
    func scalarClosure() throws -> ScalarClosure {
        try ScalarClosureBuilder.closure(for: self)
    }
}

private enum ScalarClosureBuilder {
    static func closure(for expression: Expression) throws -> ScalarClosure {
        if let parameter = expression.parameterNames.min() {
            throw CompileError.unboundParameter(parameter)
        }
        return closure(forBound: expression)
    }

    /// The closure of an expression known to have no parameters.
    static func closure(forBound expression: Expression) -> ScalarClosure {
        if !expression.containsVariable {
            let value = expression.evaluate(at: 0)
            return { _ in value }
        }

        switch expression {
        case .number, .constant, .parameter:
            // Handled above: these never depend on x.
            let value = expression.evaluate(at: 0)
            return { _ in value }
        case .variable:
            return { x in x }
        case .negate(let operand):
            let inner = closure(forBound: operand)
            return { x in -inner(x) }
        case .binary(let operation, let left, let right):
            return binary(operation, left, right)
        case .comparison(let comparison, let left, let right):
            let (a, b) = (closure(forBound: left), closure(forBound: right))
            return { x in ScalarMath.compare(comparison, a(x), b(x)) }
        case .conditional(let condition, let whenTrue, let whenFalse):
            let test = closure(forBound: condition)
            let (t, f) = (closure(forBound: whenTrue), closure(forBound: whenFalse))
            return { x in
                let value = test(x)
                if value.isNaN { return value }
                return value != 0 ? t(x) : f(x)
            }
        case .call(let function, let arguments):
            return call(function, arguments)
        }
    }

    /// Arithmetic, with the common shapes `u ∘ c` and `c ∘ u` (constant
    /// `c`) and `x ∘ u` given their own closures to save a call.
    static func binary(
        _ operation: BinaryOperator, _ left: Expression, _ right: Expression
    ) -> ScalarClosure {
        if !right.containsVariable {
            let c = right.evaluate(at: 0)
            let a = closure(forBound: left)
            switch operation {
            case .add: return { x in a(x) + c }
            case .subtract: return { x in a(x) - c }
            case .multiply: return { x in a(x) * c }
            case .divide: return { x in a(x) / c }
            case .power: return { x in ScalarMath.apply(.power, a(x), c) }
            }
        }
        if !left.containsVariable {
            let c = left.evaluate(at: 0)
            let b = closure(forBound: right)
            switch operation {
            case .add: return { x in c + b(x) }
            case .subtract: return { x in c - b(x) }
            case .multiply: return { x in c * b(x) }
            case .divide: return { x in c / b(x) }
            case .power: return { x in ScalarMath.apply(.power, c, b(x)) }
            }
        }
        let (a, b) = (closure(forBound: left), closure(forBound: right))
        switch operation {
        case .add: return { x in a(x) + b(x) }
        case .subtract: return { x in a(x) - b(x) }
        case .multiply: return { x in a(x) * b(x) }
        case .divide: return { x in a(x) / b(x) }
        case .power: return { x in ScalarMath.apply(.power, a(x), b(x)) }
        }
    }

    /// A built-in through the table's scalar function, as the reference
    /// evaluator calls it.
    static func call(_ function: BuiltinFunction, _ arguments: [Expression]) -> ScalarClosure {
        let definition = function.definition
        if let unary = definition.unary, arguments.count == 1 {
            if arguments[0] == .variable { return unary }
            let a = closure(forBound: arguments[0])
            return { x in unary(a(x)) }
        }
        if let binary = definition.binary, arguments.count == 2 {
            let (a, b) = (closure(forBound: arguments[0]), closure(forBound: arguments[1]))
            return { x in binary(a(x), b(x)) }
        }
        // The parser fills every argument list to the table's arity; the
        // reference evaluator gives NaN for anything else, and so does this.
        return { _ in .nan }
    }
}
