import ActivationExpr
import CVectorMath
import Foundation

/// Compiled functions written by hand, standing in for parsed expressions:
/// each has a scalar closure and a block evaluator that computes the same
/// values (through SLEEF where the expression compiler would use it).
enum HandWritten {
    /// A function whose block form applies the scalar one element-wise.
    static func elementwise(_ body: @escaping @Sendable (Double) -> Double) -> CompiledFunction {
        CompiledFunction(scalar: body) { input, output in
            for index in 0..<input.count { output[index] = body(input[index]) }
        }
    }

    /// `sin(a·x)`, block form through `vm_sin`.
    static func sine(_ frequency: Double) -> CompiledFunction {
        CompiledFunction(scalar: { sin(frequency * $0) }) { input, output in
            for index in 0..<input.count { output[index] = frequency * input[index] }
            vm_sin(output.baseAddress, output.baseAddress, output.count)
        }
    }

    /// `a·cos(a·x)`, the derivative of `sin(a·x)`.
    static func sineDerivative(_ frequency: Double) -> CompiledFunction {
        CompiledFunction(scalar: { frequency * cos(frequency * $0) }) { input, output in
            for index in 0..<input.count { output[index] = frequency * input[index] }
            vm_cos(output.baseAddress, output.baseAddress, output.count)
            for index in 0..<output.count { output[index] *= frequency }
        }
    }

    /// The Gaussian bump `exp(−x²/(2c²))`, block form through `vm_exp`.
    static func bump(width: Double) -> CompiledFunction {
        let factor = -1 / (2 * width * width)
        return CompiledFunction(scalar: { exp(factor * $0 * $0) }) { input, output in
            for index in 0..<input.count { output[index] = factor * input[index] * input[index] }
            vm_exp(output.baseAddress, output.baseAddress, output.count)
        }
    }

    /// `−x/c² · exp(−x²/(2c²))`, the derivative of the bump.
    static func bumpDerivative(width: Double) -> CompiledFunction {
        let factor = -1 / (2 * width * width)
        let slope = -1 / (width * width)
        return CompiledFunction(scalar: { slope * $0 * exp(factor * $0 * $0) }) { input, output in
            // Input and output may be the same buffer: keep x aside.
            let x = Array(input)
            for index in 0..<x.count { output[index] = factor * x[index] * x[index] }
            vm_exp(output.baseAddress, output.baseAddress, output.count)
            for index in 0..<x.count { output[index] *= slope * x[index] }
        }
    }

    /// `tanh(x)` through `vm_tanh`.
    static let hyperbolicTangent = CompiledFunction(scalar: { tanh($0) }) { input, output in
        vm_tanh(input.baseAddress, output.baseAddress, input.count)
    }

    /// `sin(x)/x` written out: NaN at exactly 0, as a parsed expression is.
    static let sincWrittenOut = CompiledFunction(scalar: { sin($0) / $0 }) { input, output in
        var sine = [Double](repeating: 0, count: input.count)
        vm_sin(input.baseAddress, &sine, input.count)
        for index in 0..<input.count { output[index] = sine[index] / input[index] }
    }

    /// `max(x, 0)`.
    static let relu = elementwise { max($0, 0) }

    /// The step function, the derivative of relu.
    static let step = elementwise { $0 > 0 ? 1 : 0 }

    /// A locator given as a closure.
    static func locator(
        _ kind: BreakpointLocator.Kind, _ description: String,
        _ body: @escaping @Sendable (Double) -> Double
    ) -> BreakpointLocator {
        BreakpointLocator(kind: kind, description: description, locator: elementwise(body))
    }
}
