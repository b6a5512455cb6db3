import CGSL

/// Carries a Swift closure through GSL's `void *params` and records what
/// a C callback cannot report: the first non-finite value.
///
/// A Swift error cannot cross the C frames of GSL, so the callback never
/// throws. After the first NaN or infinity it returns 0 for every point,
/// which lets GSL finish quickly; the caller then turns the recorded
/// sighting into `NumericalError.nonFiniteValue`.
final class FunctionBridge {
    private let function: (Double) -> Double
    private(set) var evaluations = 0
    private(set) var firstNonFinite: (x: Double, value: Double)?

    init(_ function: @escaping (Double) -> Double) {
        self.function = function
    }

    /// Evaluates the closure for GSL and records non-finite values.
    func evaluate(_ x: Double) -> Double {
        evaluations += 1
        if firstNonFinite != nil { return 0 }
        let value = function(x)
        if value.isFinite { return value }
        firstNonFinite = (x, value)
        return 0
    }

    /// The recorded non-finite sighting as an error, if any.
    var nonFiniteError: NumericalError? {
        firstNonFinite.map { NumericalError.nonFiniteValue(x: $0.x, value: $0.value) }
    }

    /// Calls `body` with a `gsl_function` whose calls reach `function`.
    ///
    /// The bridge stays alive for the duration of `body`; the pointer in
    /// `params` must not be used after it returns.
    static func withGSLFunction<Result>(
        _ function: (Double) -> Double,
        _ body: (inout gsl_function, FunctionBridge) throws -> Result
    ) rethrows -> Result {
        try withoutActuallyEscaping(function) { escapable in
            let bridge = FunctionBridge(escapable)
            return try withExtendedLifetime(bridge) {
                var gslFunction = gsl_function(
                    function: bridgeCallback,
                    params: Unmanaged.passUnretained(bridge).toOpaque()
                )
                return try body(&gslFunction, bridge)
            }
        }
    }
}

/// The C entry point GSL calls: recovers the bridge from `params`.
private func bridgeCallback(_ x: Double, _ params: UnsafeMutableRawPointer?) -> Double {
    guard let params else { return .nan }
    return Unmanaged<FunctionBridge>.fromOpaque(params).takeUnretainedValue().evaluate(x)
}
