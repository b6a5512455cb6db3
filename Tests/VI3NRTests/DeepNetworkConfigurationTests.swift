import Foundation
import Testing
@testable import VI3NR

/// The error a configuration throws, or `nil`.
func validationError(_ configuration: DeepNetworkConfiguration) -> DeepNetworkError? {
    do {
        try configuration.validate()
        return nil
    } catch {
        return error
    }
}

func configuration(
    layers: Int = 20, width: Int = 256, batch: Int = 1000, sigmaP: Double = 1,
    scale: DeepNetworkWeightScale = .gain(1), threads: Int? = nil
) -> DeepNetworkConfiguration {
    DeepNetworkConfiguration(
        layerCount: layers, width: width, batchSize: batch, preactivationStd: sigmaP,
        weightScale: scale, threadCount: threads)
}

@Test func defaultsAreSmallAndValid() {
    let defaults = DeepNetworkConfiguration(weightScale: .gain(1))
    #expect(defaults.layerCount == 20)
    #expect(defaults.width == 256)
    #expect(defaults.batchSize == 1000)
    #expect(defaults.preactivationStd == 1)
    #expect(validationError(defaults) == nil)
}

@Test func publishedSizeIsValidAndItsMemoryIsCounted() {
    let published = configuration(layers: 100, width: 1000, batch: 10000)
    #expect(validationError(published) == nil)
    // 4 · (102 · 10⁷ + 10⁶) + 8 · 10⁴ bytes.
    #expect(published.requiredBytes == 4 * (102 * 10_000_000 + 1_000_000) + 80_000)
}

@Test func invalidShapesAreRejected() {
    #expect(validationError(configuration(layers: 0)) == .invalidLayerCount(0))
    #expect(validationError(configuration(layers: -3)) == .invalidLayerCount(-3))
    #expect(validationError(configuration(layers: 100_001, width: 2, batch: 1))
            == .invalidLayerCount(100_001))
    #expect(validationError(configuration(width: 1)) == .invalidWidth(1))
    #expect(validationError(configuration(width: 40_000)) == .invalidWidth(40_000))
    #expect(validationError(configuration(batch: 0)) == .invalidBatchSize(0))
    #expect(validationError(configuration(batch: Int(Int32.max) + 1))
            == .invalidBatchSize(Int(Int32.max) + 1))
    #expect(validationError(configuration(threads: 0)) == .invalidThreadCount(0))
    #expect(validationError(configuration(threads: 5000)) == .invalidThreadCount(5000))
}

@Test func invalidScalesAreRejected() {
    for bad in [0, -1, Double.nan, .infinity, 1e300] {
        let error = validationError(configuration(scale: .gain(bad)))
        #expect(error == .invalidGain(bad) || (bad.isNaN && error != nil), "gain \(bad)")
        let boundError = validationError(configuration(scale: .bound(bad)))
        #expect(boundError == .invalidWeightBound(bad) || (bad.isNaN && boundError != nil),
                "bound \(bad)")
    }
    for bad in [0, -2, Double.nan, -.infinity, .infinity, 1e-60, 1e60] {
        let error = validationError(configuration(sigmaP: bad))
        #expect(error == .invalidPreactivationStd(bad) || (bad.isNaN && error != nil),
                "sigma_p \(bad)")
    }
}

@Test func runsTooLargeForMemoryAreRejected() {
    // 100 000 layers × 10⁴ samples × 10³ units of floats: 4 PB.
    let huge = configuration(layers: 100_000, width: 1000, batch: 10_000)
    guard case .insufficientMemory(let required, let available)? = validationError(huge) else {
        Issue.record("expected insufficientMemory")
        return
    }
    #expect(required > available)
    #expect(available == ProcessInfo.processInfo.physicalMemory)
}

@Test func messagesNameTheValueAndTheLimit() {
    #expect(DeepNetworkError.invalidWidth(1).description
            == "the width must be between 2 and 32768, got 1 (the variance across units"
            + " divides by width − 1, and the width × width weight matrix must fit in memory)")
    #expect(DeepNetworkError.invalidPreactivationStd(-1).description
            == "sigma_p must be a finite number above 0, got -1.0")
    #expect(DeepNetworkError.nonFiniteValues(layer: 7, phase: .backward).description
            .hasPrefix("the gradients of layer 7 became NaN or infinite in the backward pass"))
    #expect(DeepNetworkError.nonFiniteActivation(layer: 0, isDerivative: true).description
            .hasPrefix("the activation's derivative gave NaN or infinity"))
    #expect(DeepNetworkError.insufficientMemory(requiredBytes: 4_080_000_000,
                                                availableBytes: 2_000_000_000).description
            .contains("needs 4.1 GB"))
}

@Test func runRejectsAnInvalidConfigurationBeforeAnyWork() {
    #expect(throws: DeepNetworkError.invalidLayerCount(0)) {
        try DeepNetworkCheck.run(
            function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
            configuration: configuration(layers: 0))
    }
}
