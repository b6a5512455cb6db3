import ActivationExpr

/// An activation as a PyTorch expression in the tensor `x`, for the
/// snippet `emit pytorch` writes.
///
/// Parts that depend on `x` become `torch` calls on tensors; constant
/// parts stay Python arithmetic on floats (`2 * 0.05 ** 2`, `math.pi`),
/// and constant calls are folded to their value. Every built-in maps to
/// the PyTorch function with the same values, with these translations:
///
/// - `sinc(a)` is unnormalised here and normalised in PyTorch:
///   `torch.sinc(a / math.pi)`;
/// - `softplus(a)`: PyTorch switches to `a` above its `threshold`
///   (default 20, an error of 2e-9 there); `threshold=40.0` keeps the
///   switch where `log1p(exp(a)) = a` in double precision;
/// - `step(a)` (0 at 0): `torch.heaviside(a, torch.zeros_like(a))`;
/// - comparisons give 1 or 0 (`torch.where(a < b, 1.0, 0.0)`), and
///   `c ? a : b` selects with `torch.where`. Known difference: where an
///   operand of a comparison (or the condition) is NaN, PyTorch gives 0
///   (or the first branch), vi3nr NaN.
///
/// `dsinc`, and `elu`/`leaky_relu` with a parameter that depends on `x`,
/// have no PyTorch counterpart and are reported as untranslatable.
enum PyTorchTranslation {
    /// What cannot be translated, for the snippet's comment.
    struct Untranslatable: Error, Equatable {
        let reason: String
    }

    /// The PyTorch expression of `expression` (parameters bound).
    static func translate(_ expression: Expression) throws(Untranslatable) -> String {
        try write(expression).text
    }
}

// MARK: - Writing

private extension PyTorchTranslation {
    /// Binding strength in Python, weakest first (Python and the
    /// expression language agree: prefix minus binds weaker than a power
    /// and tighter than `*`).
    enum Level: Int, Comparable {
        case additive = 1, multiplicative, prefix, power, atom

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Piece {
        let text: String
        let level: Level
    }

    static func write(_ expression: Expression) throws(Untranslatable) -> Piece {
        switch expression {
        case .number(let value):
            let text = NumberText.shortest(value)
            return Piece(text: text, level: value < 0 || text.hasPrefix("-") ? .prefix : .atom)
        case .variable:
            return Piece(text: "x", level: .atom)
        case .constant(let constant):
            return Piece(text: constant == .pi ? "math.pi" : "math.e", level: .atom)
        case .parameter(let name):
            throw Untranslatable(reason: "the parameter '\(name)' has no value")
        case .negate(let operand):
            return Piece(text: "-" + (try wrapped(operand, above: .prefix)), level: .prefix)
        case let .binary(operation, left, right):
            return try binary(operation, left, right)
        case let .comparison(operation, left, right):
            let condition = try comparisonText(operation, left, right)
            return Piece(text: "torch.where(\(condition), 1.0, 0.0)", level: .atom)
        case let .conditional(condition, whenTrue, whenFalse):
            let test: String
            if case let .comparison(operation, left, right) = condition {
                test = try comparisonText(operation, left, right)
            } else {
                test = try wrapped(condition, above: .additive) + " != 0"
            }
            return Piece(
                text: "torch.where(\(test), \(try write(whenTrue).text), "
                    + "\(try write(whenFalse).text))",
                level: .atom)
        case let .call(function, arguments):
            return try call(function, arguments, whole: expression)
        }
    }

    static func binary(
        _ operation: BinaryOperator, _ left: Expression, _ right: Expression
    ) throws(Untranslatable) -> Piece {
        switch operation {
        case .add, .subtract:
            let symbol = operation == .add ? " + " : " - "
            let rightText = try wrapped(right, above: .multiplicative)
            return Piece(
                text: try wrapped(left, above: .additive) + symbol + rightText,
                level: .additive)
        case .multiply, .divide:
            let symbol = operation == .multiply ? " * " : " / "
            return Piece(
                text: try wrapped(left, above: .multiplicative) + symbol
                    + (try wrapped(right, above: .prefix)),
                level: .multiplicative)
        case .power:
            return try power(left, right)
        }
    }

