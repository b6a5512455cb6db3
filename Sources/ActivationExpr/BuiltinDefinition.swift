/// Everything the language knows about one built-in function: its name,
/// its parameters and their defaults, how to evaluate it, how to
/// differentiate it, and where it is not smooth.
///
/// There is one definition per `BuiltinFunction`, in the built-in table
/// (`BuiltinFunction.definition`); the parser, the evaluator, the
/// derivative, the non-smooth point finder and the compiler all read it
/// from there.
public struct BuiltinDefinition: Sendable {
    /// One positional parameter of a built-in function.
    public struct Parameter: Sendable, Hashable {
        /// The name used in documentation and error messages (`alpha`).
        public let name: String

        /// The value the parser fills in when the argument is left out;
        /// nil for a required argument.
        public let defaultValue: Double?
    }

    /// Where a function is not smooth, in terms of its arguments.
    typealias NonSmoothRule = @Sendable (_ arguments: [Expression]) -> [NonSmoothPoint]

    /// The derivative of `f(a₁, a₂, …)` with respect to `x`, given the
    /// arguments and their derivatives.
    typealias DerivativeRule =
        @Sendable (_ arguments: [Expression], _ derivatives: [Expression]) -> Expression

    /// The function this definition describes.
    public let function: BuiltinFunction

    /// The parameters in order; required ones come first.
    public let parameters: [Parameter]

    /// One line for documentation and `--help`.
    public let summary: String

    /// The scalar evaluation of a one-argument function; nil otherwise.
    public let unary: (@Sendable (Double) -> Double)?

    /// The scalar evaluation of a two-argument function; nil otherwise.
    public let binary: (@Sendable (Double, Double) -> Double)?

    /// The chain rule for this function.
    let derivativeRule: DerivativeRule

    /// The kinks, jumps, poles and domain edges of this function.
    let nonSmoothRule: NonSmoothRule

    /// The name a user writes (`leaky_relu`).
    public var name: String { function.rawValue }

    /// How many arguments must be written.
    public var requiredArgumentCount: Int {
        parameters.filter { $0.defaultValue == nil }.count
    }

    /// How many arguments may be written.
    public var maximumArgumentCount: Int { parameters.count }

    /// A usage line such as `elu(x, alpha = 1)`.
    public var signature: String {
        let list = parameters.map { parameter in
            guard let value = parameter.defaultValue else { return parameter.name }
            return "\(parameter.name) = \(NumberFormatting.shortest(value))"
        }
        return "\(name)(\(list.joined(separator: ", ")))"
    }

    /// Evaluates the function on a full argument list (one or two values,
    /// as `parameters` says). Returns NaN for a wrong count, which the
    /// parser never produces.
    public func evaluate(_ arguments: [Double]) -> Double {
        if let unary, arguments.count == 1 { return unary(arguments[0]) }
        if let binary, arguments.count == 2 { return binary(arguments[0], arguments[1]) }
        return .nan
    }
}
