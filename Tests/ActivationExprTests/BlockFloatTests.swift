import Testing
@testable import ActivationExpr

private let x = Expression.variable

/// The `Float` kernel rounds the `Double` kernel's value once.
@Test(arguments: [
    Expression.call(.tanh, [x]),
    .call(.sin, [.binary(.multiply, .number(30), x)]),
    .call(.relu, [x]),
    .binary(.divide, .call(.sin, [x]), x),
])
func floatKernelRoundsTheDoubleKernel(expression: Expression) throws {
    let compiled = try CompiledFunction(compiling: expression)
    let floats: [Float] = randomPoints(count: 2 * BlockProgram.chunkLength + 7, range: 4, seed: 9)
        .map { Float($0) } + [0, -0.0, .infinity, -.infinity, .nan]
    let doubles = CompilerCheck.blockValues(compiled, at: floats.map { Double($0) })
    var output = [Float](repeating: .nan, count: floats.count)
    floats.withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { compiled.evaluateFloatBlock(input, $0) }
    }
    for (value, reference) in zip(output, doubles) {
        let expected = Float(reference)
        #expect(value == expected || (value.isNaN && expected.isNaN), "\(value) vs \(expected)")
    }
}

/// A function built from closures alone gets its `Float` kernel through
/// the `Double` one.
@Test func floatKernelThroughADoubleBlockEvaluator() {
    let doubling = CompiledFunction(
        scalar: { 2 * $0 },
        block: { input, output in
            for index in input.indices { output[index] = 2 * input[index] }
        })
    let input: [Float] = (0..<2_500).map { Float($0) * 0.5 }
    var output = [Float](repeating: 0, count: input.count)
    input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { doubling.evaluateFloatBlock(source, $0) }
    }
    #expect(output == input.map { 2 * $0 })
}
