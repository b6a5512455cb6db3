import Testing
@testable import VI3NR

// Values worked by hand from SMAPE = 100 · mean |p − t| / (|p| + |t|).

@Test func smapeOfHandComputedTerms() {
    // Terms: |1−1|/2 = 0, |2−1|/3 = 1/3, |0.5−1|/1.5 = 1/3, |0−1|/1 = 1.
    // Mean 5/12, in percent 41.666…
    let value = symmetricMeanAbsolutePercentageError([1, 2, 0.5, 0], target: 1)
    #expect(Swift.abs(value - 500.0 / 12.0) <= 1e-12)
}

@Test func smapeIsSymmetricInPredictionAndTarget() {
    // |3 − 4| / 7 either way: 100/7 %.
    let forward = symmetricMeanAbsolutePercentageError([3], target: 4)
    let swapped = symmetricMeanAbsolutePercentageError([4], target: 3)
    #expect(Swift.abs(forward - 100.0 / 7.0) <= 1e-12)
    #expect(forward == swapped)
}

@Test func smapeHasNoFactorTwoAndStaysWithin0And100() {
    // The opposite sign and 0 each give the largest term, 1 (100 %), not 2.
    #expect(symmetricMeanAbsolutePercentageError([-1], target: 1) == 100)
    #expect(symmetricMeanAbsolutePercentageError([0], target: 2.5) == 100)
    #expect(symmetricMeanAbsolutePercentageError([1e300], target: 1e-300) == 100)
    #expect(symmetricMeanAbsolutePercentageError([7, 7, 7], target: 7) == 0)
}

@Test func smapeEdgeCases() {
    #expect(symmetricMeanAbsolutePercentageError([0, 0], target: 0) == 0)
    #expect(symmetricMeanAbsolutePercentageError([Double](), target: 1).isNaN)
    #expect(symmetricMeanAbsolutePercentageError([1, .nan], target: 1).isNaN)
    #expect(symmetricMeanAbsolutePercentageError([.infinity], target: 1) == 100)
    #expect(symmetricMeanAbsolutePercentageError([.infinity], target: .infinity) == 0)
    // One exact, one infinite: (0 + 1) / 2 = 50 %.
    #expect(symmetricMeanAbsolutePercentageError([1, .infinity], target: 1) == 50)
}
