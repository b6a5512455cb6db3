import Testing
@testable import ActivationExpr

private let x = Expression.variable

/// Both kernels at `points`: the scalar closure and the block kernel, the
/// latter over the whole buffer.
private func bothKernels(_ expression: Expression, at points: [Double]) throws
    -> (scalar: [Double], block: [Double])
{
    let compiled = try CompiledFunction(compiling: expression)
    return (points.map(compiled.evaluate), CompilerCheck.blockValues(compiled, at: points))
}

@Test func conditionalDoesNotLetNaNFromTheBranchNotTakenThrough() throws {
    // log(x) is NaN for x < 0 and -inf at 0; the conditional never takes it there.
    let guarded = Expression.conditional(
        .comparison(.greater, x, .number(0)), .call(.log, [x]), .number(7))
    let (scalar, block) = try bothKernels(guarded, at: [-1, -0.0, 0, -1e300, .infinity * -1])
    #expect(scalar == [7, 7, 7, 7, 7])
    #expect(block == [7, 7, 7, 7, 7])
}

@Test func conditionalDoesNotLetInfinityFromTheBranchNotTakenThrough() throws {
    // 1/x is infinite at 0 and exp(x) overflows past 709.8; a blend
    // mask*a + (1-mask)*b would give NaN (inf*0) there.
    let guarded = Expression.conditional(
        .comparison(.equal, x, .number(0)),
        .number(1),
        .binary(.divide, .call(.sin, [x]), x))
    let overflow = Expression.conditional(
        .comparison(.less, x, .number(700)), .call(.exp, [.negate(x)]), .number(0))
    let (scalar, block) = try bothKernels(guarded, at: [0, -0.0])
    #expect(scalar == [1, 1])
    #expect(block == [1, 1])
    let (overflowScalar, overflowBlock) = try bothKernels(overflow, at: [-800, 800, 1e308])
    #expect(overflowScalar[1] == 0 && overflowScalar[2] == 0)
    #expect(overflowBlock[1] == 0 && overflowBlock[2] == 0)
    #expect(overflowScalar[0] == .infinity && overflowBlock[0] == .infinity)
}

@Test func conditionalWithNaNConditionIsNaN() throws {
    // The language's rule: a NaN cannot pick a branch.
    let comparisonCondition = Expression.conditional(
        .comparison(.greater, x, .number(0)), .number(1), .number(2))
    let valueCondition = Expression.conditional(x, .number(1), .number(2))
    for expression in [comparisonCondition, valueCondition] {
        let (scalar, block) = try bothKernels(expression, at: [.nan, 0, 3])
        #expect(scalar[0].isNaN && block[0].isNaN)
        #expect(scalar[1] == (expression == valueCondition ? 2 : 2) && block[1] == scalar[1])
        #expect(scalar[2] == 1 && block[2] == 1)
    }
}

@Test func comparisonWithNaNIsNaNNotFalse() throws {
    let comparison = Expression.comparison(.notEqual, x, .number(1))
    let (scalar, block) = try bothKernels(comparison, at: [.nan, 1, 2])
    #expect(scalar[0].isNaN && block[0].isNaN)
    #expect(scalar[1] == 0 && block[1] == 0)
    #expect(scalar[2] == 1 && block[2] == 1)
}

@Test func piecewiseBuiltinsStayFiniteFarOut() throws {
    // The safe forms must not overflow where a textbook formula would:
    // sigmoid(±1000), softplus(±1000), gelu(-40), silu(-1000), elu(1000).
    let cases: [(BuiltinFunction, Double, Double)] = [
        (.sigmoid, 1000, 1), (.sigmoid, -1000, 0), (.softplus, 1000, 1000),
        (.softplus, -1000, 0), (.silu, -1000, -0.0), (.silu, 1000, 1000),
        (.relu, -1e308, 0), (.step, 1e-300, 1),
    ]
    for (function, point, expected) in cases {
        let (scalar, block) = try bothKernels(.call(function, [x]), at: [point])
        #expect(scalar[0] == expected, "\(function)(\(point)) = \(scalar[0])")
        #expect(block[0] == expected, "\(function)(\(point)) block = \(block[0])")
    }
    let (scalar, block) = try bothKernels(.call(.gelu, [x]), at: [-40])
    #expect(scalar[0].isFinite && scalar[0] <= 0 && block[0].isFinite && block[0] <= 0)
}

@Test func smallIntegerPowersKeepPowsSpecialValues() throws {
    // pow's IEEE special cases, which the products must reproduce:
    // signs of zeros, infinities, and x^0 = 1 even for NaN.
    let cases: [(Double, Double, Double)] = [
        (-0.0, 3, -0.0), (-0.0, 2, 0), (-0.0, -1, -.infinity), (0, -2, .infinity),
        (-.infinity, 3, -.infinity), (-.infinity, -1, -0.0), (.infinity, -2, 0),
        (.nan, 0, 1), (-2, 3, -8), (-2, -2, 0.25),
    ]
    for (base, exponent, expected) in cases {
        let expression = Expression.binary(.power, x, .number(exponent))
        let (scalar, block) = try bothKernels(expression, at: [base])
        #expect(CompilerCheck.isSameValue(scalar[0], expected), "\(base)^\(exponent)")
        #expect(CompilerCheck.isSameValue(block[0], expected), "\(base)^\(exponent) block")
    }
}
