import VI3NR

/// How the command line shows an `OptimalSigmaResult`: the classification
/// word, the JSON members, the text lines of `optimal` and the short cells
/// of `table`. Shared so that the commands say the same thing the same
/// way.
struct SearchResultText {
    let result: OptimalSigmaResult

    /// `roots`, `any_sigma`, `trivial_limit` or `no_root`. A degenerate
    /// condition (`cond ≡ 0`) is `no_root`, with `degenerate` saying why.
    var classification: String {
        switch result.outcome {
        case .roots: return "roots"
        case .anySigma: return "any_sigma"
        case .trivialLimit: return "trivial_limit"
        case .noRoot, .degenerate: return "no_root"
        }
    }

    /// The closest approach, for `no_root`.
    var closest: ClosestApproach? {
        if case .noRoot(let approach) = result.outcome { return approach }
        return nil
    }

    /// The JSON members after the expression's: target, range,
    /// classification, roots, closest approach and the search limit.
    func jsonMembers() -> [(key: String, value: JSONValue)] {
        var degenerate = JSONValue.null
        var constant = JSONValue.null
        switch result.outcome {
        case .degenerate(let kind):
            degenerate = .string(kind == .zeroBackwardMoment
                ? "zero_backward_moment" : "zero_forward_moment")
        case .anySigma(let condition, _):
            constant = .estimate(condition)
        default:
            break
        }
        return [
            ("fan_ratio", .number(result.fanRatio)),
            ("target", .number(result.target)),
            ("from", .number(result.lowerBound)),
            ("to", .number(result.upperBound)),
            ("classification", .string(classification)),
            ("roots", .array(result.roots.map(Self.rootJSON))),
            ("closest", closest.map(Self.closestJSON) ?? .null),
            ("constant_condition", constant),
            ("degenerate", degenerate),
            ("homogeneity_degree", .number(result.scaling.positiveHomogeneityDegree)),
            ("has_trivial_limit", .bool(result.scaling.hasTrivialLimit)),
            ("search_limit", result.limit.map(Self.limitJSON) ?? .null),
        ]
    }

    /// Label–value rows for `optimal`.
    func textRows() -> [(String, String)] {
        var rows: [(String, String)] = [
            ("target", "cond = \(NumberText.shortest(result.target))"
                + "  (fan_ratio = fan_out/fan_in = \(NumberText.shortest(result.fanRatio)))"),
            ("range", "sigma_p in [\(NumberText.shortest(result.lowerBound)), "
                + "\(NumberText.shortest(result.upperBound))]"),
            ("classification", classification),
        ]
        switch result.outcome {
        case .roots(let roots):
            for (index, root) in roots.enumerated() {
                let label = roots.count == 1 ? "root" : "root \(index + 1)"
                rows.append((label, "sigma_p = " + NumberText.withError(
                    root.preactivationStd.value, root.preactivationStd.errorEstimate)
                    + " (\(root.crossing.rawValue))"))
                rows.append(("  gain^2", NumberText.withError(
                    root.gainSquared.value, root.gainSquared.errorEstimate)))
                rows.append(("  gain", NumberText.withError(
                    root.gain.value, root.gain.errorEstimate)))
            }
        case let .anySigma(condition, isHomogeneous):
            rows.append(("meaning", "cond = "
                + NumberText.withError(condition.value, condition.errorEstimate)
                + " at every sigma_p" + (isHomogeneous
                    ? " (phi is positively homogeneous of degree 1)" : "")
                + ": any sigma_p keeps both passes"))
        case .trivialLimit:
            rows.append(("meaning", "no root in the range, only the trivial limit "
                + "sigma_p -> 0, where phi is linear and cond -> 1"))
        case .noRoot(let approach):
            rows.append(("closest", closestText(approach)))
        case .degenerate(let kind):
            rows.append(("meaning", kind == .zeroBackwardMoment
                ? "phi' = 0 almost everywhere: cond = 0 at every sigma_p, gradients vanish"
                : "phi = 0 wherever the Gaussian has density: no gain exists"))
        }
        if let limit = result.limit {
            rows.append(("searched", limitText(limit)))
        }
        return rows
    }

    /// The σ_p column of `table`: the roots, `any`, `-> 0 (trivial)` or
    /// `none`.
    var optimumCell: String {
        switch result.outcome {
        case .roots(let roots):
            return roots.map { NumberText.significant($0.preactivationStd.value, digits: 6) }
                .joined(separator: "; ")
        case .anySigma: return "any"
        case .trivialLimit: return "-> 0 (trivial)"
        case .noRoot, .degenerate: return "none"
        }
    }

    /// The gain² column of `table` at the roots.
    var rootGainCell: String {
        result.roots.map { NumberText.significant($0.gainSquared.value, digits: 6) }
            .joined(separator: "; ")
    }

