import Foundation

/// Allocation of the large buffers of the deep-network check (batches and
/// stored derivatives, 40 MB each at the published size, 4 GB in all).
///
/// `malloc` rather than `UnsafeMutableBufferPointer.allocate`, which stops
/// the process when the system refuses the memory: here a refusal becomes
/// `DeepNetworkError.insufficientMemory`.
///
/// The first touch of fresh memory is not free: the kernel zeroes each
/// page, and on a virtual machine the host may have to back it first. On
/// the 2-core machine of the published measurement that was 10–15 s of
/// system time for the 4 GB of the published size. Asking for transparent
/// huge pages (`madvise(MADV_HUGEPAGE)`) was tried and made no measurable
/// difference there, so the buffers use ordinary pages.
enum DeepNetworkLargeBuffer {
    /// `count` uninitialised floats. `nil` if the system refuses the
    /// memory.
    static func allocateFloats(_ count: Int) -> UnsafeMutableBufferPointer<Float>? {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        guard let memory = malloc(bytes) else { return nil }
        let floats = memory.bindMemory(to: Float.self, capacity: max(count, 1))
        return UnsafeMutableBufferPointer(start: floats, count: count)
    }

    /// Releases a buffer from `allocateFloats`.
    static func deallocate(_ buffer: UnsafeMutableBufferPointer<Float>) {
        free(buffer.baseAddress)
    }
}
