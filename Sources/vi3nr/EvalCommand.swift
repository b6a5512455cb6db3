import ActivationExpr
import Foundation
import VI3NR

/// `vi3nr eval EXPR --at X`: φ(X) and φ'(X).
///
/// A value that is not finite (`log(x)` at 0, `sqrt(x)` at -1, `sin(x)/x`
/// at 0) is printed as `nan`, `inf` or `-inf` (`null` in JSON, with a
/// `value_error` or `derivative_value_error` key saying what it was) and
/// explained in a warning; the exit status stays 0, since the point was
/// evaluated. A NaN where the function has a limit (a removable
/// singularity, as `sin(x)/x` at 0) is said to be one, with the limit;
/// any other NaN is explained by the poles and domain edges at the point.
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
        let at = NumberText.shortest(point)

        var warnings: [String] = []
        if !value.isFinite {
            var warning = "phi(\(at)) is \(describe(value, of: activation.function))"
            let causes = UndefinedValue.causes(in: activation, at: point)
            if value.isNaN, limitText(of: activation.function) == nil, !causes.isEmpty {
                warning += ": " + causes.joined(separator: "; ")
            }
            warnings.append(warning)
        }
        if !slope.isFinite {
            warnings.append("phi'(\(at)) is \(describe(slope, of: activation.derivative))")
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
        if !value.isFinite {
            members.append(("value_error", .string(describe(value, of: activation.function))))
        }
        if !slope.isFinite {
            let text = describe(slope, of: activation.derivative)
            members.append(("derivative_value_error", .string(text)))
        }
        return .object(members)
    }

    /// "not a number (NaN)", "positive infinity" or "negative infinity";
    /// a NaN where `function` has a limit adds it: "not a number (NaN);
    /// its limit at 0 is 1 (a removable singularity)".
    func describe(_ number: Double, of function: CompiledFunction) -> String {
        guard number.isNaN else {
            return number < 0 ? "negative infinity" : "positive infinity"
        }
        guard let limit = limitText(of: function) else { return "not a number (NaN)" }
        let at = NumberText.shortest(point)
        return "not a number (NaN); its limit at \(at) is \(limit) (a removable singularity)"
    }

    /// The limit of `function` at the point as text, when the function is
    /// NaN there but has a limit (a removable singularity); nil otherwise.
    ///
    /// The library tests for a limit at 0 (`RemovableSingularityAtZero`),
    /// so the function is shifted to put the point there; at a point so
    /// large that `point ± 2^-20` rounds back to the point the shifted
    /// function is NaN beside 0 too, and no limit is claimed. The limit is
    /// found numerically to about 1e-6 relative to max(1, |limit|), so it
    /// is shown to six significant digits after rounding to that
    /// resolution: the limit of `sin(x)/x` at 0 comes out as
    /// 0.99999999999985 and shows as 1, that of its derivative as about
    /// 1e-13 and shows as 0.
    func limitText(of function: CompiledFunction) -> String? {
        let point = self.point
        guard function(point).isNaN else { return nil }

        let shifted = CompiledFunction(
            scalar: { function($0 + point) },
            block: { input, output in
                for index in input.indices { output[index] = function(input[index] + point) }
            })
        guard let limit = RemovableSingularityAtZero.limit(of: shifted) else { return nil }

        let resolution = 1e-6 * max(1, Swift.abs(limit))
        let rounded = (limit / resolution).rounded() * resolution
        return NumberText.significant(rounded == 0 ? 0 : rounded, digits: 6)
    }
}

/// What makes φ NaN at a point, from its breakpoints.
enum UndefinedValue {
    /// The descriptions of the poles and domain edges of φ that explain a
    /// NaN at `point`: those whose locator is zero there (`sin(x)/x^2` at
    /// 0, a pole), and the domain edges and poles with the point on their
    /// undefined side (`sqrt(x)` at -1).
    static func causes(in activation: Activation, at point: Double) -> [String] {
        let causes = activation.breakpoints.filter { breakpoint in
            guard !breakpoint.description.hasPrefix("derivative:") else { return false }
            let locator = breakpoint.locator(point)
            switch breakpoint.kind {
            case .pole, .domainEdge: return locator <= 0
            case .kink, .jump: return locator == 0
            }
        }
        return causes.map(\.description)
    }
}
