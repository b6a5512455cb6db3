/// The libFuzzer entry point for the input-gain data-file reader
/// (`InputDataStatistics`), with C linkage through Swift 6.3's `@c`
/// (SE-0495; see FuzzExpression's entry point).
///
/// The first input byte picks the format and a small read buffer; the
/// rest is the file. The file is read four ways (through the small
/// buffer, which cuts it into many pieces; through the default 1 MiB
/// buffer; from memory as text; and by an independent reference reader
/// written from the documented rules, `ReferenceDataReader`), and the
/// outcomes must agree (see `DataFileChecks`).
///
/// This target imports VI3NR with `@testable` to reach the reader's
/// buffer size, so it is built in debug (which compiles modules with
/// testing enabled); `scripts/fuzz.sh` does so.
@c(LLVMFuzzerTestOneInput)
public func fuzzDataFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    DataFileChecks.check(selector: bytes[0], contents: Array(bytes.dropFirst()))
    return 0
}
