import CVectorMath

/// An expression as a graph of element-wise operations in which every
/// distinct computation appears once (value numbering).
///
/// Derivatives repeat subexpressions (`sigmoid(x) * (1 - sigmoid(x))`, the
/// Gaussian factor in `-(x/s^2) * exp(-x^2/(2*s^2))`), and the lowering of
/// built-ins shares work between branches (`exp(-|a|)` in both halves of
/// the sigmoid); interning nodes computes each of them once per chunk.
///
/// Constants are keyed by their bit pattern, so `0` and `-0` stay apart.
/// An operation whose operands are all constants is folded when it is
/// added, with the same arithmetic or vector function the block would use.
struct BlockGraph {
    /// One node; operands are indices of earlier nodes.
    enum Node: Hashable {
        case input
        case constant(bitPattern: UInt64)
        case math(VectorMathFunction, Int)
        case power(Int, Int)
        case negate(Int)
        case absolute(Int)
        case arithmetic(BlockArithmetic, Int, Int)
        case compare(ComparisonOperator, Int, Int)
        case select(ComparisonOperator, Int, Int, whenTrue: Int, whenFalse: Int)
        case scalarUnary(ScalarFunctionKey, Int)
        case scalarBinary(ScalarFunctionKey, Int, Int)

        /// The nodes this one reads.
        var operands: [Int] {
            switch self {
            case .input, .constant: return []
            case .math(_, let a), .negate(let a), .absolute(let a), .scalarUnary(_, let a):
                return [a]
            case .power(let a, let b), .arithmetic(_, let a, let b), .compare(_, let a, let b),
                 .scalarBinary(_, let a, let b):
                return [a, b]
            case .select(_, let a, let b, let t, let f):
                return [a, b, t, f]
            }
        }
    }

    /// The nodes in the order they were added: operands before users.
    private(set) var nodes: [Node] = []

    /// Scalar functions for the nodes that have no buffer form, by key.
    private(set) var scalarFunctions: [ScalarFunctionKey: ScalarFunction] = [:]

    private var indexOfNode: [Node: Int] = [:]

    /// The input `x`.
    mutating func input() -> Int { intern(.input) }

    /// A constant.
    mutating func constant(_ value: Double) -> Int {
        intern(.constant(bitPattern: value.bitPattern))
    }

    /// The value of a node that is a constant, `nil` otherwise.
    func constantValue(_ node: Int) -> Double? {
        if case .constant(let bits) = nodes[node] { return Double(bitPattern: bits) }
        return nil
    }

    /// `u` when node `a` is `-u`, else nil.
    func negatedOperand(_ a: Int) -> Int? {
        if case .negate(let u) = nodes[a] { return u }
        return nil
    }

    /// `f(a)` through CVectorMath.
    mutating func math(_ function: VectorMathFunction, _ a: Int) -> Int {
        if let value = constantValue(a) {
            var result = Double.nan
            withUnsafePointer(to: value) { function.apply($0, &result, 1) }
            return constant(result)
        }
        return intern(.math(function, a))
    }

    /// `pow(a, b)` through CVectorMath.
    mutating func power(_ a: Int, _ b: Int) -> Int {
        if let base = constantValue(a), let exponent = constantValue(b) {
            var result = Double.nan
            withUnsafePointer(to: base) { basePointer in
                withUnsafePointer(to: exponent) { vm_pow(basePointer, $0, &result, 1) }
            }
            return constant(result)
        }
        return intern(.power(a, b))
    }

    /// `-a`.
    mutating func negate(_ a: Int) -> Int {
        if let value = constantValue(a) { return constant(-value) }
        return intern(.negate(a))
    }

    /// `|a|`.
    mutating func absolute(_ a: Int) -> Int {
        if let value = constantValue(a) { return constant(Swift.abs(value)) }
        return intern(.absolute(a))
    }

