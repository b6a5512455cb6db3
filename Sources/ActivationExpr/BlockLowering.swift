/// Lowers an expression tree into a block graph.
extension BlockGraph {
    /// Adds the nodes that compute `expression` and returns the node of
    /// its value. The tree is walked bottom-up without recursion (see
    /// `foldingPostOrder`).
    ///
    /// - Throws: `CompileError.unboundParameter` for a parameter left in
    ///   the tree (bind parameters first).
    mutating func lower(_ expression: Expression) throws -> Int {
        try expression.foldingPostOrder { node, operands in
            try lowerNode(node, operands)
        }
    }

    /// The node for one tree node whose children are already lowered.
    private mutating func lowerNode(_ node: Expression, _ operands: [Int]) throws -> Int {
        switch node {
        case .number(let value):
            return constant(value)
        case .variable:
            return input()
        case .constant(let named):
            return constant(named.value)
        case .parameter(let name):
            throw CompileError.unboundParameter(name)
        case .negate:
            return negate(operands[0])
        case .binary(.power, _, _):
            return raise(operands[0], to: operands[1])
        case .binary(let operation, _, _):
            return arithmetic(BlockArithmetic(operation), operands[0], operands[1])
        case .comparison(let comparison, _, _):
            return compare(comparison, operands[0], operands[1])
        case .conditional:
            return lowerConditional(operands[0], operands[1], operands[2])
        case .call(let function, _):
            return lowerCall(function, operands)
        }
    }
}

// MARK: - Powers and conditionals

extension BlockGraph {
    /// The largest positive and negative integer exponents computed by
    /// multiplication. `a^4 = (a·a)·(a·a)` rounds twice (at most 1.5 ulp)
    /// and `a^-2 = 1/(a·a)` twice (1 ulp); longer chains would exceed the
    /// 2 ulp the kernel promises, so other exponents go to `pow` (1 ulp).
    static let largestMultipliedExponent = 4
    static let smallestMultipliedExponent = -2

    /// `base ^ exponent`: small integer exponents by multiplication, every
    /// other exponent by `pow`; `^` and `pow` both come here.
    ///
    /// The products agree with `pow` on signed zeros, infinities and NaN
    /// (`pow(-0, 3) = -0`, `pow(-0, -1) = -inf`). They can differ where an
    /// intermediate product overflows or underflows and the true power does
    /// not (`a^-2` for `|a| > 1.3e154` gives 0, not the subnormal value).
    mutating func raise(_ base: Int, to exponent: Int) -> Int {
        guard let power = constantValue(exponent), power.rounded() == power,
              power >= Double(Self.smallestMultipliedExponent),
              power <= Double(Self.largestMultipliedExponent)
        else {
            return self.power(base, exponent)
        }
        return integerPower(base, Int(power))
    }

    /// `base ^ n` for a small integer `n` by multiplication.
    mutating func integerPower(_ base: Int, _ n: Int) -> Int {
        switch n {
        case 0:
            // pow(a, 0) = 1 for every a, NaN included.
            return constant(1)
        case 1:
            return base
        case 2:
            return arithmetic(.multiply, base, base)
        case 3:
            return arithmetic(.multiply, arithmetic(.multiply, base, base), base)
        case 4:
            let square = arithmetic(.multiply, base, base)
            return arithmetic(.multiply, square, square)
        case let negative where negative < 0:
            return arithmetic(.divide, constant(1), integerPower(base, -negative))
        default:
            return power(base, constant(Double(n)))
        }
    }

    /// `condition ? whenTrue : whenFalse` as an element-wise select.
    ///
    /// A comparison in the condition is folded into the select (the
    /// separate comparison node is then left unused and never emitted);
    /// any other condition counts as true where it is not zero.
    mutating func lowerConditional(_ condition: Int, _ whenTrue: Int, _ whenFalse: Int) -> Int {
        if case .compare(let comparison, let left, let right) = nodes[condition] {
            return select(comparison, left, right, whenTrue: whenTrue, whenFalse: whenFalse)
        }
        return select(
            .notEqual, condition, constant(0), whenTrue: whenTrue, whenFalse: whenFalse)
    }
}

extension BlockArithmetic {
    /// The block operation for an arithmetic operator other than power.
    init(_ operation: BinaryOperator) {
        switch operation {
        case .add: self = .add
        case .subtract: self = .subtract
        case .multiply: self = .multiply
        case .divide: self = .divide
        case .power: preconditionFailure("power is lowered separately")
        }
    }
}
