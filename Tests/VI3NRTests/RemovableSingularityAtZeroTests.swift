import ActivationExpr
import Foundation
import Testing
@testable import VI3NR

@Suite("Removable singularities at 0")
struct RemovableSingularityAtZeroTests {
    /// Limits known in closed form: sin(x)/x → 1, its derivative → 0,
    /// (1 − cos x)/x² → 1/2, (eˣ − 1)/x → 1, x·log|x| → 0.
    @Test(arguments: [
        ("sin(x)/x", 1.0), ("(1 - cos(x))/x^2", 0.5), ("(exp(x) - 1)/x", 1.0),
        ("x*log(abs(x))", 0.0),
    ])
    func limitsOfFunctions(source: String, expected: Double) throws {
        let activation = try Activation.parse(source)
        #expect(activation.function(0).isNaN)
        let limit = try #require(RemovableSingularityAtZero.limit(of: activation.function))
        #expect(abs(limit - expected) <= 1e-6, "\(source): \(limit)")
    }

    @Test func derivativeOfSinOverX() throws {
        let activation = try Activation.parse("sin(x)/x")
        let limit = try #require(RemovableSingularityAtZero.limit(of: activation.derivative))
        #expect(abs(limit) <= 1e-6)
    }

    /// Poles, jumps and logarithms have no limit; finite values need none.
    @Test(arguments: ["1/x", "1/x^2", "x/abs(x)", "log(abs(x))", "sin(1/x)", "tanh(x)"])
    func noLimit(source: String) throws {
        let activation = try Activation.parse(source)
        #expect(RemovableSingularityAtZero.limit(of: activation.function) == nil, "\(source)")
    }

    /// The deep-network kernel puts the limits where a preactivation is
    /// exactly 0, and leaves every other value as the block evaluator gave.
    @Test func kernelReplacesExactZeros() throws {
        let activation = try Activation.parse("sin(x)/x")
        let kernel = DeepNetworkActivationKernel(
            function: activation.function, derivative: activation.derivative)
        var values: [Float] = [0.5, 0, -2, 0, 3]
        let inputs = values
        var derivatives = [Float](repeating: .nan, count: values.count)
        let scratch = DeepNetworkActivationKernel.makeScratch()
        defer { scratch.deallocate() }

        let outputs = values.withUnsafeMutableBufferPointer { valueBuffer in
            derivatives.withUnsafeMutableBufferPointer { derivativeBuffer in
                kernel.apply(to: valueBuffer, derivatives: derivativeBuffer, scratch: scratch)
            }
        }

        #expect(!outputs.any)
        for (index, input) in inputs.enumerated() {
            let z = Double(input)
            let value = z == 0 ? 1 : Foundation.sin(z) / z
            let slope = z == 0 ? 0 : (Foundation.cos(z) * z - Foundation.sin(z)) / (z * z)
            #expect(abs(Double(values[index]) - value) <= 1e-6, "φ at \(z)")
            #expect(abs(Double(derivatives[index]) - slope) <= 1e-6, "φ' at \(z)")
        }
    }

    /// Without a limit the NaN stays and is reported.
    @Test func kernelReportsPoles() throws {
        let activation = try Activation.parse("x/abs(x)")
        let kernel = DeepNetworkActivationKernel(
            function: activation.function, derivative: activation.derivative)
        var values: [Float] = [1, 0]
        var derivatives: [Float] = [0, 0]
        let scratch = DeepNetworkActivationKernel.makeScratch()
        defer { scratch.deallocate() }

        let outputs = values.withUnsafeMutableBufferPointer { valueBuffer in
            derivatives.withUnsafeMutableBufferPointer { derivativeBuffer in
                kernel.apply(to: valueBuffer, derivatives: derivativeBuffer, scratch: scratch)
            }
        }

        #expect(outputs.function)
    }
}
