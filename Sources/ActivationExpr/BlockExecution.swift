import CVectorMath

/// The loops that carry out block instructions over one chunk.
///
/// Each case is one tight loop over unsafe pointers, which the optimiser
/// turns into AVX code after a run-time check that the destination does
/// not overlap an operand (the program builder guarantees it does not).
extension BlockInstruction {
    /// Carries out the instruction on the first `count` elements of the
    /// registers.
    ///
    /// - Parameter registers: one pointer per register; register 0 is the
    ///   input chunk.
    func execute(registers: UnsafePointer<UnsafeMutablePointer<Double>>, count: Int) {
        switch self {
        case .math(let function, let source, let destination):
            function.apply(registers[source], registers[destination], count)

        case .power(let base, let exponent, let destination):
            vm_pow(registers[base], registers[exponent], registers[destination], count)

        case .negate(let source, let destination):
            mapElements(registers[source], registers[destination], count) { -$0 }

        case .absolute(let source, let destination):
            mapElements(registers[source], registers[destination], count) { Swift.abs($0) }

        case .arithmetic(let operation, let left, let right, let destination):
            let (a, b, d) = (registers[left], registers[right], registers[destination])
            switch operation {
            case .add: combineElements(a, b, d, count) { $0 + $1 }
            case .subtract: combineElements(a, b, d, count) { $0 - $1 }
            case .multiply: combineElements(a, b, d, count) { $0 * $1 }
            case .divide: combineElements(a, b, d, count) { $0 / $1 }
            }

        case .arithmeticWithConstantRight(let operation, let left, let c, let destination):
            let (a, d) = (registers[left], registers[destination])
            switch operation {
            case .add: mapElements(a, d, count) { $0 + c }
            case .subtract: mapElements(a, d, count) { $0 - c }
            case .multiply: mapElements(a, d, count) { $0 * c }
            case .divide: mapElements(a, d, count) { $0 / c }
            }

        case .arithmeticWithConstantLeft(let operation, let c, let right, let destination):
            let (b, d) = (registers[right], registers[destination])
            switch operation {
            case .add: mapElements(b, d, count) { c + $0 }
            case .subtract: mapElements(b, d, count) { c - $0 }
            case .multiply: mapElements(b, d, count) { c * $0 }
            case .divide: mapElements(b, d, count) { c / $0 }
            }

        case .compare(let comparison, let left, let right, let destination):
            let (a, b, d) = (registers[left], registers[right], registers[destination])
            switch comparison {
            case .less: compareElements(a, b, d, count) { $0 < $1 }
            case .lessOrEqual: compareElements(a, b, d, count) { $0 <= $1 }
            case .greater: compareElements(a, b, d, count) { $0 > $1 }
            case .greaterOrEqual: compareElements(a, b, d, count) { $0 >= $1 }
            case .equal: compareElements(a, b, d, count) { $0 == $1 }
            case .notEqual: compareElements(a, b, d, count) { $0 != $1 }
            }

        case .select(let comparison, let left, let right, let whenTrue, let whenFalse,
                     let destination):
            let (a, b) = (registers[left], registers[right])
            let (t, f, d) = (registers[whenTrue], registers[whenFalse], registers[destination])
            switch comparison {
            case .less: selectElements(a, b, t, f, d, count) { $0 < $1 }
            case .lessOrEqual: selectElements(a, b, t, f, d, count) { $0 <= $1 }
            case .greater: selectElements(a, b, t, f, d, count) { $0 > $1 }
            case .greaterOrEqual: selectElements(a, b, t, f, d, count) { $0 >= $1 }
            case .equal: selectElements(a, b, t, f, d, count) { $0 == $1 }
            case .notEqual: selectElements(a, b, t, f, d, count) { $0 != $1 }
            }

        case .scalarUnary(let function, let source, let destination):
            let (s, d) = (registers[source], registers[destination])
            for index in 0..<count { d[index] = function(s[index]) }

        case .scalarBinary(let function, let left, let right, let destination):
            let (a, b, d) = (registers[left], registers[right], registers[destination])
            for index in 0..<count { d[index] = function(a[index], b[index]) }
        }
    }
}

// MARK: - Loops

/// `output[i] = operation(input[i])`.
@inline(__always)
private func mapElements(
    _ input: UnsafeMutablePointer<Double>, _ output: UnsafeMutablePointer<Double>,
    _ count: Int, _ operation: (Double) -> Double
) {
    for index in 0..<count { output[index] = operation(input[index]) }
}

/// `output[i] = operation(left[i], right[i])`.
@inline(__always)
private func combineElements(
    _ left: UnsafeMutablePointer<Double>, _ right: UnsafeMutablePointer<Double>,
    _ output: UnsafeMutablePointer<Double>, _ count: Int,
    _ operation: (Double, Double) -> Double
) {
    for index in 0..<count { output[index] = operation(left[index], right[index]) }
}

/// `output[i] = condition(left[i], right[i]) ? 1 : 0`, or NaN where
/// `left[i]` or `right[i]` is NaN.
@inline(__always)
private func compareElements(
    _ left: UnsafeMutablePointer<Double>, _ right: UnsafeMutablePointer<Double>,
    _ output: UnsafeMutablePointer<Double>, _ count: Int,
    _ condition: (Double, Double) -> Bool
) {
    for index in 0..<count {
        let (a, b) = (left[index], right[index])
        let value: Double = condition(a, b) ? 1 : 0
        output[index] = isOrdered(a, b) ? value : .nan
    }
}

/// `output[i] = condition(left[i], right[i]) ? whenTrue[i] : whenFalse[i]`,
/// or NaN where `left[i]` or `right[i]` is NaN.
///
/// A select, not a blend: the value of the other branch is never used in
/// arithmetic, so a NaN or infinity there cannot leak into the result.
@inline(__always)
private func selectElements(
    _ left: UnsafeMutablePointer<Double>, _ right: UnsafeMutablePointer<Double>,
    _ whenTrue: UnsafeMutablePointer<Double>, _ whenFalse: UnsafeMutablePointer<Double>,
    _ output: UnsafeMutablePointer<Double>, _ count: Int,
    _ condition: (Double, Double) -> Bool
) {
    // Both branches are loaded before choosing: a load that depends on
    // the condition would keep the loop from vectorising.
    for index in 0..<count {
        let (a, b) = (left[index], right[index])
        let (t, f) = (whenTrue[index], whenFalse[index])
        let chosen = condition(a, b) ? t : f
        output[index] = isOrdered(a, b) ? chosen : .nan
    }
}

/// Whether neither `a` nor `b` is NaN, written without short-circuit
/// branches so that loops using it vectorise.
@inline(__always)
private func isOrdered(_ a: Double, _ b: Double) -> Bool {
    (a == a) && (b == b)
}
