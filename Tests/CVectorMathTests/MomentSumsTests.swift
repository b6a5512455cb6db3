import CVectorMath
import CVectorMathAVX2
import CVectorMathAVX512
import Testing

/// The Monte Carlo sums, against a Swift reference with the documented
/// grouping (lane k takes elements k, k + 4, …; lanes added as
/// (l0 + l1) + (l2 + l3); the tail in order) and no fused multiply-add:
/// bit for bit on every level.
@Suite("Moment sums in four lanes")
struct MomentSumsTests {
    /// 1003 values of varied sign and size (a tail of 3).
    static let xs: [Double] = (0..<1003).map { index in
        let t = Double(index) * 0.7548776662466927
        return (t - t.rounded(.down) - 0.5) * Double(1 + index % 13) * 1.37
    }
    static let ys: [Double] = xs.map { $0 * $0 * 0.31 - $0 + 0.05 }

    /// Σ term(i) with the documented grouping.
    static func groupedSum(count: Int, _ term: (Int) -> Double) -> Double {
        var lanes = [0.0, 0.0, 0.0, 0.0]
        var index = 0
        while index + 4 <= count {
            for lane in 0..<4 { lanes[lane] += term(index + lane) }
            index += 4
        }
        var total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        while index < count {
            total += term(index)
            index += 1
        }
        return total
    }

    typealias ValueSums = (UnsafePointer<Double>?, Int, UnsafeMutablePointer<Double>?) -> Void
    typealias ProductSums = (
        UnsafePointer<Double>?, UnsafePointer<Double>?, Int, UnsafePointer<Double>?,
        UnsafeMutablePointer<Double>?
    ) -> Void

    static func kernels(lanes: Int) -> (ValueSums, ProductSums)? {
        if lanes == 8 {
            guard vm_vector_lanes() >= 8 else { return nil }
            return (vm_value_sums_avx512, vm_centred_product_sums_avx512)
        }
        if lanes == 4 {
            guard vm_vector_lanes() >= 4 else { return nil }
            return (vm_value_sums_avx2, vm_centred_product_sums_avx2)
        }
        return (vm_value_sums, vm_centred_product_sums)
    }

    @Test(arguments: [8, 4, 1])
    func valueSums(lanes: Int) {
        guard let (valueSums, _) = Self.kernels(lanes: lanes) else { return }
        let xs = Self.xs
        var totals = [Double](repeating: .nan, count: 3)
        valueSums(xs, xs.count, &totals)

        #expect(totals[0] == Self.groupedSum(count: xs.count) { xs[$0] })
        let squares: (Int) -> Double = { index in
            let product = xs[index] * xs[index]
            return product
        }
        #expect(totals[1] == Self.groupedSum(count: xs.count, squares))
        #expect(totals[2] == 0)

        var withNaN = xs
        withNaN[500] = .nan
        valueSums(withNaN, withNaN.count, &totals)
        #expect(totals[2].isNaN)
    }

    @Test(arguments: [8, 4, 1])
    func centredProductSums(lanes: Int) {
        guard let (_, productSums) = Self.kernels(lanes: lanes) else { return }
        let xs = Self.xs, ys = Self.ys
        let shifts = [0.013, 1.7, -0.21, 2.9]
        var sums = [Double](repeating: .nan, count: 4)
        productSums(xs, ys, xs.count, shifts, &sums)

        // Each product rounded on its own (no fused multiply-add).
        func a(_ i: Int) -> Double { xs[i] - shifts[0] }
        func b(_ i: Int) -> Double { let square = xs[i] * xs[i]; return square - shifts[1] }
        func c(_ i: Int) -> Double { ys[i] - shifts[2] }
        func d(_ i: Int) -> Double { let square = ys[i] * ys[i]; return square - shifts[3] }
        #expect(sums[0] == Self.groupedSum(count: xs.count) { a($0) * c($0) })
        #expect(sums[1] == Self.groupedSum(count: xs.count) { a($0) * d($0) })
        #expect(sums[2] == Self.groupedSum(count: xs.count) { b($0) * c($0) })
        #expect(sums[3] == Self.groupedSum(count: xs.count) { b($0) * d($0) })
    }
}
