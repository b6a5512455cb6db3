import NumericalMethods

/// What minimising a dip of `|cond − target|` showed.
enum DipOutcome {
    /// The target is crossed at this σ_p: a root on each side of it.
    case crossing(Double)
    /// The minimum touches the target within the error: a double root.
    case touching(OptimalSigma)
    /// The minimum stays clear of the target.
    case nearMiss(ClosestApproach)
}

extension SigmaSearchSteps {
    /// Refines the root in `bracket` with GSL's Brent solver, then
    /// measures the moments, the gain and the slope of `cond` there.
    func refineRoot(in bracket: SearchBracket) throws(VI3NRError) -> OptimalSigma {
        let function = RecordingCondition(evaluator: refinementEvaluator, target: target)
        let result: RootResult
        do {
            result = try RootRefinement.brent(
                function.evaluate, lower: bracket.lower, upper: bracket.upper,
                relativeTolerance: rootRelativeTolerance)
        } catch {
            if let failure = function.failure { throw failure }
            throw .refinementFailed(lower: bracket.lower, upper: bracket.upper, cause: error)
        }

        // The slope of cond by a central difference, so that the error of
        // cond becomes an error of σ_p. A relative step of 1e-6 keeps the
        // quotient's rounding (1e-12 / 1e-6) small.
        let root = result.root
        let step = 1e-6 * root
        let sample = try function.sample(at: root)
        let above = try function.sample(at: root + step)
        let below = try function.sample(at: root - step)
        guard let condition = sample.condition, let upper = above.condition,
              let lower = below.condition
        else { throw .zeroForwardMoment(preactivationStd: root) }
        let slope = (upper.value - lower.value) / (2 * step)
        let shift = slope == 0 ? Double.infinity : condition.errorEstimate / Swift.abs(slope)
        let halfWidth = (result.upper - result.lower) / 2

        return try optimalSigma(
            sample: sample, error: halfWidth + shift,
            crossing: bracket.lowerSign < 0 ? .upward : .downward)
    }

    /// Minimises `sign · (cond − target)` over a dip with GSL's Brent
    /// minimiser, stopping as soon as the target is crossed.
    func refine(dip: Dip) throws(VI3NRError) -> DipOutcome {
        let lower = scan[dip.lower].preactivationStd
        let guess = scan[dip.guess].preactivationStd
        let upper = scan[dip.upper].preactivationStd
        let function = RecordingCondition(
            evaluator: scanEvaluator, target: target, sign: Double(dip.sign),
            stopBeyond: { condition in self.noise(condition) })

        let minimum: MinimumResult
        do {
            minimum = try MinimumRefinement.brent(
                function.evaluate, lower: lower, guess: guess, upper: upper)
        } catch {
            if let failure = function.failure { throw failure }
            if let crossing = function.crossing { return .crossing(crossing) }
            // The dip is within the noise of the scan: not a minimum the
            // refined values confirm. Report it as seen.
            guard case .invalidArgument = error, let condition = scan[dip.guess].condition
            else { throw .refinementFailed(lower: lower, upper: upper, cause: error) }
            return .nearMiss(ClosestApproach(
                preactivationStd: guess, condition: condition,
                distance: condition.value - target, position: .interior))
        }
        if let crossing = function.crossing { return .crossing(crossing) }

        let sample = try function.sample(at: minimum.location)
        guard let condition = sample.condition else {
            throw .zeroForwardMoment(preactivationStd: minimum.location)
        }
        let difference = condition.value - target
        if Swift.abs(difference) <= noise(condition) {
            return .touching(try touchingRoot(at: minimum, noise: noise(condition)))
        }
        return .nearMiss(ClosestApproach(
            preactivationStd: minimum.location, condition: condition, distance: difference,
            position: .interior))
    }

