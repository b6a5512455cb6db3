import Dispatch
import Testing
@testable import ActivationExpr

private let x = Expression.variable

/// `x > 0 ? x*x - 3*x : -x/2 + 1`: selects and arithmetic only, so every
/// element must equal the tree walk exactly.
private let exactPiecewise = Expression.conditional(
    .comparison(.greater, x, .number(0)),
    .binary(.subtract, .binary(.multiply, x, x), .binary(.multiply, .number(3), x)),
    .binary(.add, .binary(.divide, .negate(x), .number(2)), .number(1)))

/// `sin(30*x)*exp(-x^2)`: two SLEEF calls.
private let oscillatingBump = Expression.binary(
    .multiply,
    .call(.sin, [.binary(.multiply, .number(30), x)]),
    .call(.exp, [.negate(.binary(.power, x, .number(2)))]))

/// Buffer lengths around every boundary the kernel has: empty, shorter
/// than a SLEEF vector, one chunk and its neighbours, several chunks.
private let lengths: [Int] = {
    let chunk = BlockProgram.chunkLength
    return [0, 1, 2, 3, 4, 5, 7, chunk - 1, chunk, chunk + 1, 2 * chunk + 3, 100_003]
}()

@Test(arguments: lengths)
func exactKernelMatchesEvaluatorAtEveryLength(length: Int) throws {
    let compiled = try CompiledFunction(compiling: exactPiecewise)
    let points = randomPoints(count: length, range: 10, seed: UInt64(length))
    let values = CompilerCheck.blockValues(compiled, at: points)
    #expect(values.count == length)
    for (x, value) in zip(points, values) {
        #expect(CompilerCheck.isSameValue(value, exactPiecewise.evaluate(at: x)), "at \(x)")
    }
}

/// With SLEEF in the expression, every element must match its value
/// evaluated alone within SLEEF's bound, and the elements before the last
/// partial group of four must not depend on the buffer's length at all.
@Test(arguments: lengths)
func vectorKernelIsIndependentOfBufferLength(length: Int) throws {
    let compiled = try CompiledFunction(compiling: oscillatingBump)
    let longest = randomPoints(count: 100_003, range: 3, seed: 1)
    let full = CompilerCheck.blockValues(compiled, at: longest)
    let points = Array(longest.prefix(length))
    let values = CompilerCheck.blockValues(compiled, at: points)
    // Whole vectors of the widest path (AVX-512: 8 lanes; AVX2 has 4).
    let alignedCount = length / 8 * 8
    for index in 0..<length {
        if index < alignedCount {
            #expect(CompilerCheck.isSameValue(values[index], full[index]), "element \(index)")
        }
        let alone = CompilerCheck.blockValues(compiled, at: [points[index]])[0]
        // Two SLEEF calls, each within 1 ulp by either reduction path, and
        // one product: 4 ulp, or DBL_MIN near underflow.
        #expect(CompilerCheck.isClose(values[index], alone, ulps: 4), "element \(index)")
    }
}

@Test func kernelWorksInPlace() throws {
    let compiled = try CompiledFunction(compiling: oscillatingBump)
    let points = randomPoints(count: 3 * BlockProgram.chunkLength + 5, range: 3, seed: 3)
    let separate = CompilerCheck.blockValues(compiled, at: points)
    var buffer = points
    buffer.withUnsafeMutableBufferPointer { buffer in
        compiled.evaluateBlock(UnsafeBufferPointer(buffer), buffer)
    }
    #expect(zip(buffer, separate).allSatisfy { CompilerCheck.isSameValue($0, $1) })
}

@Test func kernelGivesTheSameResultsFromManyThreadsAtOnce() throws {
    let compiled = try CompiledFunction(compiling: oscillatingBump)
    let points = randomPoints(count: 50_000, range: 3, seed: 4)
    let expected = CompilerCheck.blockValues(compiled, at: points)
    let threads = 16
    let results = ResultSlots(count: threads)
    DispatchQueue.concurrentPerform(iterations: threads) { index in
        var values: [Double] = []
        for _ in 0..<5 { values = CompilerCheck.blockValues(compiled, at: points) }
        results.store(values, at: index)
    }
    for index in 0..<threads {
        let values = results.values(at: index)
        #expect(values.count == expected.count)
        #expect(zip(values, expected).allSatisfy { CompilerCheck.isSameValue($0, $1) })
    }
}

/// Storage the concurrent test's threads write into, each its own slot.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [[Double]]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ values: [Double], at index: Int) {
        lock.wait()
        slots[index] = values
        lock.signal()
    }

    func values(at index: Int) -> [Double] {
        lock.wait()
        defer { lock.signal() }
        return slots[index]
    }
}
