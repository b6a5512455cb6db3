import Testing
@testable import ActivationExpr

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` on a new thread with a stack of `stackBytes` and waits.
///
/// Dispatch's worker threads on Linux have 512 KiB stacks, and an
/// activation may well be built on one: every recursive pass must fit.
func runOnThread(stackBytes: Int, _ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, stackBytes)
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, &attributes, { argument in
        let box = Unmanaged<AnyObject>.fromOpaque(argument!).takeRetainedValue()
        (box as! Box).body()
        return nil
    }, box)
    precondition(status == 0, "pthread_create failed")
    pthread_join(thread, nil)
    pthread_attr_destroy(&attributes)
}

/// Trees as deep as any pass may build (`maximumWorkingDepth` levels),
/// built here rather than parsed, of the shapes that nest deepest: calls,
/// negations, sums, conditionals.
private let deepTrees: [Expression] = {
    let depth = ExpressionLimits.maximumWorkingDepth - 2
    var calls = Expression.variable
    var negations = Expression.variable
    var sums = Expression.variable
    var conditionals = Expression.variable
    for level in 0..<depth {
        calls = .call(level % 2 == 0 ? .sin : .sigmoid, [calls])
        negations = .negate(negations)
        sums = .binary(.add, sums, .binary(.multiply, .number(0.5), .variable))
        conditionals = .conditional(
            .comparison(.greater, .variable, .number(Double(level % 7) - 3)),
            conditionals, .negate(.variable))
    }
    let trees = [calls, negations, sums, conditionals]
    precondition(trees.allSatisfy { $0.depth <= ExpressionLimits.maximumWorkingDepth })
    return trees
}()

/// Compiling and running both kernels must fit in a 512 KiB stack: the
/// compiler recurses once per level of the tree, and so does a call of
/// the scalar closure.
@Test(arguments: deepTrees.indices)
func deepTreesCompileAndRunOnASmallStack(index: Int) {
    let expression = deepTrees[index]
    let points = randomPoints(count: 100, range: 2, seed: 3)
    let expected = points.map { expression.evaluate(at: $0) }
    let outcome = Outcome()
    runOnThread(stackBytes: 512 * 1024) {
        do {
            let compiled = try CompiledFunction(compiling: expression)
            let block = CompilerCheck.blockValues(compiled, at: points)
            let scalar = points.map(compiled.evaluate)
            let mismatch = points.indices.first { index in
                !CompilerCheck.isSameValue(scalar[index], expected[index])
                    || block[index].isNaN != expected[index].isNaN
            }
            outcome.set(mismatch == nil, mismatch.map {
                "at \(points[$0]): scalar \(scalar[$0]), block \(block[$0]), "
                    + "evaluator \(expected[$0])"
            } ?? "")
        } catch {
            outcome.set(false, "\(error)")
        }
    }
    #expect(outcome.succeeded, "\(outcome.message)")
}

/// What the thread found, read after it has been joined.
private final class Outcome: @unchecked Sendable {
    private(set) var succeeded = false
    private(set) var message = ""
    func set(_ succeeded: Bool, _ message: String) {
        self.succeeded = succeeded
        self.message = message
    }
}
