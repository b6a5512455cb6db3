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
        // libm fallback chosen at run time: AVX-512 where the CPU has it,
        // else AVX2, else scalar. The kernels of each instruction set live
        // in their own target because they must be compiled for it (see
        // VectorMathAVX2.c); the dispatcher must not be. Both include one
        // template, Sources/CVectorKernelTemplate/VectorKernels.inc.
        .target(
            name: "CVectorMathAVX2",
            cSettings: [
                .headerSearchPath("../CVectorKernelTemplate"),
                .unsafeFlags(["-mavx2", "-mfma"]),
            ],
            linkerSettings: [.linkedLibrary("sleef")]
        ),
        .target(
            name: "CVectorMathAVX512",
            cSettings: [
                .headerSearchPath("../CVectorKernelTemplate"),
                .unsafeFlags(["-mavx512f"]),
            ],
            linkerSettings: [.linkedLibrary("sleef")]
        ),
        .target(
            name: "CVectorMath",
            dependencies: ["CVectorMathAVX2", "CVectorMathAVX512"],
            cSettings: [.headerSearchPath("../CVectorKernelTemplate")],
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
        // The benchmarks against NumPy, SciPy and PyTorch (`make bench`).
        .executableTarget(
            name: "vi3nr-bench",
            dependencies: ["VI3NR", "ActivationExpr", "GaussianMoments"]
        ),

        // The README's Swift example: initialise an MLP with the library.
        .executableTarget(
            name: "InitialiseMLP", dependencies: ["VI3NR", "ActivationExpr"],
            path: "Examples/InitialiseMLP"),

        .testTarget(
            name: "CVectorMathTests",
            dependencies: ["CVectorMath", "CVectorMathAVX2", "CVectorMathAVX512"]
        ),
        .testTarget(name: "ActivationExprTests", dependencies: ["ActivationExpr"]),
        .testTarget(name: "NumericalMethodsTests", dependencies: ["NumericalMethods"]),
        .testTarget(name: "GaussianMomentsTests", dependencies: ["GaussianMoments"]),
        .testTarget(name: "VI3NRTests", dependencies: ["VI3NR"]),
        .testTarget(name: "vi3nrTests", dependencies: ["VI3NR", "vi3nr"]),
        .testTarget(name: "vi3nrBenchTests", dependencies: ["vi3nr-bench"]),
    ]
)
