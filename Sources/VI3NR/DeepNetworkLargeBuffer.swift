import Foundation

/// Allocation of the large buffers of the deep-network check (batches and
/// stored derivatives, 40 MB each at the published size, 4 GB in all),
/// aligned to 2 MiB and marked for transparent huge pages.
///
/// Why: the first touch of each page costs a page fault. With 4 KiB pages
/// that is a million faults for 4 GB, measured at 1.4 s on this kind of
/// machine once the memory is warm (and several times more on a virtual
/// machine's first touch of memory); with 2 MiB pages, where the kernel
/// offers them on request (`transparent_hugepage` set to `madvise` or
/// `always`), the same memory takes a few hundred faults. Where huge pages
/// are off, the advice is ignored and nothing else changes.
enum DeepNetworkLargeBuffer {
    /// The alignment of every buffer: one huge page on x86-64.
    static let alignment = 2 << 20

    /// `count` uninitialised floats. `nil` only if the system refuses the
    /// memory.
    static func allocateFloats(_ count: Int) -> UnsafeMutableBufferPointer<Float>? {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, alignment, bytes) == 0, let memory else {
            return nil
        }
        if bytes >= alignment {
            // Advice only: a failure leaves ordinary pages.
            _ = madvise(memory, bytes, Int32(MADV_HUGEPAGE))
        }
        let floats = memory.bindMemory(to: Float.self, capacity: max(count, 1))
        return UnsafeMutableBufferPointer(start: floats, count: count)
    }

    /// Releases a buffer from `allocateFloats`.
    static func deallocate(_ buffer: UnsafeMutableBufferPointer<Float>) {
        free(buffer.baseAddress)
    }
}
