#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The tool's logic lives in CommandLineTool, which returns text and a
// status instead of printing, so that it stays testable; this file only
// hands the text to the streams.
let result = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
writeAll(result.standardOutput, to: STDOUT_FILENO)
writeAll(result.standardError, to: STDERR_FILENO)
exit(result.status)

/// Writes all of `text` to a file descriptor, retrying short writes.
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        bytes = bytes.dropFirst(written)
    }
}
