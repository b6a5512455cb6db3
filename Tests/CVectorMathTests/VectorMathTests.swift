import CVectorMath
import CVectorMathAVX2
import CVectorMathAVX512
import Foundation
import Testing

/// The distance between two doubles in units in the last place of the
/// expected value (0 when both are the same NaN or infinity).
func ulpDistance(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected || (actual.isNaN && expected.isNaN) { return 0 }
    if !actual.isFinite || !expected.isFinite { return .infinity }
    return Swift.abs(actual - expected) / expected.ulp
}

/// Points spread over the ranges activations see, including values that
/// are not a multiple of 4 long so that the tail path runs too.
let samplePoints: [Double] = (0..<1003).map { index in
    let t = Double(index) / 1002.0
    return -40 + 80 * t * t * t.squareRoot() - 0.37 * Double(index % 7)
}

typealias BufferFunction = (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void

typealias UnaryCase = (String, BufferFunction, (Double) -> Double, ClosedRange<Double>)

/// The same functions' kernels for one instruction set, called directly so
/// that the AVX2 kernels are tested on a CPU whose dispatcher picks AVX-512.
func kernels(lanes: Int) -> [String: BufferFunction] {
    if lanes == 8 {
        return ["sin": vm_sin_avx512, "cos": vm_cos_avx512, "tan": vm_tan_avx512,
                "exp": vm_exp_avx512, "expm1": vm_expm1_avx512, "log": vm_log_avx512,
                "log1p": vm_log1p_avx512, "sqrt": vm_sqrt_avx512, "tanh": vm_tanh_avx512,
                "sinh": vm_sinh_avx512, "cosh": vm_cosh_avx512, "atan": vm_atan_avx512,
                "erf": vm_erf_avx512, "erfc": vm_erfc_avx512]
    }
    return ["sin": vm_sin_avx2, "cos": vm_cos_avx2, "tan": vm_tan_avx2,
            "exp": vm_exp_avx2, "expm1": vm_expm1_avx2, "log": vm_log_avx2,
            "log1p": vm_log1p_avx2, "sqrt": vm_sqrt_avx2, "tanh": vm_tanh_avx2,
            "sinh": vm_sinh_avx2, "cosh": vm_cosh_avx2, "atan": vm_atan_avx2,
            "erf": vm_erf_avx2, "erfc": vm_erfc_avx2]
}

/// The instruction sets this CPU can run, as vector widths.
func availableLaneCounts() -> [Int] {
    vm_vector_lanes() == 8 ? [4, 8] : (vm_vector_lanes() == 4 ? [4] : [])
}

/// Each vector function with its libm counterpart and the range to test.
func unaryCases() -> [UnaryCase] { [
    ("sin", vm_sin, Foundation.sin, -40...40),
    ("cos", vm_cos, Foundation.cos, -40...40),
    ("tan", vm_tan, Foundation.tan, -1.5...1.5),
    ("exp", vm_exp, Foundation.exp, -40...40),
    ("expm1", vm_expm1, Foundation.expm1, -40...40),
    ("log", vm_log, Foundation.log, 1e-300...40),
    ("log1p", vm_log1p, Foundation.log1p, -0.99...40),
    ("sqrt", vm_sqrt, Foundation.sqrt, 0...40),
    ("tanh", vm_tanh, Foundation.tanh, -40...40),
    ("sinh", vm_sinh, Foundation.sinh, -40...40),
    ("cosh", vm_cosh, Foundation.cosh, -40...40),
    ("atan", vm_atan, Foundation.atan, -40...40),
    ("erf", vm_erf, Foundation.erf, -40...40),
    ("erfc", vm_erfc, Foundation.erfc, -5...20),
] }

@Test(arguments: unaryCases().map { $0.0 })
func unaryFunctionMatchesLibmWithinTwoUlp(name: String) throws {
    let (_, dispatched, scalarFunction, range) = try #require(
        unaryCases().first { $0.0 == name })
    let width = range.upperBound - range.lowerBound
    let inputs = samplePoints.map { range.lowerBound + ($0 + 40) / 80 * width }
    let vectorFunctions = [dispatched] + availableLaneCounts().compactMap { kernels(lanes: $0)[name] }

    for vectorFunction in vectorFunctions {
        var outputs = [Double](repeating: .nan, count: inputs.count)
        vectorFunction(inputs, &outputs, inputs.count)
        for (input, output) in zip(inputs, outputs) {
            let expected = scalarFunction(input)
            #expect(ulpDistance(output, expected) <= 2, "\(name)(\(input)) = \(output), libm \(expected)")
        }
    }
}

