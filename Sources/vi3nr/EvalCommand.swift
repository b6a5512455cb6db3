import ActivationExpr

/// `vi3nr eval EXPR --at X`: φ(X) and φ'(X).
///
/// Where φ(X) is not a number (`sqrt(x)` at -1, `sin(x)/x` at 0) the
/// command fails with exit status 1 and says why, pointing at the
/// expression's poles and domain edges that explain it. A derivative that
/// is not a number, or an infinite value, is printed (`nan`, `inf`; `null`
/// in JSON with a `…_error` key) with a warning.
struct EvalCommand: Command {
    static let description = CommandDescription(
        name: "eval",
        summary: "evaluate an activation and its derivative at a point",
        discussion: """
            Prints phi(X) and phi'(X) for the activation phi given by EXPR, with the \
            simplified derivative. Numbers are printed in the shortest form that \
            reads back as the same double.
            """,
        positionals: [ActivationArguments.expressionPositional],
        options: [
            .single("at", valueName: "X", help: "the point x, a finite number", isRequired: true),
            ActivationArguments.parameterOption,
            .json,
        ],
        examples: [
            "vi3nr eval 'sin(30*x)' --at 0.5",
            "vi3nr eval 'sin(w0*x)' --param w0=30 --at 0.5 --json",
        ])

    let activationArguments: ActivationArguments
    let point: Double
    let printsJSON: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        activationArguments = try ActivationArguments(arguments)
        // Required options are checked by the parser; `at` is present.
        point = try arguments.value("at", as: .finiteNumber) ?? .nan
        printsJSON = arguments.isSet("json")
    }

    func run() throws -> CommandOutput {
        let activation = try activationArguments.activation()
        let value = activation.function(point)
        let slope = activation.derivative(point)
        if value.isNaN {
            throw UndefinedValue(activation: activation, point: point)
        }

        var warnings: [String] = []
        if value.isInfinite {
            warnings.append("phi(\(NumberText.shortest(point))) is \(describe(value))")
        }
        if !slope.isFinite {
            warnings.append("phi'(\(NumberText.shortest(point))) is \(describe(slope))")
        }

        let text = printsJSON
            ? json(activation, value, slope).rendered() + "\n"
            : plainText(activation, value, slope)
        return CommandOutput(standardOutput: text, warnings: warnings)
    }
}

// MARK: - Output

private extension EvalCommand {
    func plainText(_ activation: Activation, _ value: Double, _ slope: Double) -> String {
        let at = NumberText.shortest(point)
        let rows = [
            ("phi(x)", activation.expression.description),
            ("phi'(x)", activation.derivativeExpression.description),
            ("phi(\(at))", NumberText.shortest(value)),
            ("phi'(\(at))", NumberText.shortest(slope)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, text in
            label + String(repeating: " ", count: width - label.count) + " = " + text + "\n"
        }.joined()
    }

    /// The JSON object; a non-finite number is `null` with a `…_error`
    /// key beside it saying what it was.
    func json(_ activation: Activation, _ value: Double, _ slope: Double) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("expression", .string(activation.expression.description)),
            ("derivative", .string(activation.derivativeExpression.description)),
            ("x", .number(point)),
            ("value", .number(value)),
            ("derivative_value", .number(slope)),
        ]
        if !value.isFinite { members.append(("value_error", .string(describe(value)))) }
        if !slope.isFinite { members.append(("derivative_value_error", .string(describe(slope)))) }
        return .object(members)
    }

    func describe(_ number: Double) -> String {
        if number.isNaN { return "not a number (NaN)" }
        return number < 0 ? "negative infinity" : "positive infinity"
    }
}

/// φ(X) is NaN: the activation is undefined at the requested point.
struct UndefinedValue: UserFacingError {
    let activation: Activation
    let point: Double

    var summary: String {
        "phi(x) = \(activation.expression) is not a number (NaN) at x = "
            + NumberText.shortest(point)
    }

    /// The poles and domain edges of φ that explain the NaN: those whose
    /// locator is zero at the point (`sin(x)/x` at 0, a 0/0), and the
    /// domain edges and poles with the point on their undefined side
    /// (`sqrt(x)` at -1).
    var details: [String] {
        let causes = activation.breakpoints.filter { breakpoint in
            guard !breakpoint.description.hasPrefix("derivative:") else { return false }
            let locator = breakpoint.locator(point)
            switch breakpoint.kind {
            case .pole, .domainEdge: return locator <= 0
            case .kink, .jump: return locator == 0
            }
        }
        return causes.map { "note: \($0.description)" }
    }
}
