#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deep recursive work on a thread of its own with a large stack.
///
/// The passes over a tree recurse once per level. Measured in an
/// unoptimised (debug) build, the parser spends 10–15 KB of stack per
/// level of nesting, the derivative 1–2 KB per level, the printer,
/// evaluator and simplifier 0.7–1 KB per level; a release build needs a
/// fraction of that, and a Dispatch worker thread has 512 KiB. So each
/// pass runs on the caller's stack only while the input is shallow (every
/// real activation is), and deeper input is handled again from the start
/// on a thread with `stackSize` bytes, which holds the deepest trees the
/// limits allow (`ExpressionLimits`) many times over. The calling thread
/// waits for it, so to the caller this is an ordinary synchronous call.
///
/// Known cost: a pass over a deep tree pays for creating a thread (tens
/// of microseconds), so evaluating a tree deeper than `inlineTreeDepth`
/// with `evaluate(at:)` point by point is slow; compile it instead.
enum LargeStack {
    /// The deepest parser recursion handled on the caller's stack. Each
    /// level is four to six calls, about 10–15 KB in a debug build, so
    /// this is at most about 120 KB there (a tenth of that in release).
    /// Most real activations nest deeper than this and are parsed on the
    /// helper thread, which costs tens of microseconds once per parse.
    static let inlineParserRecursion = 8

    /// The deepest tree the other passes walk on the caller's stack: at
    /// most about 130 KB in a debug build (the derivative), a few
    /// kilobytes in release.
    static let inlineTreeDepth = 64

    /// The stack of the helper thread: 64 MiB of address space, of which
    /// only the pages touched are ever backed by memory.
    static let stackSize = 64 << 20

    /// The value of `body`, computed on a new thread with a large stack.
    /// If the thread cannot be created (a system out of threads), `body`
    /// runs on the calling thread instead.
    static func run<Value>(_ body: () -> Value) -> Value {
        withoutActuallyEscaping(body) { escapable in
            let task = HelperTask(body: escapable)
            let context = Unmanaged.passRetained(task).toOpaque()
            defer { Unmanaged<HelperTask<Value>>.fromOpaque(context).release() }

            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, stackSize)

            var thread: ThreadHandle = emptyThreadHandle
            let status = pthread_create(&thread, &attributes, { runTask($0) }, context)
            guard status == 0 else { return escapable() }
            join(thread)
            // The thread has finished, so the result is set.
            return task.result ?? escapable()
        }
    }

    /// The value of a throwing `body`, computed on a thread with a large
    /// stack; its error is rethrown on the calling thread.
    static func run<Value, Failure: Error>(
        _ body: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let outcome: Result<Value, Failure> = run {
            do throws(Failure) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

#if canImport(Darwin)
private typealias ThreadHandle = pthread_t?
private let emptyThreadHandle: ThreadHandle = nil
private func join(_ thread: ThreadHandle) {
    if let thread { pthread_join(thread, nil) }
}
#else
private typealias ThreadHandle = pthread_t
private let emptyThreadHandle: ThreadHandle = pthread_t()
private func join(_ thread: ThreadHandle) {
    pthread_join(thread, nil)
}
#endif

/// The helper thread's start routine: runs the task behind `context`.
private func runTask(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    let task = Unmanaged<AnyObject>.fromOpaque(context).takeUnretainedValue()
    (task as? Runnable)?.runOnce()
    return nil
}

/// Work handed to the helper thread.
private protocol Runnable: AnyObject {
    func runOnce()
}

/// The closure to run and, once it has run, its result. Only one thread
/// touches it at a time: the helper thread runs it while the caller waits
/// in `pthread_join`, and the caller reads the result afterwards.
private final class HelperTask<Value>: Runnable, @unchecked Sendable {
    let body: () -> Value
    var result: Value?

    init(body: @escaping () -> Value) {
        self.body = body
    }

    func runOnce() {
        result = body()
    }
}
