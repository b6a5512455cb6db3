import Testing
@testable import ActivationExpr

/// The block kernels against the scalar closures on random trees and
/// whole buffers of unrelated points, beyond the existing corpus tests
/// (which evaluate one point per call against the SLEEF tree walk, on one
/// seed, without parameters):
///
/// - trees whose scalar and block forms perform the same IEEE operations
///   (arithmetic, comparisons, conditionals, the piecewise built-ins)
///   agree bit for bit on every element of a buffer;
/// - smooth trees over every math function, built through `Activation`
///   with parameters, agree within twice the first-order error bound
///   (`FirstOrderErrorBound`), whatever the neighbours in the buffer;
/// - a buffer evaluated in pieces that start at multiples of 8 (the
///   AVX-512 vector; the promise was multiples of 4 until the AVX-512 path
///   came, and this test found it stale), in place, or as `Float`s gives
///   the bits the documentation promises.
@Suite("Properties: block kernel against scalar closure")
struct PropertyBlockKernelTests {
    /// Random points of mixed scales, with edge values scattered between
    /// them so that no group of four is all alike.
    static let buffer: [Double] = {
        var points = randomPoints(count: 1_500, range: 8, seed: 5)
        for (index, edge) in edgePoints.prefix(60).enumerated() {
            points[index * 23 + 1] = edge
        }
        return points
    }()

    @Test("selects, arithmetic and piecewise built-ins: bit for bit on whole buffers",
          arguments: propertySeeds)
    func exactTreesAgreeBitForBit(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed)
        random.functions = exactlyComputedFunctions
        random.allowsPower = false
        random.conditionalWeight = 3

        for _ in 0..<300 {
            let tree = random.expression(depth: 7)
            let compiled = try CompiledFunction(compiling: tree)
            let block = CompilerCheck.blockValues(compiled, at: Self.buffer)
            var mismatches = 0
            for (index, x) in Self.buffer.enumerated()
            where !CompilerCheck.isSameValue(block[index], compiled.evaluate(x)) {
                mismatches += 1
                if mismatches == 1 {
                    let scalar = compiled.evaluate(x)
                    Issue.record("\(tree) at \(x): block \(block[index]), scalar \(scalar)")
                }
            }
        }
    }

    @Test("smooth trees through Activation: within twice the first-order bound",
          arguments: propertySeeds)
    func smoothTreesAgreeWithinTheBound(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed &+ 7)
        random.functions = [
            .sin, .cos, .tan, .exp, .log, .log1p, .sqrt, .tanh, .sinh, .cosh, .atan, .erf,
            .erfc, .sigmoid, .softplus, .gelu, .silu, .sinc,
        ]
        random.parameters = ["a", "w0"]
        random.conditionalWeight = 0
        var compared = 0

        for _ in 0..<250 {
            let tree = random.expression(depth: 5)
            guard !tree.hasComparison else { continue }
            let values = random.values(for: tree.parameterNames)
            guard let activation = try? Activation(
                expression: tree, source: tree.description, parameters: values) else { continue }
            let pairs = [
                (activation.function, activation.expression),
                (activation.derivative, activation.derivativeExpression),
            ]
            for (function, expression) in pairs {
                let folded = try expression.foldingConstants()
                let block = CompilerCheck.blockValues(function, at: Self.buffer)
                for (index, x) in Self.buffer.enumerated() {
                    let scalar = function.evaluate(x)
                    let bound = 2 * FirstOrderErrorBound.scale(of: folded, at: x) * 0x1p-52
                    // NaN or infinite values (and their neighbourhoods) have no
                    // finite bound; a bound as large as the value itself means
                    // no digit is certain, so NaN on one side is admissible.
                    if !bound.isFinite || EvaluationPath.hasSubnormalValue(folded, at: x) {
                        continue
                    }
                    compared += 1
                    let close = CompilerCheck.isSameValue(block[index], scalar)
                        || Swift.abs(block[index] - scalar)
                            <= Swift.max(bound, 8 * Double.leastNormalMagnitude)
                        || (bound >= Swift.abs(scalar) && block[index].isNaN)
                    let block = block[index]
                    #expect(close,
                            "\(folded) at \(x): block \(block), scalar \(scalar) ± \(bound)")
                }
            }
        }
        #expect(compared > 100_000)
    }

    @Test("pieces at multiples of 8, in place, and Float: the promised bits",
          arguments: propertySeeds)
    func piecesInPlaceAndFloat(seed: UInt64) throws {
        var random = PropertyTreeGenerator(seed: seed &+ 13)
        for _ in 0..<150 {
            let tree = random.expression(depth: 6)
            guard let folded = try? tree.foldingConstants() else { continue }
            let compiled = try CompiledFunction(compiling: folded)
            let whole = CompilerCheck.blockValues(compiled, at: Self.buffer)

            var offset = 0
            for length in [8, 520, 16, 512, 104, 360] {
                let end = Swift.min(offset + length, Self.buffer.count)
                let points = Array(Self.buffer[offset..<end])
                let piece = CompilerCheck.blockValues(compiled, at: points)
                for index in offset..<end {
                    #expect(CompilerCheck.isSameValue(piece[index - offset], whole[index]),
                            "\(folded) at \(Self.buffer[index]) in a piece")
                }
                offset = end
            }

            var inPlace = Self.buffer
            inPlace.withUnsafeMutableBufferPointer { compiled.evaluateBlock(.init($0), $0) }
            #expect(zip(inPlace, whole).allSatisfy(CompilerCheck.isSameValue), "\(folded) in place")

            let floats = Self.buffer.map { Float($0) }
            let widened = CompilerCheck.blockValues(compiled, at: floats.map { Double($0) })
            var output = [Float](repeating: .nan, count: floats.count)
            floats.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { compiled.evaluateFloatBlock(input, $0) }
            }
            for index in floats.indices {
                let expected = Float(widened[index])
                #expect(output[index].bitPattern == expected.bitPattern
                        || (output[index].isNaN && expected.isNaN),
                        "\(folded) at \(floats[index]) as Float")
            }
        }
    }
}

extension Expression {
    /// Whether a comparison appears anywhere in the tree (where a last-bit
    /// difference can flip a result, so no error bound applies).
    var hasComparison: Bool {
        var pending = [self]
        while let node = pending.popLast() {
            if case .comparison = node { return true }
            pending.append(contentsOf: node.children)
        }
        return false
    }
}
