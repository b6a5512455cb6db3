/// The classification of a σ_p scan: degenerate cases, a constant
/// condition, sign changes and dips, then the outcome (see
/// `OptimalSigmaSearch` for the steps and why).
struct SigmaSearchSteps {
    let scan: [ConditionSample]
    let target: Double
    let scaling: ActivationScaling
    let scanEvaluator: ConditionEvaluator
    let refinementEvaluator: ConditionEvaluator
    let rootRelativeTolerance: Double

    /// A sign of `cond − target` is trusted only beyond this many error
    /// bounds.
    static let noiseFactor = 4.0

    /// The smallest relative error assumed of `cond`, whatever the
    /// quadrature's bound says: the rounding of the sums of many panels.
    static let relativeErrorFloor = 1e-13

    /// The outcome of the search.
    func outcome() throws(VI3NRError) -> OptimalSigmaOutcome {
        // Degenerate: φ ≡ 0 on the scan, or φ' ≡ 0 (cond ≡ 0).
        let defined = scan.filter { $0.condition != nil }
        if defined.isEmpty { return .degenerate(.zeroForwardMoment) }
        if defined.allSatisfy({ $0.backwardMoment.value == 0 }) {
            return .degenerate(.zeroBackwardMoment)
        }

        // A positively homogeneous φ has the same cond everywhere.
        if let degree = scaling.positiveHomogeneityDegree, degree > 0,
           let constant = constantOutcome() {
            return constant
        }

        // φ(0) = 0 and φ continuous: cond ≥ 1 everywhere (see
        // `ActivationScaling`), so a target of 1 or below has no root to
        // find; what the scan shows near it is the quadrature's noise.
        // Dips still locate the closest approach.
        let signs = scan.map(trustedSign)
        let dips = SearchBracket.dips(signs: signs, distances: scan.map(distance))
        if scaling.isConditionAtLeastOne && target <= 1 + 1e-12 {
            if scaling.hasTrivialLimit && Swift.abs(target - 1) <= 1e-12 {
                return .trivialLimit
            }
            var nearMisses: [ClosestApproach] = []
            for dip in dips {
                if case .nearMiss(let approach) = try refine(dip: dip) {
                    nearMisses.append(approach)
                }
            }
            return .noRoot(closestApproach(nearMisses: nearMisses))
        }

        // Sign changes between trusted signs, and dips.
        var brackets = SearchBracket.signChanges(signs: signs, scan: scan)
        var touchingRoots: [OptimalSigma] = []
        var nearMisses: [ClosestApproach] = []
        for dip in dips {
            switch try refine(dip: dip) {
            case .crossing(let middle):
                brackets.append(SearchBracket(
                    lower: scan[dip.lower].preactivationStd, upper: middle, lowerSign: dip.sign))
                brackets.append(SearchBracket(
                    lower: middle, upper: scan[dip.upper].preactivationStd, lowerSign: -dip.sign))
            case .touching(let root):
                touchingRoots.append(root)
            case .nearMiss(let approach):
                nearMisses.append(approach)
            }
        }

        var roots = touchingRoots
        for bracket in brackets { roots.append(try refineRoot(in: bracket)) }
        if !roots.isEmpty {
            return .roots(roots.sorted {
                $0.preactivationStd.value < $1.preactivationStd.value
            })
        }

        // No root: the trivial limit, cond = target within noise
        // everywhere, or the closest approach.
        if scaling.hasTrivialLimit && Swift.abs(target - 1) <= 1e-12 {
            return .trivialLimit
        }
        if zip(scan, signs).allSatisfy({ $0.0.condition == nil || $0.1 == 0 }),
           let typical = defined.first?.condition {
            return .anySigma(condition: typical, isHomogeneous: false)
        }
        return .noRoot(closestApproach(nearMisses: nearMisses))
    }
}

// MARK: - Signs and distances

extension SigmaSearchSteps {
    /// `cond − target` at a scan point; NaN where `cond` is undefined.
    func distance(_ sample: ConditionSample) -> Double {
        guard let condition = sample.condition else { return .nan }
        return condition.value - target
    }

    /// The band around the target within which the sign of `cond − target`
    /// is noise.
    func noise(_ condition: EstimatedValue) -> Double {
        Self.noiseFactor * Swift.max(
            condition.errorEstimate, Self.relativeErrorFloor * Swift.abs(condition.value))
    }

    /// +1 or −1 where `cond − target` is beyond the noise band, 0 inside
    /// it or where `cond` is undefined.
    func trustedSign(_ sample: ConditionSample) -> Int {
        guard let condition = sample.condition else { return 0 }
        let difference = condition.value - target
        if difference > noise(condition) { return 1 }
        if difference < -noise(condition) { return -1 }
        return 0
    }

    /// For a homogeneous φ: `.anySigma` or a constant `.noRoot` when every
    /// `cond` agrees within its error; nil when the numbers disagree with
    /// the formula (then the general search decides).
    func constantOutcome() -> OptimalSigmaOutcome? {
        let conditions = scan.compactMap(\.condition)
        guard let reference = conditions.min(by: { $0.errorEstimate < $1.errorEstimate })
        else { return nil }
        let isConstant = conditions.allSatisfy {
            Swift.abs($0.value - reference.value) <= noise($0) + noise(reference)
        }
        guard isConstant else { return nil }
        if Swift.abs(reference.value - target) <= noise(reference) {
            return .anySigma(condition: reference, isHomogeneous: true)
        }
        let index = scan.firstIndex { $0.condition == reference } ?? 0
        return .noRoot(ClosestApproach(
            preactivationStd: scan[index].preactivationStd, condition: reference,
            distance: reference.value - target, position: .everywhere))
    }

    /// The closest approach among the scan points and the refined dips.
    func closestApproach(nearMisses: [ClosestApproach]) -> ClosestApproach {
        var best = nearMisses.min { Swift.abs($0.distance) < Swift.abs($1.distance) }
        for (index, sample) in scan.enumerated() {
            guard let condition = sample.condition else { continue }
            let difference = condition.value - target
            if let current = best, Swift.abs(current.distance) <= Swift.abs(difference) {
                continue
            }
            let position: ClosestApproach.Position = switch index {
            case 0: .lowerEnd
            case scan.count - 1: .upperEnd
            default: .interior
            }
            best = ClosestApproach(
                preactivationStd: sample.preactivationStd, condition: condition,
                distance: difference, position: position)
        }
        // `outcome()` returns before this when no point is defined.
        return best ?? ClosestApproach(
            preactivationStd: scan[0].preactivationStd,
            condition: EstimatedValue(value: .nan, errorEstimate: .nan), distance: .nan,
            position: .lowerEnd)
    }
}
