// swift-tools-version:6.0
import PackageDescription

// Module layout (see README, "Architecture"): data flows one way, from the
// expression language up to the command line.
//
//   ActivationExpr ──┐
//   CVectorMath ─────┤
//   CGSL → NumericalMethods ─┤
//                            ├→ GaussianMoments → VI3NR → vi3nr (executable)
//   COpenBLAS ───────────────┘ (VI3NR's deep-network check)
let package = Package(
    name: "vi3nr",
    products: [
        .library(name: "VI3NR", targets: ["VI3NR"]),
        .library(name: "ActivationExpr", targets: ["ActivationExpr"]),
        .executable(name: "vi3nr", targets: ["vi3nr"]),
    ],
    targets: [
        // System libraries, each wrapped by a module map.
        // No pkg-config for GSL: its flags name libgslcblas, which must stay
        // out of the process (see the module map).
        .systemLibrary(
            name: "CGSL",
            providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // Buffer-at-a-time math over SLEEF's AVX2 functions, with a scalar
        // libm fallback chosen at run time on CPUs without AVX2. The AVX2
        // kernels live in their own target because they must be compiled
        // with -mavx2 (see VectorMathAVX2.c); the dispatcher must not be.
        .target(
            name: "CVectorMathAVX2",
            cSettings: [.unsafeFlags(["-mavx2", "-mfma"])],
            linkerSettings: [.linkedLibrary("sleef")]
        ),
        .target(
            name: "CVectorMath",
            dependencies: ["CVectorMathAVX2"],
            linkerSettings: [.linkedLibrary("m")]
        ),

        .target(name: "ActivationExpr", dependencies: ["CVectorMath"]),
        .target(name: "NumericalMethods", dependencies: ["CGSL"]),
        .target(
            name: "GaussianMoments",
            dependencies: ["ActivationExpr", "NumericalMethods", "CVectorMath"]
        ),
        .target(
            name: "VI3NR",
            dependencies: ["ActivationExpr", "NumericalMethods", "GaussianMoments", "COpenBLAS"]
        ),
        .executableTarget(name: "vi3nr", dependencies: ["VI3NR", "ActivationExpr"]),

        // The README's Swift example: initialise an MLP with the library.
        .executableTarget(
            name: "InitialiseMLP", dependencies: ["VI3NR", "ActivationExpr"],
            path: "Examples/InitialiseMLP"),

        .testTarget(name: "CVectorMathTests", dependencies: ["CVectorMath"]),
        .testTarget(name: "ActivationExprTests", dependencies: ["ActivationExpr"]),
        .testTarget(name: "NumericalMethodsTests", dependencies: ["NumericalMethods"]),
        .testTarget(name: "GaussianMomentsTests", dependencies: ["GaussianMoments"]),
        .testTarget(name: "VI3NRTests", dependencies: ["VI3NR"]),
        .testTarget(name: "vi3nrTests", dependencies: ["VI3NR", "vi3nr"]),
    ]
)
