/// Questions the compiler asks about a tree before it builds anything.
extension Expression {
    /// Whether the variable `x` occurs anywhere in the tree.
    var dependsOnVariable: Bool {
        switch self {
        case .variable: return true
        case .number, .constant, .parameter: return false
        case .negate(let operand): return operand.dependsOnVariable
        case .binary(_, let left, let right), .comparison(_, let left, let right):
            return left.dependsOnVariable || right.dependsOnVariable
        case .conditional(let condition, let whenTrue, let whenFalse):
            return condition.dependsOnVariable || whenTrue.dependsOnVariable
                || whenFalse.dependsOnVariable
        case .call(_, let arguments):
            return arguments.contains { $0.dependsOnVariable }
        }
    }

    /// The first parameter met in a depth-first walk, or nil when every
    /// parameter has been bound.
    var firstParameterName: String? {
        switch self {
        case .parameter(let name): return name
        case .number, .constant, .variable: return nil
        case .negate(let operand): return operand.firstParameterName
        case .binary(_, let left, let right), .comparison(_, let left, let right):
            return left.firstParameterName ?? right.firstParameterName
        case .conditional(let condition, let whenTrue, let whenFalse):
            return condition.firstParameterName ?? whenTrue.firstParameterName
                ?? whenFalse.firstParameterName
        case .call(_, let arguments):
            return arguments.lazy.compactMap(\.firstParameterName).first
        }
    }
}
