import ActivationExpr

/// The points every compiled function is evaluated at: signed zeros, the
/// smallest numbers, both sides of the built-ins' thresholds, overflow
/// boundaries of `exp`, huge values, infinities and NaN.
enum EvaluationPoints {
    static let scalar: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, 1e-300, 1e-3, -1e-3.nextUp, -0.37, 0.5, 1, -1,
        2.5, -3.7, 30, 709.8, -745.2, 1e10, 1e300, -1e300, .infinity, -.infinity, .nan,
    ]

    /// A buffer longer than two of the compiler's chunks (512 elements),
    /// mixing the points above with a grid, so that chunk edges and the
    /// last partial group of four are exercised.
    static let buffer: [Double] = {
        var points: [Double] = []
        for index in 0..<1_100 {
            if index % 7 == 0 {
                points.append(scalar[(index / 7) % scalar.count])
            } else {
                points.append(-12 + 24 * Double(index) / 1_100)
            }
        }
        return points
    }()
}

/// The promises of the block kernels (see `CompiledFunction(compiling:)`):
///
/// - the scalar closure equals the tree walk bit for bit;
/// - a buffer evaluated in pieces that start at multiples of 8 (the
///   widest vector, AVX-512) gives the same bits as one call, and
///   evaluating in place gives the same bits;
/// - the `Float` kernel's value is the `Double` kernel's value rounded
///   to `Float` once;
/// - a block value differs from the scalar value only as much as the
///   math functions' last-bit differences can make it differ
///   (`RoundingSpread`).
enum BlockChecks {
    static func check(
        _ compiled: CompiledFunction, expression: Expression, what: String, source: String
    ) {
        for x in EvaluationPoints.scalar {
            let expected = expression.evaluate(at: x)
            let actual = compiled.evaluate(x)
            guard isSameValue(actual, expected) else {
                fail("scalar closure of the \(what) \(expression) at x = \(x): \(actual), "
                     + "tree walk \(expected)", source: source)
            }
        }

        let whole = blockValues(compiled, at: EvaluationPoints.buffer)
        checkPieces(compiled, whole: whole, expression: expression, what: what, source: source)
        checkInPlace(compiled, whole: whole, expression: expression, what: what, source: source)
        checkFloat(compiled, expression: expression, what: what, source: source)
        checkAgainstScalar(compiled, expression: expression, what: what, source: source)
    }

    /// Pieces of lengths 8, 512, 16, … starting at multiples of 8.
    static func checkPieces(
        _ compiled: CompiledFunction, whole: [Double],
        expression: Expression, what: String, source: String
    ) {
        let points = EvaluationPoints.buffer
        let lengths = [8, 512, 16, 40, 520, 8]
        var offset = 0
        var pieceIndex = 0
        while offset < points.count {
            let length = Swift.min(lengths[pieceIndex % lengths.count], points.count - offset)
            let piece = blockValues(compiled, at: Array(points[offset..<(offset + length)]))
            for index in 0..<length where !isSameValue(piece[index], whole[offset + index]) {
                fail("block kernel of the \(what) \(expression) at x = \(points[offset + index]): "
                     + "\(piece[index]) in a piece, \(whole[offset + index]) in one call",
                     source: source)
            }
            offset += length
            pieceIndex += 1
        }
    }

    /// The same buffer as input and output.
    static func checkInPlace(
        _ compiled: CompiledFunction, whole: [Double],
        expression: Expression, what: String, source: String
    ) {
        var buffer = EvaluationPoints.buffer
        buffer.withUnsafeMutableBufferPointer { pointer in
            compiled.evaluateBlock(UnsafeBufferPointer(pointer), pointer)
        }
        for index in buffer.indices where !isSameValue(buffer[index], whole[index]) {
            fail("block kernel of the \(what) \(expression) in place at "
                 + "x = \(EvaluationPoints.buffer[index]): \(buffer[index]), "
                 + "not \(whole[index])", source: source)
        }
    }

    /// The `Float` kernel against the `Double` kernel on the same
    /// (widened) points, in the same groups of four.
    static func checkFloat(
        _ compiled: CompiledFunction, expression: Expression, what: String, source: String
    ) {
        let floats = EvaluationPoints.buffer.map { Float($0) }
        let widened = blockValues(compiled, at: floats.map { Double($0) })
        var output = [Float](repeating: .nan, count: floats.count)
        floats.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { compiled.evaluateFloatBlock(input, $0) }
        }
        for index in floats.indices {
            let expected = Float(widened[index])
            guard output[index].bitPattern == expected.bitPattern
                || (output[index].isNaN && expected.isNaN) else {
                fail("Float kernel of the \(what) \(expression) at x = \(floats[index]): "
                     + "\(output[index]), Double kernel rounded \(expected)", source: source)
            }
        }
    }

    /// One point per call (all four lanes alike), against the scalar
    /// value and its rounding spread.
    static func checkAgainstScalar(
        _ compiled: CompiledFunction, expression: Expression, what: String, source: String
    ) {
        for x in EvaluationPoints.scalar {
            let block = blockValues(compiled, at: [x])[0]
            let scalar = compiled.evaluate(x)
            if isSameValue(block, scalar) { continue }
            var spread = RoundingSpread(expression: expression, seed: x.bitPattern)
            guard spread.admits(block, at: x) else {
                fail("block kernel of the \(what) \(expression) at x = \(x): \(block), "
                     + "scalar \(scalar), outside the rounding spread "
                     + "\(spread.describe(at: x))", source: source)
            }
        }
    }

    static func blockValues(_ compiled: CompiledFunction, at points: [Double]) -> [Double] {
        var output = [Double](repeating: .nan, count: points.count)
        points.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { compiled.evaluateBlock(input, $0) }
        }
        return output
    }
}
