import ActivationExpr

extension Activation {
    /// Parses an activation with this module's error type, so that one
    /// `catch` covers the text and the computations on it.
    ///
    /// - Throws: `VI3NRError.invalidActivation` carrying the
    ///   `ActivationError`: for a syntax error its description is the
    ///   message, the source line and a caret under the fault.
    public static func parse(
        _ source: String, parameters: [String: Double] = [:]
    ) throws(VI3NRError) -> Activation {
        do {
            return try Activation(parsing: source, parameters: parameters)
        } catch {
            throw .invalidActivation(error)
        }
    }
}
