/// Why an expression could not be compiled.
public enum CompileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The expression still names a parameter; bind it first
    /// (`Expression.bindingParameters(_:)`).
    case unboundParameter(String)

    /// A readable account of the error.
    public var description: String {
        switch self {
        case .unboundParameter(let name):
            return "parameter '\(name)' has no value; bind it before compiling"
        }
    }
}
