import Foundation
import Synchronization
import Testing
@testable import VI3NR

// Reference values, computed with mpmath 1.3 (30 digits) by integrating
// against the standard normal density, z ~ N(0, 1):
//   M_f = E[tanh(z)²]  = 0.394294490397841174416459772444
//   M_d = E[sech(z)⁴]  = 0.464402902448268241972021461116
//   gain² = 1 / M_f    = 2.53617543321745375422972448164 (MATH.md: 2.5361754332174)
//   gain² · M_d        = 1.17780723230417962329609673909 (backward factor per layer)
let tanhGainSquared = 2.53617543321745375
let tanhBackwardFactor = 1.17780723230417962

/// Runs the check with tanh.
func runTanh(
    gain: Double, layers: Int = 20, width: Int = 256, batch: Int = 1000, seed: UInt64 = 1
) throws -> DeepNetworkResult {
    try DeepNetworkCheck.run(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
        configuration: DeepNetworkConfiguration(
            layerCount: layers, width: width, batchSize: batch,
            weightScale: .gain(gain), seed: seed))
}

/// tanh at its variance-preserving gain, 20 layers of 256 units, 1000
/// samples: run once, shared by the tests that read it.
let tanhAtItsGain = Result { try runTanh(gain: tanhGainSquared.squareRoot()) }

@Test func tanhAtItsGainKeepsTheForwardVariance() throws {
    // Each sample's variance over 256 units scatters by about √(2/255) ≈ 9 %
    // around σ_p², so the SMAPE of an exact gain is about 0.8 · 9 % / 2 ≈ 3.5 %.
    let result = try tanhAtItsGain.get()
    #expect(result.forwardSMAPE < 6, "forward SMAPE \(result.forwardSMAPE)")
    #expect(Swift.abs(result.forwardLayers[20].meanVariance - 1) < 0.05)
}

@Test func tanhWithAWrongGainLosesTheForwardVariance() throws {
    let unitGain = try runTanh(gain: 1, width: 128, batch: 300)
    #expect(unitGain.forwardSMAPE > 50, "gain 1: \(unitGain.forwardSMAPE)")

    let halfGain = try runTanh(gain: 0.5 * tanhGainSquared.squareRoot(), width: 128, batch: 300)
    #expect(halfGain.forwardSMAPE > 90, "half gain: \(halfGain.forwardSMAPE)")
}

@Test func tanhGradientGrowsByTheBackwardFactorPerLayer() throws {
    // At the forward gain every layer sees z ≈ N(0, 1), so each layer
    // multiplies the gradient variance by gain² · E[tanh'(z)²]; over 20
    // layers 1.1778^20 ≈ 26.4. cond(1) ≠ 1 for tanh: the backward SMAPE is
    // large, as expected.
    let result = try tanhAtItsGain.get()
    let expected = Foundation.pow(tanhBackwardFactor, 20)
    let measured = result.backwardLayers[0].meanVariance
    #expect(Swift.abs(Foundation.log(measured / expected)) < 0.1, "\(measured) vs \(expected)")
    #expect(result.backwardSMAPE > 80)
    #expect(result.backwardLayers[20].layer == 20)
    #expect(Swift.abs(result.backwardLayers[20].meanVariance - 1) < 0.02)
}

@Test func oneTanhLayerMatchesTheGaussianMoments() throws {
    // One layer, wide and with many samples: the mean variance after the
    // layer is gain² · M_f = 1 and the input gradient's is gain² · M_d.
    // Sampling error: about √(2/n)/√B from the samples and 0.9/n from the
    // weights, under 0.2 % here.
    let result = try runTanh(gain: tanhGainSquared.squareRoot(), layers: 1, width: 1000,
                             batch: 2000)
    #expect(Swift.abs(result.forwardLayers[1].meanVariance - 1) < 0.01)
    #expect(Swift.abs(result.backwardLayers[0].meanVariance / tanhBackwardFactor - 1) < 0.01)
    #expect(Swift.abs(result.forwardLayers[0].meanVariance - 1) < 0.01)
}

/// Runs the check with relu.
func runRelu(
    gain: Double, preactivationStd: Double = 1, seed: UInt64 = 1
) throws -> DeepNetworkResult {
    try DeepNetworkCheck.run(
        function: TestActivation.relu, derivative: TestActivation.reluDerivative,
        configuration: DeepNetworkConfiguration(
            layerCount: 10, width: 512, batchSize: 500,
            preactivationStd: preactivationStd, weightScale: .gain(gain), seed: seed))
}