    /// The note column of `table`: where the closest approach is, and
    /// where the search stopped.
    var noteCell: String {
        var notes: [String] = []
        if let approach = closest {
            let condition = NumberText.significant(approach.condition.value, digits: 4)
            let sigma = NumberText.significant(approach.preactivationStd, digits: 4)
            notes.append("closest cond = \(condition) at sigma_p = \(sigma)")
        }
        if case .degenerate(.zeroBackwardMoment) = result.outcome {
            notes.append("cond = 0 everywhere")
        }
        if let limit = result.limit {
            notes.append("searched up to sigma_p = "
                + NumberText.significant(limit.searchedUpperBound, digits: 3))
        }
        return notes.joined(separator: "; ")
    }

    /// A sentence for a warning when the range was cut.
    var limitWarning: String? {
        result.limit.map(limitText)
    }

    func closestText(_ approach: ClosestApproach) -> String {
        let place: String = switch approach.position {
        case .interior: "a local closest approach inside the range"
        case .lowerEnd: "at the lower end of the range" + (belowRangeText(approach)
            ?? ": a root may lie below it")
        case .upperEnd: (result.limit == nil
            ? "at the upper end of the range" : "at the upper end of the searched range")
            + (boundText ?? ": a root may lie above it")
        case .everywhere: "cond is the same at every sigma_p"
        }
        return "cond = " + NumberText.withError(
            approach.condition.value, approach.condition.errorEstimate)
            + " at sigma_p = " + NumberText.significant(approach.preactivationStd, digits: 6)
            + " (" + place + ")"
    }

    /// Why no σ_p at all reaches the target, when the formula proves it:
    /// φ continuous with φ(0) = 0 has cond ≥ 1 everywhere
    /// (`ActivationScaling.isConditionAtLeastOne`), so a target below 1
    /// is out of reach beyond either end of the range too.
    private var boundText: String? {
        guard result.scaling.isConditionAtLeastOne, result.target < 1 else { return nil }
        return "; cond >= 1 at every sigma_p since phi is continuous with phi(0) = 0, "
            + "so no sigma_p reaches a target below 1"
    }

    /// What lies below the range when the closest approach is at its lower
    /// end, if the formula says: nothing reaches a target below 1 when
    /// cond ≥ 1 everywhere; and where φ is linear near 0, cond tends to 1
    /// as σ_p → 0 (MATH.md), so a root lies below the range exactly when
    /// the target is between cond at the lower end and 1. Nil when the
    /// formula says nothing (a root may lie below).
    private func belowRangeText(_ approach: ClosestApproach) -> String? {
        if let boundText { return boundText }
        guard result.scaling.hasTrivialLimit else { return nil }

        let condition = approach.condition.value, target = result.target
        let crossesBelow = (condition - target) * (1 - target) < 0
        let limit = "phi is linear near 0, so cond tends to 1 as sigma_p -> 0"
        return crossesBelow
            ? ": a root lies below it: \(limit), across the target"
            : "; \(limit), on this side of the target: no root is expected below it"
    }

    func limitText(_ limit: SearchLimit) -> String {
        "only up to sigma_p = " + NumberText.significant(limit.searchedUpperBound, digits: 4)
            + " of " + NumberText.shortest(result.upperBound) + ": "
            + limit.cause.description
    }

    static func rootJSON(_ root: OptimalSigma) -> JSONValue {
        .object([
            ("sigma_p", .number(root.preactivationStd.value)),
            ("sigma_p_error", .number(root.preactivationStd.errorEstimate)),
            ("gain", .number(root.gain.value)),
            ("gain_error", .number(root.gain.errorEstimate)),
            ("gain2", .number(root.gainSquared.value)),
            ("gain2_error", .number(root.gainSquared.errorEstimate)),
            ("backward_condition", .estimate(root.condition)),
            ("crossing", .string(root.crossing.rawValue)),
        ])
    }

    static func closestJSON(_ approach: ClosestApproach) -> JSONValue {
        let position: String = switch approach.position {
        case .interior: "interior"
        case .lowerEnd: "lower_end"
        case .upperEnd: "upper_end"
        case .everywhere: "everywhere"
        }
        return .object([
            ("sigma_p", .number(approach.preactivationStd)),
            ("backward_condition", .estimate(approach.condition)),
            ("distance", .number(approach.distance)),
            ("position", .string(position)),
        ])
    }

    static func limitJSON(_ limit: SearchLimit) -> JSONValue {
        .object([
            ("searched_to", .number(limit.searchedUpperBound)),
            ("failed_at", .number(limit.failedPreactivationStd)),
            ("reason", .string(limit.cause.description)),
        ])
    }
}
