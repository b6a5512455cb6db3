#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a small text file (or standard input) whole, with the system's
/// reason on failure ("No such file or directory").
enum TextFileReader {
    /// The largest file read: 16 MiB, far beyond any activation list; a
    /// larger one is most likely not the file meant.
    static let maximumBytes = 16 << 20

    /// Why a file could not be read.
    struct Failure: Error {
        let reason: String
    }

    /// The file's text, which must be UTF-8; a byte-order mark at the
    /// start is dropped.
    static func contents(ofFile path: String) throws(Failure) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try contents(ofFileDescriptor: descriptor)
    }

    /// The text read from `descriptor` (standard input for a path `-`)
    /// to its end, which must be UTF-8; a byte-order mark at the start is
    /// dropped, since editors on Windows write one and it is not part of
    /// the first line. The descriptor is not closed.
    static func contents(ofFileDescriptor descriptor: Int32) throws(Failure) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= maximumBytes else {
                throw Failure(reason: "larger than \(maximumBytes >> 20) MiB")
            }
        }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(3) : bytes[...]
        guard let text = String(validating: text, as: UTF8.self) else {
            throw Failure(reason: "it is not UTF-8 text")
        }
        return text
    }
}
