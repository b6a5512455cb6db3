// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzz targets for vi3nr, kept out of the main package so
// that its `swift build` and `swift test` never see libFuzzer.
//
// Build and run through `scripts/fuzz.sh`, which passes
// `--sanitize=fuzzer --sanitize=address`: libFuzzer then supplies `main`,
// and each target only defines `LLVMFuzzerTestOneInput`. The targets are
// compiled with `-parse-as-library` so that Swift emits no `main` of its
// own (a single-file executable module would otherwise get one).
let package = Package(
    name: "vi3nr-fuzz",
    dependencies: [
        .package(name: "vi3nr", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "FuzzExpression",
            dependencies: [.product(name: "ActivationExpr", package: "vi3nr")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // Imports VI3NR with @testable (to set the reader's buffer size), so
        // it builds in debug only, where modules are compiled for testing.
        .executableTarget(
            name: "FuzzDataFile",
            dependencies: [.product(name: "VI3NR", package: "vi3nr")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
