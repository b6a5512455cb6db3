import COpenBLAS
import Foundation

/// OpenBLAS's own entry points, found in OpenBLAS itself rather than by
/// the process-wide symbol lookup.
///
/// Why: GSL links its reference CBLAS (`libgslcblas`), which exports the
/// same `cblas_sgemm` symbol as OpenBLAS. Whichever library the linker
/// lists first wins for the whole process, and with `libgslcblas` first
/// the check's products ran on the reference triple loop, 90 times slower
/// (measured: 19 s for one layer at the published size instead of 0.2 s).
/// The CGSL module map now links OpenBLAS, not `libgslcblas`, so the
/// process-wide lookup finds OpenBLAS first; looking the symbol up in the
/// loaded OpenBLAS keeps the check fast whatever the link order of a
/// program that embeds the library.
enum DeepNetworkOpenBLASLibrary {
    /// `cblas_sgemm`'s C signature.
    typealias SingleMatrixProduct = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE,
        blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint,
        UnsafePointer<Float>?, blasint,
        Float, UnsafeMutablePointer<Float>?, blasint
    ) -> Void

    /// OpenBLAS's `cblas_sgemm`; the one the linker chose if OpenBLAS
    /// cannot be found by name (then `isResolved` is false).
    static let sgemm: SingleMatrixProduct = {
        guard let handle, let symbol = dlsym(handle, "cblas_sgemm") else {
            return cblas_sgemm
        }
        return unsafeBitCast(symbol, to: SingleMatrixProduct.self)
    }()

    /// Whether `sgemm` is OpenBLAS's own.
    static var isResolved: Bool {
        handle.flatMap { dlsym($0, "cblas_sgemm") } != nil
    }

    /// A symbol of the loaded OpenBLAS, or `nil`.
    static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        handle.flatMap { dlsym($0, name) }
    }
}

private extension DeepNetworkOpenBLASLibrary {
    /// The sonames OpenBLAS is installed under: Debian's alternatives
    /// name it `libopenblas.so.0`; other builds ship `libopenblas.so`.
    static let sonames = ["libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0"]

    /// A handle on the OpenBLAS already loaded with the process
    /// (`RTLD_NOLOAD`: nothing new is loaded), or `nil`.
    ///
    /// The handle is never closed: the library stays loaded for the
    /// process's lifetime anyway.
    nonisolated(unsafe) static let handle: UnsafeMutableRawPointer? = {
        for soname in sonames {
            if let handle = dlopen(soname, RTLD_NOW | RTLD_NOLOAD) {
                return handle
            }
        }
        return nil
    }()
}
