import ActivationExpr
import CVectorMath
import Foundation
import Testing

/// Activations built by hand as `CompiledFunction`s for the deep-network
/// tests, independent of the expression compiler: a scalar libm closure
/// and a block over the SLEEF buffer functions.
enum TestActivation {
    /// `tanh`.
    static let tanh = CompiledFunction(
        scalar: { Foundation.tanh($0) },
        block: { input, output in
            vm_tanh(input.baseAddress, output.baseAddress, input.count)
        })

    /// `1 − tanh²`.
    static let tanhDerivative = CompiledFunction(
        scalar: { 1 - Foundation.tanh($0) * Foundation.tanh($0) },
        block: { input, output in
            vm_tanh(input.baseAddress, output.baseAddress, input.count)
            for index in output.indices { output[index] = 1 - output[index] * output[index] }
        })

    /// `max(x, 0)`.
    static let relu = CompiledFunction(
        scalar: { max($0, 0) },
        block: { input, output in
            for index in input.indices { output[index] = max(input[index], 0) }
        })

    /// `relu'`, 0 at 0 as PyTorch has it.
    static let reluDerivative = CompiledFunction(
        scalar: { $0 > 0 ? 1 : 0 },
        block: { input, output in
            for index in input.indices { output[index] = input[index] > 0 ? 1 : 0 }
        })

    /// `sin(k·x)` and its derivative `k·cos(k·x)`.
    static func sine(frequency: Double) -> (CompiledFunction, CompiledFunction) {
        let function = CompiledFunction(
            scalar: { Foundation.sin(frequency * $0) },
            block: { input, output in
                for index in input.indices { output[index] = frequency * input[index] }
                vm_sin(output.baseAddress, output.baseAddress, output.count)
            })
        let derivative = CompiledFunction(
            scalar: { frequency * Foundation.cos(frequency * $0) },
            block: { input, output in
                for index in input.indices { output[index] = frequency * input[index] }
                vm_cos(output.baseAddress, output.baseAddress, output.count)
                for index in output.indices { output[index] *= frequency }
            })
        return (function, derivative)
    }

    /// A function given by one scalar closure, its block a loop over it.
    static func scalar(_ body: @escaping @Sendable (Double) -> Double) -> CompiledFunction {
        CompiledFunction(
            scalar: body,
            block: { input, output in
                for index in input.indices { output[index] = body(input[index]) }
            })
    }
}

@Test func handBuiltActivationsAgreeWithLibm() {
    let points: [Double] = [-7, -1.5, -0.25, 0, 0.3, 2, 9]
    var output = [Double](repeating: .nan, count: points.count)
    let cases: [(CompiledFunction, (Double) -> Double)] = [
        (TestActivation.tanh, { Foundation.tanh($0) }),
        (TestActivation.tanhDerivative, { 1 / (Foundation.cosh($0) * Foundation.cosh($0)) }),
        (TestActivation.relu, { $0 > 0 ? $0 : 0 }),
        (TestActivation.reluDerivative, { $0 > 0 ? 1 : 0 }),
    ]
    for (function, reference) in cases {
        points.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { function.evaluateBlock(input, $0) }
        }
        for (point, value) in zip(points, output) {
            #expect(Swift.abs(value - reference(point)) <= 1e-14, "at \(point)")
            #expect(Swift.abs(function(point) - reference(point)) <= 1e-14, "at \(point)")
        }
    }
}

/// An activation and its derivative.
struct CompiledFunctionPair {
    let function: CompiledFunction
    let derivative: CompiledFunction
}
