/// The scalar closure of an expression: a tree of closures built once, so
/// that a call walks no tree and allocates nothing.
///
/// Every node performs exactly the operation the reference evaluator
/// (`Expression.evaluate(at:)`) performs, with the built-in table's scalar
/// functions and `ScalarMath`'s operator rules, so the two agree bit for
/// bit. Two differences in work, none in value: a subtree without `x` is
/// computed once, while the closure is built, by those same operations;
/// and a conditional evaluates only the branch it selects.
///
/// The closures are built bottom-up without recursion. A call still nests
/// one closure call per level of the tree, a few dozen bytes of stack
/// each.
typealias ScalarClosure = @Sendable (Double) -> Double

extension Expression {
    /// Builds the scalar closure.
    ///
    /// - Throws: `CompileError.unboundParameter` if a parameter is left.
    func scalarClosure() throws -> ScalarClosure {
        if let parameter = parameterNames.min() {
            throw CompileError.unboundParameter(parameter)
        }
        let built: ScalarPiece = foldingPostOrder(ScalarPiece.combine)
        return built.closure
    }
}

/// A compiled subtree: a constant, already computed; `x` itself, kept
/// apart so that its users skip a call (`sin(x)` is the table's function
/// itself, `30*x` one closure); or a closure of `x`.
private enum ScalarPiece {
    case constant(Double)
    case variable
    case function(ScalarClosure)

    var closure: ScalarClosure {
        switch self {
        case .constant(let value): return { _ in value }
        case .variable: return { x in x }
        case .function(let function): return function
        }
    }

    var constantValue: Double? {
        if case .constant(let value) = self { return value }
        return nil
    }

    /// The piece for `node`, given its children's pieces.
    static func combine(_ node: Expression, _ children: [ScalarPiece]) -> ScalarPiece {
        switch node {
        case .number(let value):
            return .constant(value)
        case .constant(let named):
            return .constant(named.value)
        case .parameter:
            // Rejected before building; the evaluator's value for it.
            return .constant(.nan)
        case .variable:
            return .variable
        case .negate:
            return negate(children[0])
        case .binary(let operation, _, _):
            return binary(operation, children[0], children[1])
        case .comparison(let comparison, _, _):
            return compare(comparison, children[0], children[1])
        case .conditional:
            return select(children[0], children[1], children[2])
        case .call(let function, _):
            return call(function, children)
        }
    }
}

// MARK: - Operations

private extension ScalarPiece {
    static func negate(_ operand: ScalarPiece) -> ScalarPiece {
        switch operand {
        case .constant(let value): return .constant(-value)
        case .variable: return .function { x in -x }
        case .function(let a): return .function { x in -a(x) }
        }
    }

    /// Arithmetic, with the common shapes `u ∘ c` and `c ∘ u` (constant
    /// `c`) given their own closures to save a call.
    static func binary(
        _ operation: BinaryOperator, _ left: ScalarPiece, _ right: ScalarPiece
    ) -> ScalarPiece {
        switch (left, right) {
        case (.constant(let a), .constant(let b)):
            return .constant(ScalarMath.apply(operation, a, b))
        case (.variable, .constant(let c)):
            switch operation {
            case .add: return .function { x in x + c }
            case .subtract: return .function { x in x - c }
            case .multiply: return .function { x in x * c }
            case .divide: return .function { x in x / c }
            case .power: return .function { x in ScalarMath.apply(.power, x, c) }
            }
        case (.constant(let c), .variable):
            switch operation {
            case .add: return .function { x in c + x }
            case .subtract: return .function { x in c - x }
            case .multiply: return .function { x in c * x }
            case .divide: return .function { x in c / x }
            case .power: return .function { x in ScalarMath.apply(.power, c, x) }
            }
        case (.function(let a), .constant(let c)):
            switch operation {
            case .add: return .function { x in a(x) + c }
            case .subtract: return .function { x in a(x) - c }
            case .multiply: return .function { x in a(x) * c }
            case .divide: return .function { x in a(x) / c }
            case .power: return .function { x in ScalarMath.apply(.power, a(x), c) }
            }
        case (.constant(let c), .function(let b)):
            switch operation {
            case .add: return .function { x in c + b(x) }
            case .subtract: return .function { x in c - b(x) }
            case .multiply: return .function { x in c * b(x) }
            case .divide: return .function { x in c / b(x) }
            case .power: return .function { x in ScalarMath.apply(.power, c, b(x)) }
            }
        case (.variable, _), (_, .variable), (.function, .function):
            let (a, b) = (left.closure, right.closure)
            switch operation {
            case .add: return .function { x in a(x) + b(x) }
            case .subtract: return .function { x in a(x) - b(x) }
            case .multiply: return .function { x in a(x) * b(x) }
            case .divide: return .function { x in a(x) / b(x) }
            case .power: return .function { x in ScalarMath.apply(.power, a(x), b(x)) }
            }
        }
    }

    static func compare(
        _ comparison: ComparisonOperator, _ left: ScalarPiece, _ right: ScalarPiece
    ) -> ScalarPiece {
        if let a = left.constantValue, let b = right.constantValue {
            return .constant(ScalarMath.compare(comparison, a, b))
        }
        let (a, b) = (left.closure, right.closure)
        return .function { x in ScalarMath.compare(comparison, a(x), b(x)) }
    }

    /// `ScalarMath.select`'s rule (NaN condition gives NaN, any other
    /// non-zero value picks the first branch), evaluating only the branch
    /// it picks.
    static func select(
        _ condition: ScalarPiece, _ whenTrue: ScalarPiece, _ whenFalse: ScalarPiece
    ) -> ScalarPiece {
        if let test = condition.constantValue {
            if test.isNaN { return .constant(test) }
            return test != 0 ? whenTrue : whenFalse
        }
        let (test, t, f) = (condition.closure, whenTrue.closure, whenFalse.closure)
        return .function { x in
            let value = test(x)
            if value.isNaN { return value }
            return value != 0 ? t(x) : f(x)
        }
    }

    /// A built-in through the table's scalar function, as the reference
    /// evaluator calls it.
    static func call(_ function: BuiltinFunction, _ arguments: [ScalarPiece]) -> ScalarPiece {
        let definition = function.definition
        if let unary = definition.unary, arguments.count == 1 {
            switch arguments[0] {
            case .constant(let value): return .constant(unary(value))
            case .variable: return .function(unary)
            case .function(let a): return .function { x in unary(a(x)) }
            }
        }
        if let binary = definition.binary, arguments.count == 2 {
            if let a = arguments[0].constantValue, let b = arguments[1].constantValue {
                return .constant(binary(a, b))
            }
            let (a, b) = (arguments[0].closure, arguments[1].closure)
            return .function { x in binary(a(x), b(x)) }
        }
        // The parser fills every argument list to the table's arity; the
        // reference evaluator gives NaN for anything else, and so does this.
        return .constant(.nan)
    }
}
