import Testing
@testable import ActivationExpr

private let x = Expression.variable

/// The number of instructions of each kind in a compiled program.
private func census(_ expression: Expression) throws -> (math: Int, power: Int, total: Int) {
    let program = try expression.blockProgram()
    var math = 0
    var power = 0
    for instruction in program.instructions {
        switch instruction {
        case .math: math += 1
        case .power: power += 1
        default: break
        }
    }
    return (math, power, program.instructions.count)
}

@Test func repeatedSubexpressionsAreComputedOnce() throws {
    // sigmoid(x)*(1 - sigmoid(x)), as the derivative writes it: one exp.
    let sigmoid = Expression.call(.sigmoid, [x])
    let derivative = Expression.binary(
        .multiply, sigmoid, .binary(.subtract, .number(1), sigmoid))
    #expect(try census(derivative).math == 1)

    let sum = Expression.binary(.add, .call(.sin, [x]), .call(.sin, [x]))
    #expect(try census(sum).math == 1)
}

@Test func smallIntegerPowersAreMultiplications() throws {
    for exponent in [2.0, 3, 4, -1, -2] {
        let census = try census(.binary(.power, x, .number(exponent)))
        #expect(census.power == 0, "x^\(exponent)")
    }
    #expect(try census(.binary(.power, x, .number(2))).total == 1)
    #expect(try census(.binary(.power, x, .number(0.5))).power == 1)
    #expect(try census(.binary(.power, x, .number(5))).power == 1)
}

@Test func constantsStayScalarsInArithmetic() throws {
    // exp(-x^2/0.005): x*x, a division by the constant with the sign
    // folded into it, exp. No register holds a constant.
    let gaussian = Expression.call(
        .exp, [.binary(.divide, .negate(.binary(.power, x, .number(2))), .number(0.005))])
    let program = try gaussian.blockProgram()
    #expect(program.instructions.count == 3)
    #expect(program.constantRegisters.isEmpty)
    guard case .arithmeticWithConstantRight(.divide, _, let divisor, _) =
        program.instructions[1] else {
        Issue.record("expected a division by a constant, got \(program.instructions[1])")
        return
    }
    #expect(divisor == -0.005)
}

@Test func registersAreReused() throws {
    // A sum of 40 different sines holds two partial results at a time.
    var sum = Expression.call(.sin, [x])
    for index in 1..<40 {
        let term = Expression.call(.sin, [.binary(.multiply, .number(Double(index)), x)])
        sum = .binary(.add, sum, term)
    }
    let program = try sum.blockProgram()
    #expect(program.registerCount <= 6)
}

@Test func expressionWithoutXIsOneConstant() throws {
    let program = try Expression.binary(.add, .call(.sin, [.number(1)]), .number(2)).blockProgram()
    #expect(program.instructions.isEmpty)
    let compiled = try CompiledFunction(compiling: .binary(.multiply, .number(2), .number(3)))
    #expect(CompilerCheck.blockValues(compiled, at: [1, 2, .nan]) == [6, 6, 6])
    #expect(compiled(.nan) == 6)
}

@Test func identityCopiesItsInput() throws {
    let compiled = try CompiledFunction(compiling: x)
    let points: [Double] = [1, -0.0, .infinity, 3]
    let values = CompilerCheck.blockValues(compiled, at: points)
    #expect(zip(values, points).allSatisfy { CompilerCheck.isSameValue($0, $1) })
}

@Test func unboundParameterIsAnError() {
    let expression = Expression.binary(.multiply, .parameter("w0"), x)
    #expect(throws: CompileError.unboundParameter("w0")) {
        try CompiledFunction(compiling: expression)
    }
}
