import Dispatch

/// One result slot per task of a `DispatchQueue.concurrentPerform`,
/// written by the thread that ran the task and read after all have
/// finished.
///
/// Each slot is written once, by one task, before `concurrentPerform`
/// returns, and read only afterwards: that ordering is the whole
/// synchronisation, hence `@unchecked Sendable`.
final class ParallelResults<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Runs `task` for every index on all cores and returns the results in
    /// index order.
    static func run(
        count: Int, _ task: @Sendable (Int) -> Element
    ) -> [Element] {
        let results = ParallelResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.slots[index] = task(index)
        }
        // Every slot is filled: concurrentPerform runs every index.
        return results.slots.compactMap { $0 }
    }
}
