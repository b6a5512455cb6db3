import ActivationExpr
import Foundation
@testable import VI3NR

/// Parses an activation for a test.
func activation(_ source: String, parameters: [String: Double] = [:]) throws -> Activation {
    try Activation(parsing: source, parameters: parameters)
}

/// `|computed − expected| / |expected|`.
func relativeError(_ computed: Double, _ expected: Double) -> Double {
    Swift.abs(computed - expected) / Swift.abs(expected)
}

/// A fresh temporary directory, removed by the caller with
/// `removeTemporaryDirectory`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("vi3nr-core-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `directory` and returns its path.
func writeFile(_ text: String, named name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Writes raw bytes to `name` in `directory` and returns its path.
func writeFile(bytes: [UInt8], named name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}