    /// `a ** b`: right-associative; a base with a prefix minus needs
    /// parentheses, an exponent may carry one.
    static func power(_ base: Expression, _ exponent: Expression) throws(Untranslatable) -> Piece {
        Piece(
            text: try wrapped(base, above: .atom) + " ** "
                + (try wrapped(exponent, above: .prefix)),
            level: .power)
    }

    static func comparisonText(
        _ operation: ComparisonOperator, _ left: Expression, _ right: Expression
    ) throws(Untranslatable) -> String {
        "\(try wrapped(left, above: .additive)) \(operation.rawValue) "
            + (try wrapped(right, above: .additive))
    }

    /// The text of `expression`, in parentheses unless it binds at least
    /// as tightly as `level`. Operands keep the tree's grouping exactly
    /// (`a + (b + c)` keeps its parentheses): floating-point sums do not
    /// reassociate.
    static func wrapped(
        _ expression: Expression, above level: Level
    ) throws(Untranslatable) -> String {
        let piece = try write(expression)
        return piece.level >= level ? piece.text : "(\(piece.text))"
    }

    static func call(
        _ function: BuiltinFunction, _ arguments: [Expression], whole: Expression
    ) throws(Untranslatable) -> Piece {
        // A call on constants: its value (the simplifier leaves calls on
        // pi or e as written).
        guard whole.containsVariable else {
            guard case .number(let value) = try? whole.foldingConstants() else {
                throw Untranslatable(reason: "the constant '\(whole)' cannot be evaluated")
            }
            return try write(.number(value))
        }

        let first = try write(arguments[0]).text
        let text: String
        switch function {
        case .sin, .cos, .tan, .exp, .log, .log1p, .sqrt, .abs, .sign, .tanh, .sinh, .cosh,
             .atan, .erf, .erfc, .sigmoid, .relu:
            text = "torch.\(function.rawValue)(\(first))"
        case .softplus:
            text = "torch.nn.functional.softplus(\(first), beta=1.0, threshold=40.0)"
        case .gelu:
            text = "torch.nn.functional.gelu(\(first))"
        case .silu:
            text = "torch.nn.functional.silu(\(first))"
        case .elu:
            let alpha = try constant(arguments[1], of: "elu")
            text = "torch.nn.functional.elu(\(first), alpha=\(alpha))"
        case .leakyRelu:
            text = "torch.nn.functional.leaky_relu(\(first), "
                + "negative_slope=\(try constant(arguments[1], of: "leaky_relu")))"
        case .sinc:
            text = "torch.sinc(\(try wrapped(arguments[0], above: .multiplicative)) / math.pi)"
        case .step:
            text = "torch.heaviside(\(first), torch.zeros_like(\(first)))"
        case .max, .min:
            text = try extremum(function == .max, arguments)
        case .pow:
            return try power(arguments[0], arguments[1])
        case .dsinc:
            throw Untranslatable(
                reason: "dsinc (the derivative of sinc) has no PyTorch function")
        }
        return Piece(text: text, level: .atom)
    }

    /// `torch.maximum(a, b)`, or `torch.clamp(a, min=c)` when one side is
    /// a constant (`torch.maximum` takes tensors only).
    static func extremum(_ isMaximum: Bool, _ arguments: [Expression]) throws(Untranslatable)
        -> String
    {
        let (left, right) = (arguments[0], arguments[1])
        let bound = isMaximum ? "min" : "max"
        if !right.containsVariable {
            return "torch.clamp(\(try write(left).text), \(bound)=\(try write(right).text))"
        }
        if !left.containsVariable {
            return "torch.clamp(\(try write(right).text), \(bound)=\(try write(left).text))"
        }
        let name = isMaximum ? "torch.maximum" : "torch.minimum"
        return "\(name)(\(try write(left).text), \(try write(right).text))"
    }

    /// A parameter of a function that PyTorch takes as a Python float.
    static func constant(_ expression: Expression, of function: String) throws(Untranslatable)
        -> String
    {
        guard !expression.containsVariable else {
            throw Untranslatable(
                reason: "\(function) with a parameter that depends on x has no PyTorch form")
        }
        return try write(expression).text
    }
}
