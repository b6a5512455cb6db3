import Foundation
import Testing
@testable import VI3NR

@Test func rowVariancesMatchTheTextbookFormula() {
    // 3 rows of 13 values (an 8-lane block and a tail of 5), with a large
    // mean against the spread: two passes lose nothing to cancellation.
    let columns = 13
    var matrix: [Float] = (0 ..< 3 * columns).map { index in
        Float(1000 + (index * 37 % 11)) + Float(index % 3) * 0.25
    }
    var variances = [Double](repeating: .nan, count: 3)
    matrix.withUnsafeMutableBufferPointer { values in
        variances.withUnsafeMutableBufferPointer { output in
            DeepNetworkRowStatistics.rowVariances(
                of: values, rows: 3, columns: columns, into: output, workers: 2)
        }
    }
    for row in 0 ..< 3 {
        let values = matrix[row * columns ..< (row + 1) * columns].map(Double.init)
        let mean = values.reduce(0, +) / Double(columns)
        let expected = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(columns - 1)
        #expect(Swift.abs(variances[row] - expected) <= 1e-12 * expected, "row \(row)")
    }
}

@Test func rowVarianceOfHandPickedValues() {
    // 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5,
    // divided by n − 1 = 3.
    var values: [Float] = [1, 2, 3, 4]
    let variance = values.withUnsafeMutableBufferPointer {
        DeepNetworkRowStatistics.variance(of: UnsafeBufferPointer($0))
    }
    #expect(variance == 5.0 / 3.0)
}

@Test func meanAndSpreadOfHandPickedVariances() {
    // 1, 3: mean 2, sample standard deviation √2.
    let (mean, spread) = [1.0, 3.0].withUnsafeBufferPointer {
        DeepNetworkRowStatistics.meanAndSpread(of: $0)
    }
    #expect(mean == 2)
    #expect(spread == 2.0.squareRoot())
}

@Test func activationKernelMatchesTheScalarFunctionAcrossChunks() {
    // 2.5 chunks, so that a partial chunk runs too.
    let count = 5 * DeepNetworkActivationKernel.chunkLength / 2
    var values: [Float] = (0 ..< count).map { Float(-6 + 12 * Double($0) / Double(count)) }
    let inputs = values
    var derivatives = [Float](repeating: .nan, count: count)
    let kernel = DeepNetworkActivationKernel(
        function: TestActivation.tanh, derivative: TestActivation.tanhDerivative)
    let scratch = DeepNetworkActivationKernel.makeScratch()
    defer { scratch.deallocate() }

    let nonFinite = values.withUnsafeMutableBufferPointer { valueBuffer in
        derivatives.withUnsafeMutableBufferPointer { derivativeBuffer in
            kernel.apply(to: valueBuffer, derivatives: derivativeBuffer, scratch: scratch)
        }
    }
    #expect(!nonFinite.any)
    for index in 0 ..< count {
        let x = Double(inputs[index])
        #expect(values[index] == Float(Foundation.tanh(x)), "φ at \(x)")
        let sech = 1 / Foundation.cosh(x)
        #expect(Swift.abs(Double(derivatives[index]) - sech * sech) <= 1e-7, "φ' at \(x)")
    }
}

@Test func activationKernelFlagsValuesBeyondFloat() {
    // exp(100) ≈ 2.7e43 is a finite double but not a finite Float.
    var values: [Float] = [0, 100, 1]
    var derivatives = [Float](repeating: 0, count: 3)
    let kernel = DeepNetworkActivationKernel(
        function: TestActivation.scalar { Foundation.exp($0) },
        derivative: TestActivation.scalar { _ in 1 })
    let scratch = DeepNetworkActivationKernel.makeScratch()
    defer { scratch.deallocate() }
    let nonFinite = values.withUnsafeMutableBufferPointer { valueBuffer in
        derivatives.withUnsafeMutableBufferPointer { derivativeBuffer in
            kernel.apply(to: valueBuffer, derivatives: derivativeBuffer, scratch: scratch)
        }
    }
    #expect(nonFinite.function)
    #expect(!nonFinite.derivative)
}

@Test func uniformWeightsFillTheirIntervalWithTheRightVariance() {
    // U(-a, a) has variance a²/3; with 10⁵ draws the sample variance is
    // within 4 standard errors (√(4/5)/√N ≈ 0.3 % relative each) of it.
    let count = 100_000
    let bound: Float = 0.3
    var weights = [Float](repeating: .nan, count: count)
    weights.withUnsafeMutableBufferPointer {
        DeepNetworkRandom.fillUniform($0, bound: bound, seed: 3, stream: .weights(layer: 1),
                                      workers: 2)
    }
    #expect(weights.allSatisfy { Swift.abs($0) <= bound })
    let variance = weights.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(count)
    let expected = Double(bound * bound) / 3
    #expect(Swift.abs(variance / expected - 1) < 4 * (0.8 / Double(count)).squareRoot())
    #expect(weights.min()! < -0.29 && weights.max()! > 0.29)
}

@Test func normalDrawsHaveTheRequestedStandardDeviation() {
    // N(0, 2²): mean within 4 · 2/√N, variance within 4 · √(2/N) relative.
    let count = 100_001
    var draws = [Float](repeating: .nan, count: count)
    draws.withUnsafeMutableBufferPointer {
        DeepNetworkRandom.fillNormal($0, std: 2, seed: 3, stream: .inputs, workers: 2)
    }
    let mean = draws.reduce(0.0) { $0 + Double($1) } / Double(count)
    let variance = draws.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
        / Double(count - 1)
    #expect(Swift.abs(mean) < 4 * 2 / Double(count).squareRoot())
    #expect(Swift.abs(variance / 4 - 1) < 4 * (2 / Double(count)).squareRoot())
}

@Test func slicesCoverTheRangeOnce() {
    for (count, slices) in [(10, 3), (3, 3), (7, 1), (5, 4)] {
        let ranges = (0 ..< slices).map {
            DeepNetworkParallel.sliceBounds($0, of: slices, count: count)
        }
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(ranges.allSatisfy { !$0.isEmpty })
    }
}
