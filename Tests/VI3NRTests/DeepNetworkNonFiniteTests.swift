import Foundation
import Testing
@testable import VI3NR

/// The error a small run throws, or `nil`.
func runError(
    function: CompiledFunctionPair, gain: Double, layers: Int = 10
) -> DeepNetworkError? {
    do {
        _ = try DeepNetworkCheck.run(
            function: function.function, derivative: function.derivative,
            configuration: .init(layerCount: layers, width: 32, batchSize: 16,
                                 weightScale: .gain(gain)))
        return nil
    } catch {
        return error
    }
}

@Test func activationGivingNaNIsReportedAtItsLayer() {
    // log of a negative number is NaN on the Gaussian inputs (layer 0).
    let logarithm = CompiledFunctionPair(
        function: TestActivation.scalar { Foundation.log($0) },
        derivative: TestActivation.scalar { 1 / $0 })
    #expect(runError(function: logarithm, gain: 1)
            == .nonFiniteActivation(layer: 0, isDerivative: false))
}

@Test func derivativeGivingInfinityIsReported() {
    // φ = x, φ' = 1/0 everywhere.
    let broken = CompiledFunctionPair(
        function: TestActivation.scalar { $0 },
        derivative: TestActivation.scalar { _ in .infinity })
    #expect(runError(function: broken, gain: 1)
            == .nonFiniteActivation(layer: 0, isDerivative: true))
}

@Test func forwardOverflowIsReportedWithItsLayer() {
    // The identity with gain 10⁴ multiplies the variance by 10⁸ per layer:
    // the std passes Float's 3.4e38 after about 38/4 ≈ 10 layers.
    let identity = CompiledFunctionPair(
        function: TestActivation.scalar { $0 }, derivative: TestActivation.scalar { _ in 1 })
    let error = runError(function: identity, gain: 1e4, layers: 20)
    guard case .nonFiniteValues(let layer, let phase)? = error else {
        Issue.record("expected nonFiniteValues, got \(String(describing: error))")
        return
    }
    #expect(phase == .forward)
    #expect((8 ... 11).contains(layer), "layer \(layer)")
}

@Test func backwardOverflowIsReportedWithItsLayer() {
    // sin(10⁶ x) stays bounded forward, but its derivative 10⁶ cos(10⁶ x)
    // multiplies the gradient variance by about 10¹² · gain² / 2 per layer:
    // from 1 at the top (layer 10), Float overflows (std 3.4e38) a little
    // after 76/11.7 ≈ 6.5 layers down, at layer 3 or 4.
    let fast = TestActivation.sine(frequency: 1e6)
    let error = runError(function: CompiledFunctionPair(function: fast.0, derivative: fast.1),
                         gain: 1)
    guard case .nonFiniteValues(let layer, let phase)? = error else {
        Issue.record("expected nonFiniteValues, got \(String(describing: error))")
        return
    }
    #expect(phase == .backward)
    #expect((2 ... 4).contains(layer), "layer \(layer)")
}