@Test(arguments: [4, 8])
func boxMullerKernelsOfEveryInstructionSetAgreeWithTheFormula(lanes: Int) {
    guard availableLaneCounts().contains(lanes) else { return }
    let pairs = 37
    let u1 = (0..<pairs).map { 1 - (Double($0) + 0.5) / Double(pairs) }
    let u2 = (0..<pairs).map { (Double($0) * 0.6180339887498949).truncatingRemainder(dividingBy: 1) }
    var deviates = [Double](repeating: .nan, count: 2 * pairs)
    if lanes == 8 {
        vm_box_muller_avx512(u1, u2, &deviates, pairs)
    } else {
        vm_box_muller_avx2(u1, u2, &deviates, pairs)
    }
    for index in 0..<pairs {
        let radius = (-2 * Foundation.log(u1[index])).squareRoot()
        let angle = 2 * Double.pi * u2[index]
        #expect(Swift.abs(deviates[index] - radius * Foundation.cos(angle)) < 1e-13 * Swift.max(1, radius))
        #expect(Swift.abs(deviates[pairs + index] - radius * Foundation.sin(angle)) < 1e-13 * Swift.max(1, radius))
    }
}

@Test func tailElementsMatchTheVectorPath() {
    // The same input at position 0 of a long buffer and in a 3-element
    // tail must give the same bits.
    let value = 0.7390851332151607
    var long = [Double](repeating: 0, count: 8)
    var short = [Double](repeating: 0, count: 3)
    vm_sin([value, 1, 2, 3, 4, 5, 6, 7], &long, 8)
    vm_sin([value, 1, 2], &short, 3)
    #expect(long[0].bitPattern == short[0].bitPattern)
}

@Test func boxMullerGivesStandardNormalDeviates() {
    // Uniforms from a fixed low-discrepancy sequence; the transform's
    // output must have mean 0 and variance 1 to sampling accuracy, and each
    // pair must match the textbook formula.
    let pairs = 50_001
    let u1 = (0..<pairs).map { 1 - (Double($0) + 0.5) / Double(pairs) }
    let u2 = (0..<pairs).map { (Double($0) * 0.6180339887498949).truncatingRemainder(dividingBy: 1) }
    var deviates = [Double](repeating: .nan, count: 2 * pairs)
    vm_box_muller(u1, u2, &deviates, pairs)

    for index in [0, 1, 17, pairs - 1] {
        let radius = (-2 * Foundation.log(u1[index])).squareRoot()
        let angle = 2 * Double.pi * u2[index]
        #expect(Swift.abs(deviates[index] - radius * Foundation.cos(angle)) < 1e-13 * Swift.max(1, radius))
        #expect(Swift.abs(deviates[pairs + index] - radius * Foundation.sin(angle)) < 1e-13 * Swift.max(1, radius))
    }
    let mean = deviates.reduce(0, +) / Double(deviates.count)
    let variance = deviates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(deviates.count - 1)
    #expect(Swift.abs(mean) < 0.01)
    #expect(Swift.abs(variance - 1) < 0.02)
}

@Test func sincosMatchesSeparateCalls() {
    var sine = [Double](repeating: 0, count: samplePoints.count)
    var cosine = sine
    var sineAlone = sine
    vm_sincos(samplePoints, &sine, &cosine, samplePoints.count)
    vm_sin(samplePoints, &sineAlone, samplePoints.count)
    for index in samplePoints.indices {
        #expect(ulpDistance(sine[index], Foundation.sin(samplePoints[index])) <= 2)
        #expect(ulpDistance(cosine[index], Foundation.cos(samplePoints[index])) <= 2)
    }
}

@Test func aVectorPathIsUsedOnThisMachine() {
    // Every machine this project builds and benchmarks on has AVX2 (the
    // measured ones AVX-512 too); if this fails, the libm fallback is in
    // use and the speed figures do not hold.
    #expect(vm_uses_avx2() == 1)
    #expect([4, 8].contains(vm_vector_lanes()))
}