    /// `a ∘ b`.
    ///
    /// A negation next to a constant or another negation is absorbed when
    /// the result is bit for bit the same (IEEE 754 rounds symmetrically):
    /// `(-u)/c = u/(-c)`, `(-u)*(-v) = u*v`, `u + (-v) = u - v`,
    /// `(-u) + v = v - u`, `u - (-v) = u + v`. This saves a pass over the
    /// chunk and keeps the kernel equal to the tree walk.
    mutating func arithmetic(_ operation: BlockArithmetic, _ a: Int, _ b: Int) -> Int {
        if let left = constantValue(a), let right = constantValue(b) {
            return constant(operation.apply(left, right))
        }
        switch (operation, negatedOperand(a), negatedOperand(b)) {
        case (.multiply, let u?, let v?), (.divide, let u?, let v?):
            return arithmetic(operation, u, v)
        case (.multiply, let u?, nil), (.divide, let u?, nil):
            if let c = constantValue(b) { return arithmetic(operation, u, constant(-c)) }
        case (.multiply, nil, let v?), (.divide, nil, let v?):
            if let c = constantValue(a) { return arithmetic(operation, constant(-c), v) }
        case (.add, _, let v?):
            return arithmetic(.subtract, a, v)
        case (.add, let u?, nil):
            return arithmetic(.subtract, b, u)
        case (.subtract, _, let v?):
            return arithmetic(.add, a, v)
        default:
            break
        }
        return intern(.arithmetic(operation, a, b))
    }

    /// `(a ⋈ b) ? 1 : 0`, NaN where `a` or `b` is NaN.
    mutating func compare(_ comparison: ComparisonOperator, _ a: Int, _ b: Int) -> Int {
        if let left = constantValue(a), let right = constantValue(b) {
            if left.isNaN || right.isNaN { return constant(.nan) }
            return constant(comparison.holds(left, right) ? 1 : 0)
        }
        return intern(.compare(comparison, a, b))
    }

    /// `(a ⋈ b) ? whenTrue : whenFalse`, selected element by element, NaN
    /// where `a` or `b` is NaN.
    mutating func select(
        _ comparison: ComparisonOperator, _ a: Int, _ b: Int, whenTrue: Int, whenFalse: Int
    ) -> Int {
        if let left = constantValue(a), let right = constantValue(b) {
            if left.isNaN || right.isNaN { return constant(.nan) }
            return comparison.holds(left, right) ? whenTrue : whenFalse
        }
        return intern(.select(comparison, a, b, whenTrue: whenTrue, whenFalse: whenFalse))
    }

    /// `f(a)` one element at a time.
    mutating func scalarUnary(_ function: ScalarFunction, _ a: Int) -> Int {
        guard case .unary(let key, let evaluate) = function else {
            preconditionFailure("scalarUnary needs a unary function")
        }
        if let value = constantValue(a) { return constant(evaluate(value)) }
        scalarFunctions[key] = function
        return intern(.scalarUnary(key, a))
    }

    /// `f(a, b)` one element at a time.
    mutating func scalarBinary(_ function: ScalarFunction, _ a: Int, _ b: Int) -> Int {
        guard case .binary(let key, let evaluate) = function else {
            preconditionFailure("scalarBinary needs a binary function")
        }
        if let left = constantValue(a), let right = constantValue(b) {
            return constant(evaluate(left, right))
        }
        scalarFunctions[key] = function
        return intern(.scalarBinary(key, a, b))
    }
}

/// A scalar function the block kernel calls element by element, for a
/// built-in with no buffer form.
enum ScalarFunction {
    case unary(ScalarFunctionKey, @Sendable (Double) -> Double)
    case binary(ScalarFunctionKey, @Sendable (Double, Double) -> Double)
}

/// Names a scalar function so that two calls of the same one share a node.
struct ScalarFunctionKey: Hashable, Sendable {
    let name: String
}

extension BlockArithmetic {
    /// The operation on two doubles.
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }
}

extension ComparisonOperator {
    /// Whether `a ⋈ b` holds for two numbers that are not NaN.
    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}

// MARK: - Interning

private extension BlockGraph {
    mutating func intern(_ node: Node) -> Int {
        if let index = indexOfNode[node] { return index }
        nodes.append(node)
        indexOfNode[node] = nodes.count - 1
        return nodes.count - 1
    }
}
