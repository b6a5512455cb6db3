import GaussianMoments
import Testing
@testable import VI3NR

/// A scan sample with the given σ_p (moments irrelevant here).
private func point(_ sigma: Double) -> ConditionSample {
    let moment = QuadratureEstimate(value: 1, errorEstimate: 0)
    return ConditionSample(preactivationStd: sigma, forwardMoment: moment, backwardMoment: moment)
}

@Suite("Brackets and dips from trusted signs")
struct SearchBracketTests {
    let scan = (0..<8).map { point(Double($0 + 1)) }

    @Test("a noise band at the lower end brackets nothing")
    func noiseBandAtTheEnd() {
        let brackets = SearchBracket.signChanges(signs: [0, 0, 0, 1, 1, 1, 1, 1], scan: scan)
        #expect(brackets.isEmpty)
    }

    @Test("a sign change across untrusted points is bracketed by the trusted ones around it")
    func changeAcrossABand() {
        let brackets = SearchBracket.signChanges(signs: [-1, -1, 0, 0, 1, 1, -1, 0], scan: scan)
        #expect(brackets == [
            SearchBracket(lower: 2, upper: 5, lowerSign: -1),
            SearchBracket(lower: 6, upper: 7, lowerSign: 1),
        ])
    }

    @Test("a local minimum of |cond − target| between points of one sign is a dip")
    func dipsOfOneSign() {
        let distances = [3.0, 2, 1, 0.5, 0.8, 2, 3, 4]
        let dips = SearchBracket.dips(signs: Array(repeating: 1, count: 8), distances: distances)
        #expect(dips == [Dip(lower: 2, guess: 3, upper: 4, sign: 1)])
    }

    @Test("untrusted points between two of the same sign: a dip, guessed at the nearest")
    func dipAcrossABand() {
        let distances = [-3.0, -2, -1e-13, 2e-14, -1, -2, -3, -4]
        let signs = [-1, -1, 0, 0, -1, -1, -1, -1]
        let dips = SearchBracket.dips(signs: signs, distances: distances)
        #expect(dips == [Dip(lower: 1, guess: 3, upper: 4, sign: -1)])
    }

    @Test("a sign change is not a dip")
    func changeIsNotADip() {
        let dips = SearchBracket.dips(
            signs: [1, 1, -1, -1, 1, 1, 1, 1], distances: [3, 1, -1, -0.5, 1, 2, 3, 4])
        #expect(dips.isEmpty)
    }
}
