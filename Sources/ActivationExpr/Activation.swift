/// An activation function ready for use: parsed, its parameters bound,
/// simplified, differentiated, and both it and its derivative compiled.
///
/// ```swift
/// let sine = try Activation(parsing: "sin(w0*x)", parameters: ["w0": 30])
/// sine.function(0.1)        // sin(3)
/// sine.derivative(0.1)      // 30*cos(3)
/// sine.derivativeExpression // 30*cos(30*x)
/// ```
///
/// The compiled functions come with a scalar closure (for quadrature) and
/// block kernels over `Double` and `Float` buffers (for Monte Carlo and
/// the deep-network check); see `CompiledFunction(compiling:)` for how
/// they agree with the tree walk.
public struct Activation: Sendable {
    /// The text as the user wrote it.
    public let source: String

    /// φ: the expression with its parameters bound, simplified.
    public let expression: Expression

    /// φ': the derivative with respect to `x`, simplified. At kinks it has
    /// the value PyTorch's autograd gives (`relu'(0) = 0`).
    public let derivativeExpression: Expression

    /// φ, compiled.
    public let function: CompiledFunction

    /// φ', compiled.
    public let derivative: CompiledFunction

    /// Where φ or φ' may stop being smooth (kinks, jumps, poles, domain
    /// edges), each as the sign changes of a compiled locator function:
    /// first those of φ, then those only φ' has (`relu` has a kink at 0;
    /// its derivative `step` adds a jump there). The list
    /// over-approximates: `sin(x)/x` reports a pole at 0 that is removable.
    public let breakpoints: [BreakpointLocator]

    /// Parses `source`, binds `parameters`, simplifies, differentiates and
    /// compiles.
    ///
    /// - Throws: `ActivationError.invalidSyntax` when the text does not
    ///   parse (with a caret diagnostic); `.invalidExpression` for a
    ///   parameter left unbound, a value for a parameter the expression
    ///   does not have, a non-finite parameter value, or a constant part
    ///   that is not finite.
    public init(parsing source: String, parameters: [String: Double] = [:])
        throws(ActivationError)
    {
        let parsed: Expression
        do {
            parsed = try Expression.parse(source)
        } catch {
            throw .invalidSyntax(error)
        }
        try self.init(expression: parsed, source: source, parameters: parameters)
    }

    /// Builds the activation from an expression tree; `source` is kept for
    /// display.
    ///
    /// - Throws: `ActivationError.invalidExpression` as for
    ///   `init(parsing:parameters:)`.
    public init(expression: Expression, source: String, parameters: [String: Double] = [:])
        throws(ActivationError)
    {
        do {
            let simplified = try expression.bindingParameters(parameters).simplified()
            let derivative = try simplified.derivative()
            self.source = source
            self.expression = simplified
            self.derivativeExpression = derivative
            self.function = try Self.compile(simplified)
            self.derivative = try Self.compile(derivative)
            self.breakpoints = try Self.breakpoints(of: simplified, derivative: derivative)
        } catch {
            throw .invalidExpression(error)
        }
    }
}

// MARK: - Building

private extension Activation {
    /// Compiles an expression whose parameters are bound, with its constant
    /// parts folded first (`2*0.05^2` becomes one number) so that the
    /// kernels do no work that does not depend on `x`.
    static func compile(_ expression: Expression) throws(ExpressionError) -> CompiledFunction {
        let folded = try expression.foldingConstants()
        do {
            return try CompiledFunction(compiling: folded)
        } catch {
            // Unreachable after binding: every parameter has a value.
            throw .unboundParameters(folded.parameterNames.sorted())
        }
    }

    /// The non-smooth points of φ and then those of φ' that φ does not
    /// have, each locator compiled.
    static func breakpoints(
        of function: Expression, derivative: Expression
    ) throws(ExpressionError) -> [BreakpointLocator] {
        let ofFunction = try function.nonSmoothPoints()
        let seen = Set(ofFunction.map { Locus(kind: $0.kind, locator: $0.locator) })
        let onlyOfDerivative = try derivative.nonSmoothPoints().filter {
            !seen.contains(Locus(kind: $0.kind, locator: $0.locator))
        }

        var locators: [BreakpointLocator] = []
        for point in ofFunction {
            locators.append(BreakpointLocator(
                kind: point.kind, description: point.description,
                locator: try compile(point.locator)))
        }
        for point in onlyOfDerivative {
            locators.append(BreakpointLocator(
                kind: point.kind, description: "derivative: \(point.description)",
                locator: try compile(point.locator)))
        }
        return locators
    }

    /// A kind of point at the zeros of a locator, for removing duplicates.
    struct Locus: Hashable {
        let kind: BreakpointLocator.Kind
        let locator: Expression
    }
}
