import Testing
@testable import VI3NR

/// A small tanh run with the given seed and thread count.
func smallRun(seed: UInt64, threads: Int? = nil, batch: Int = 1100) throws -> DeepNetworkResult {
    try DeepNetworkCheck.run(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative,
        configuration: DeepNetworkConfiguration(
            layerCount: 6, width: 64, batchSize: batch,
            weightScale: .gain(1.6), seed: seed, threadCount: threads))
}

@Test func sameSeedGivesTheSameBits() throws {
    let first = try smallRun(seed: 42)
    let second = try smallRun(seed: 42)
    #expect(first == second)
    #expect(first.forwardSMAPE.bitPattern == second.forwardSMAPE.bitPattern)
    #expect(first.backwardSMAPE.bitPattern == second.backwardSMAPE.bitPattern)
}

@Test func differentSeedsGiveDifferentNetworks() throws {
    let first = try smallRun(seed: 1)
    let second = try smallRun(seed: 2)
    #expect(first.forwardSMAPE != second.forwardSMAPE)
    #expect(first.backwardSMAPE != second.backwardSMAPE)
    #expect(first.forwardLayers[0].meanVariance != second.forwardLayers[0].meanVariance)
}

@Test func threadCountDoesNotChangeTheBits() throws {
    // The batch (1100 samples) spans three row blocks, so 1, 2 and 3
    // workers split it differently; blocks are fixed, so the bits are not.
    let single = try smallRun(seed: 7, threads: 1)
    for threads in [2, 3] {
        let parallel = try smallRun(seed: 7, threads: threads)
        #expect(parallel.forwardLayers == single.forwardLayers, "\(threads) threads")
        #expect(parallel.backwardLayers == single.backwardLayers, "\(threads) threads")
    }
}

@Test func randomDrawsDoNotDependOnTheWorkers() {
    let count = 3 * DeepNetworkRandom.chunkLength + 17
    func draw(workers: Int) -> ([Float], [Float]) {
        var uniform = [Float](repeating: .nan, count: count)
        var normal = [Float](repeating: .nan, count: count)
        uniform.withUnsafeMutableBufferPointer {
            DeepNetworkRandom.fillUniform($0, bound: 0.5, seed: 9, stream: .weights(layer: 3),
                                          workers: workers)
        }
        normal.withUnsafeMutableBufferPointer {
            DeepNetworkRandom.fillNormal($0, std: 2, seed: 9, stream: .inputs, workers: workers)
        }
        return (uniform, normal)
    }
    let single = draw(workers: 1)
    let several = draw(workers: 3)
    #expect(single.0 == several.0)
    #expect(single.1 == several.1)
}

@Test func streamsAreDistinct() {
    func weights(layer: Int) -> [Float] {
        var values = [Float](repeating: 0, count: 64)
        values.withUnsafeMutableBufferPointer {
            DeepNetworkRandom.fillUniform($0, bound: 1, seed: 5, stream: .weights(layer: layer),
                                          workers: 1)
        }
        return values
    }
    #expect(weights(layer: 1) != weights(layer: 2))
    #expect(weights(layer: 1) == weights(layer: 1))
}