    /// A double root at a minimum that touches the target. Its place is
    /// known only to the width of the band where `|cond − target|` stays
    /// within the noise: `cond ≈ target + κ (σ_p − σ*)²/2` there, so the
    /// band's half-width is `√(2 · noise / |κ|)`, with the curvature `κ`
    /// by a second difference.
    private func touchingRoot(
        at minimum: MinimumResult, noise: Double
    ) throws(VI3NRError) -> OptimalSigma {
        let sigma = minimum.location
        let step = 1e-3 * sigma
        let centre = try refinementEvaluator.sample(at: sigma)
        let above = try refinementEvaluator.sample(at: sigma + step)
        let below = try refinementEvaluator.sample(at: sigma - step)
        guard let middle = centre.condition, let upper = above.condition,
              let lower = below.condition
        else { throw .zeroForwardMoment(preactivationStd: sigma) }
        let curvature = (upper.value - 2 * middle.value + lower.value) / (step * step)
        let band = curvature == 0
            ? Double.infinity : (2 * noise / Swift.abs(curvature)).squareRoot()
        return try optimalSigma(
            sample: centre, error: Swift.max(band, (minimum.upper - minimum.lower) / 2),
            crossing: .touching)
    }

    /// A root with its gain, from the sample there.
    private func optimalSigma(
        sample: ConditionSample, error: Double, crossing: OptimalSigma.Crossing
    ) throws(VI3NRError) -> OptimalSigma {
        let sigma = sample.preactivationStd
        guard let condition = sample.condition else {
            throw .zeroForwardMoment(preactivationStd: sigma)
        }
        let forward = sample.forwardMoment
        let gains = GainReport.gains(
            sigma: sigma, forwardMoment: forward.value, error: forward.errorEstimate)
        return OptimalSigma(
            preactivationStd: EstimatedValue(value: sigma, errorEstimate: error),
            gainSquared: gains.squared, gain: gains.plain, condition: condition,
            forwardMoment: forward, backwardMoment: sample.backwardMoment, crossing: crossing)
    }
}

/// `cond(σ_p) − target` as the plain function GSL's solvers call, which
/// cannot throw: a failed quadrature is recorded and NaN returned, which
/// makes the solver stop with `.nonFiniteValue`; the caller then throws
/// the recorded failure instead. Samples are kept, so the point a solver
/// ends on is not integrated twice.
///
/// For a dip, the function is `sign · (cond − target)`, and the first
/// point beyond the noise band on the other side of the target is
/// recorded as a crossing and stops the minimiser the same way.
final class RecordingCondition {
    private let evaluator: ConditionEvaluator
    private let target: Double
    private let sign: Double
    private let stopBeyond: ((EstimatedValue) -> Double)?
    private var samples: [Double: ConditionSample] = [:]
    private(set) var failure: VI3NRError?
    private(set) var crossing: Double?

    init(
        evaluator: ConditionEvaluator, target: Double, sign: Double = 1,
        stopBeyond: ((EstimatedValue) -> Double)? = nil
    ) {
        self.evaluator = evaluator
        self.target = target
        self.sign = sign
        self.stopBeyond = stopBeyond
    }

    /// The moments at σ_p, computed once.
    func sample(at sigma: Double) throws(VI3NRError) -> ConditionSample {
        if let known = samples[sigma] { return known }
        let sample = try evaluator.sample(at: sigma)
        samples[sigma] = sample
        return sample
    }

    /// `sign · (cond(σ_p) − target)`, or NaN to stop the solver.
    func evaluate(_ sigma: Double) -> Double {
        guard failure == nil, crossing == nil else { return .nan }
        do {
            let sample = try sample(at: sigma)
            guard let condition = sample.condition else {
                failure = .zeroForwardMoment(preactivationStd: sigma)
                return .nan
            }
            let value = sign * (condition.value - target)
            if let stopBeyond, value < -stopBeyond(condition) {
                crossing = sigma
                return .nan
            }
            return value
        } catch {
            failure = error
            return .nan
        }
    }
}
