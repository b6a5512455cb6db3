/// The libFuzzer entry point for the expression pipeline: parser,
/// printer, parameter binding, simplifier, derivative, constant folding,
/// non-smooth points and the compiler (scalar closure and block kernels).
///
/// libFuzzer calls `LLVMFuzzerTestOneInput(data, size)` by its C name, so
/// the function needs C linkage and a C-compatible signature. Swift 6.3
/// has the `@c` attribute (SE-0495) for exactly this, so the underscored
/// `@_cdecl` is not needed (checked with swiftc 6.3.1: `@c(Name)` emits
/// the symbol `LLVMFuzzerTestOneInput`).
///
/// A broken promise of the library (see `ExpressionPipeline`) ends the
/// process with a message: libFuzzer treats that as a crash and saves the
/// input. Errors the library is allowed to throw are not failures.
@c(LLVMFuzzerTestOneInput)
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) }
        ?? UnsafeBufferPointer(start: nil, count: 0)

    // Invalid UTF-8 becomes U+FFFD, which the lexer must reject cleanly.
    let source = String(decoding: bytes, as: UTF8.self)
    ExpressionPipeline.check(source)
    return 0
}
