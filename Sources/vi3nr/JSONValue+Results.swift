import ActivationExpr
import VI3NR

/// The JSON forms of the library's results, shared by every command so
/// that one quantity has one shape everywhere (see the README's JSON
/// reference).
extension JSONValue {
    /// A number or `null` when absent.
    static func number(_ value: Double?) -> JSONValue {
        value.map { JSONValue.number($0) } ?? .null
    }

    /// `{"value": …, "error": …}` for a quadrature result.
    static func estimate(_ estimate: EstimatedValue) -> JSONValue {
        .object([("value", .number(estimate.value)), ("error", .number(estimate.errorEstimate))])
    }

    /// `{"value", "standard_error", "samples", "seed"}` for a Monte Carlo
    /// result, `null` when absent.
    static func monteCarlo(_ value: MonteCarloValue?) -> JSONValue {
        guard let value else { return .null }
        return .object([
            ("value", .number(value.value)),
            ("standard_error", .number(value.standardError)),
            ("samples", .integer(value.samples)),
            ("seed", .unsignedInteger(value.seed)),
        ])
    }

    /// A moment: `{"quadrature": {value, error}, "monte_carlo": {…} or
    /// null, "agreement_sigmas": z or null}`.
    static func moment(_ moment: MomentEstimate) -> JSONValue {
        .object([
            ("quadrature", .estimate(moment.value)),
            ("monte_carlo", .monteCarlo(moment.monteCarlo)),
            ("agreement_sigmas", .number(moment.agreementSigmas)),
        ])
    }

    /// `{"value", "error"}` of `cond`, with its Monte Carlo value and
    /// agreement when there is one.
    static func condition(_ condition: BackwardCondition) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("value", .number(condition.value.value)),
            ("error", .number(condition.value.errorEstimate)),
        ]
        if condition.monteCarlo != nil {
            members.append(("monte_carlo", .monteCarlo(condition.monteCarlo)))
            members.append(("agreement_sigmas", .number(condition.agreementSigmas)))
        }
        return .object(members)
    }

    /// `"expression"` and `"derivative"`, the first two keys of every
    /// command's object that works on an activation.
    static func activationMembers(_ activation: Activation) -> [(key: String, value: JSONValue)] {
        [
            ("expression", .string(activation.expression.description)),
            ("derivative", .string(activation.derivativeExpression.description)),
        ]
    }
}
