import Foundation
import Testing
@testable import GaussianMoments

@Suite("Processors in the affinity mask")
struct AvailableProcessorsTests {
    @Test(arguments: [("3", 2), ("1", 1), ("ffffffff,ffffffff", 64), ("0,80000001", 2),
                      ("f0", 4)])
    func masksAreCounted(mask: String, expected: Int) {
        #expect(AvailableProcessors.processorCount(inMask: mask) == expected)
    }

    @Test(arguments: ["", "xyz", "3,,g"])
    func malformedMasksAreRefused(mask: String) {
        #expect(AvailableProcessors.processorCount(inMask: mask) == nil)
    }

    @Test func theCountIsWithinTheMachine() {
        let count = AvailableProcessors.count
        #expect(count >= 1 && count <= max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
}
