import Dispatch

/// Splits index ranges over worker threads for the element-wise and
/// per-sample work of the deep-network check.
///
/// The split decides only who computes what, never what is computed: every
/// element (or sample, or random chunk) gets the same value whichever worker
/// takes it, so the results do not depend on the number of workers.
enum DeepNetworkParallel {
    /// The number of slices `forEachSlice` cuts `count` items into for
    /// `workers` workers: between 1 and `count` (1 when `count` is 0).
    static func sliceCount(count: Int, workers: Int) -> Int {
        max(1, min(workers, count))
    }

    /// Calls `body(slice, range)` once for each of the
    /// `sliceCount(count:workers:)` contiguous, non-overlapping, non-empty
    /// slices covering `0 ..< count`, in parallel, and returns when all
    /// have finished.
    static func forEachSlice(
        count: Int, workers: Int, _ body: @Sendable (_ slice: Int, _ range: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let slices = sliceCount(count: count, workers: workers)
        if slices == 1 {
            body(0, 0 ..< count)
            return
        }

        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            body(slice, sliceBounds(slice, of: slices, count: count))
        }
    }

    /// The `slice`-th of `sliceCount` near-equal slices of `0 ..< count`.
    static func sliceBounds(_ slice: Int, of sliceCount: Int, count: Int) -> Range<Int> {
        let base = count / sliceCount
        let remainder = count % sliceCount
        let start = slice * base + min(slice, remainder)
        let length = base + (slice < remainder ? 1 : 0)
        return start ..< start + length
    }
}

/// A buffer that may be handed to the workers of `DeepNetworkParallel`.
///
/// The workers write disjoint slices of the buffer, and the caller waits for
/// all of them before reading it, so sharing it across threads is safe.
struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }

    /// The elements `range` of the buffer.
    func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(rebasing: buffer[range])
    }
}
