import COpenBLAS
import Foundation

/// Makes sure OpenBLAS runs kernels that fit this CPU.
///
/// A `DYNAMIC_ARCH` OpenBLAS picks its kernels at load time from the CPU
/// model. A release older than the CPU does not know the model and falls
/// back to its oldest x86-64 kernels: Debian 12's OpenBLAS 0.3.21 on an
/// Emerald Rapids Xeon picks "Prescott" (SSE3), and its `sgemm` then runs
/// at 45 GFLOP/s instead of the 300 GFLOP/s of its "SkylakeX" (AVX-512)
/// kernels on the same two cores.
///
/// OpenBLAS's documented remedy is the environment variable
/// `OPENBLAS_CORETYPE`, read when the library initialises. So, once per
/// process and only when the user has not set that variable, if OpenBLAS
/// chose an SSE-only core while the CPU and the operating system support
/// AVX2 and FMA (or AVX-512), this sets the variable for the moment and
/// asks OpenBLAS to choose again through its own `gotoblas_dynamic_quit`
/// and `gotoblas_dynamic_init` (looked up at run time; builds without
/// them are left as they are).
///
/// Limit: the re-selection swaps the kernel table of the whole process
/// and sets the environment variable for a moment (`setenv` is not safe
/// against `getenv` on another thread); a BLAS call or an environment
/// lookup running on another thread at that moment could see the switch.
/// It happens once, before the first product of the first check.
enum DeepNetworkBLASKernels {
    /// The name of the core OpenBLAS uses now, e.g. "SkylakeX".
    static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Re-selects the kernels once if OpenBLAS fell back to SSE-only ones
    /// on a CPU with AVX2; returns the core in use afterwards.
    @discardableResult
    static func ensureSuitableKernels() -> String {
        _ = selectionDone
        return coreName
    }
}

private extension DeepNetworkBLASKernels {
    /// OpenBLAS's names for x86-64 cores without AVX, lower-cased.
    static let sseOnlyCores: Set<String> = [
        "prescott", "katmai", "coppermine", "northwood", "banias", "core2",
        "penryn", "dunnington", "nehalem", "atom", "nano", "athlon",
        "opteron", "opteron_sse3", "barcelona", "bobcat", "unknown",
    ]

    /// Runs the selection the first time it is read; Swift initialises a
    /// static `let` once, atomically.
    static let selectionDone: Bool = {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              sseOnlyCores.contains(coreName.lowercased()),
              let wanted = bestCoreForThisCPU() else {
            return false
        }
        return reselect(core: wanted)
    }()

    /// "SkylakeX" when the CPU and the kernel support the AVX-512 subsets
    /// its kernels use, "Haswell" for AVX2 with FMA, `nil` otherwise. Reads
    /// the flags Linux reports, which leave out what the OS does not
    /// enable.
    static func bestCoreForThisCPU() -> String? {
        guard let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagLine = cpuInfo.split(separator: "\n").first(where: {
                  $0.hasPrefix("flags")
              }) else {
            return nil
        }
        let flags = Set(flagLine.split(separator: " ").map(String.init))
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        if flags.isSuperset(of: avx512), flags.contains("fma") {
            return "SkylakeX"
        }
        if flags.isSuperset(of: ["avx2", "fma"]) {
            return "Haswell"
        }
        return nil
    }

    /// Asks OpenBLAS to choose its kernels again with
    /// `OPENBLAS_CORETYPE = core`; true if it now uses them.
    static func reselect(core: String) -> Bool {
        typealias Routine = @convention(c) () -> Void
        guard let quitSymbol = DeepNetworkOpenBLASLibrary.symbol("gotoblas_dynamic_quit"),
              let initSymbol = DeepNetworkOpenBLASLibrary.symbol("gotoblas_dynamic_init") else {
            return false
        }
        let quit = unsafeBitCast(quitSymbol, to: Routine.self)
        let initialise = unsafeBitCast(initSymbol, to: Routine.self)

        setenv("OPENBLAS_CORETYPE", core, 1)
        quit()
        initialise()
        unsetenv("OPENBLAS_CORETYPE")
        return coreName.lowercased() == core.lowercased()
    }
}