@Test func reluAtGainRootTwoKeepsBothVariances() throws {
    // relu has cond ≡ 1, so gain √2 keeps both directions; at finite width
    // the log-variance still wanders by about √(5L/n) ≈ 0.3 here, which
    // puts the SMAPE near 10–20 %, against nearly 100 % for a wrong gain.
    let result = try runRelu(gain: 2.0.squareRoot())
    #expect(result.forwardSMAPE < 30, "forward \(result.forwardSMAPE)")
    #expect(result.backwardSMAPE < 30, "backward \(result.backwardSMAPE)")

    let wrong = try runRelu(gain: 1)
    #expect(wrong.forwardSMAPE > 90, "gain 1 forward \(wrong.forwardSMAPE)")
    #expect(wrong.backwardSMAPE > 90, "gain 1 backward \(wrong.backwardSMAPE)")
}

@Test func forwardTargetIsSigmaPSquared() throws {
    // relu is homogeneous: with σ_p = 3 the same gain keeps variance 9.
    let result = try runRelu(gain: 2.0.squareRoot(), preactivationStd: 3)
    #expect(Swift.abs(result.forwardLayers[0].meanVariance / 9 - 1) < 0.01)
    #expect(result.forwardSMAPE < 30, "forward \(result.forwardSMAPE)")
    #expect(result.configuration.preactivationStd == 3)
}

@Test func layersAreNumberedFromInputToOutput() throws {
    let result = try runTanh(gain: 1.5, layers: 4, width: 16, batch: 8)
    #expect(result.forwardLayers.map(\.layer) == [0, 1, 2, 3, 4])
    #expect(result.backwardLayers.map(\.layer) == [0, 1, 2, 3, 4])
    #expect(result.forwardSMAPE == result.forwardLayers[4].smape)
    #expect(result.backwardSMAPE == result.backwardLayers[0].smape)
    #expect(result.forwardLayers.allSatisfy { $0.varianceSpread != nil })
}

@Test func singleSampleBatchHasNoSpread() throws {
    let result = try runTanh(gain: 1.5, layers: 2, width: 16, batch: 1)
    #expect(result.forwardLayers.allSatisfy { $0.varianceSpread == nil })
}

@Test func weightScaleBoundsWorkedByHand() {
    // gain √2 at n = 6: a = √2 · √(3/6) = 1.
    #expect(Swift.abs(DeepNetworkWeightScale.gain(2.0.squareRoot()).uniformBound(width: 6) - 1)
            < 1e-15)
    // torch's default bound 1/√n is the gain √(1/3) for every n.
    let torchDefault = DeepNetworkWeightScale.bound(1 / 100.0.squareRoot())
    #expect(Swift.abs(torchDefault.equivalentGain(width: 100) - (1.0 / 3).squareRoot()) < 1e-15)
    #expect(DeepNetworkWeightScale.bound(0.25).uniformBound(width: 7) == 0.25)
}

@Test func boundGivesTheSameNetworkAsTheEquivalentGain() throws {
    // a = 0.75 at n = 48 is the gain 0.75 · √16 = 3: the same weights.
    let byGain = try DeepNetworkCheck.run(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
        configuration: .init(layerCount: 3, width: 48, batchSize: 20, weightScale: .gain(3)))
    let byBound = try DeepNetworkCheck.run(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
        configuration: .init(layerCount: 3, width: 48, batchSize: 20, weightScale: .bound(0.75)))
    #expect(byGain.forwardLayers == byBound.forwardLayers)
    #expect(byGain.backwardLayers == byBound.backwardLayers)
    #expect(byBound.weightBound == 0.75)
}

@Test func progressReportsEveryLayerOfBothPasses() throws {
    let events = Mutex<[String]>([])
    _ = try DeepNetworkCheck.run(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
        configuration: .init(layerCount: 3, width: 8, batchSize: 4, weightScale: .gain(1.5)),
        progress: { layer, total, phase in
            events.withLock { $0.append("\(phase.rawValue) \(layer)/\(total)") }
        })
    let expected = ["forward 1/3", "forward 2/3", "forward 3/3",
                    "backward 1/3", "backward 2/3", "backward 3/3"]
    #expect(events.withLock { $0 } == expected)
}

@Test func blasCoreIsNamed() {
    #expect(!DeepNetworkCheck.blasCoreName.isEmpty)
    #expect(DeepNetworkOpenBLASLibrary.isResolved)
}
