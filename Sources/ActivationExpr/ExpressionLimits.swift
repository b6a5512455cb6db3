/// The size limits of the expression language, checked before any work
/// that could run out of memory or stack.
///
/// Every pass over a tree (parser, printer, simplifier, derivative,
/// evaluator, compiler) recurses once per level, and so does Swift's
/// release of an `indirect enum`. Evaluation may run on Dispatch worker
/// threads, whose stacks are 512 KiB on Linux, so the limits are chosen to
/// keep the deepest of these passes far inside that:
///
/// - `maximumDepth = 100` levels for a tree the parser builds (and for
///   its nesting). Real activations are under 30 levels deep, so this
///   leaves a wide margin for generated input.
/// - `maximumWorkingDepth = 600` levels for trees built from parsed ones,
///   such as a derivative. The raw derivative of a tree of depth `d` is at
///   most `5d + 6` levels deep (see `Expression.derivative()`), so the
///   derivative of any parsed tree (`5·100 + 6 = 506`) fits; passes still
///   check the bound and throw rather than trust it.
///
///   What sets this number is Swift's release of a tree, which recurses
///   once per level on whichever thread drops the last reference, so no
///   pass can move it to a larger stack. Measured in a debug build,
///   releasing a chain of 1200 calls needs between 320 and 384 KiB, about
///   300 bytes per level; at 600 levels that is under 190 KiB, about a third
///   of a worker thread's 512 KiB, and a release build needs less. The
///   recursive passes themselves run on a large stack for deep trees (see
///   `LargeStack`), so they do not bound these numbers. The tests run
///   every pass over the deepest trees these limits allow on a thread
///   with a 512 KiB stack (and they pass with 256 KiB).
/// - `maximumWorkingSize = 200_000` nodes for any tree a pass walks,
///   counting a shared subtree once per use. A derivative can share
///   subtrees (`max(a, b)'` uses `a'` in two branches), so nested `max`
///   doubles its derivative per level; this bound turns that into an error
///   instead of an exponential walk. Real derivatives have a few hundred
///   nodes; a parsed tree has at most one per source character.
/// - `maximumSourceLength = 10_000` Unicode scalars: activations are one
///   line; the bound keeps error reporting and lexing trivially cheap, and
///   megabytes of input are turned away before they are read.
public enum ExpressionLimits {
    /// The longest source text the parser reads, in Unicode scalars.
    public static let maximumSourceLength = 10_000

    /// The deepest tree the parser builds (the number of nodes on the
    /// longest path from the root to a leaf), and the deepest nesting it
    /// reads (parentheses, arguments, prefix signs, exponents and
    /// conditional branches each count a level).
    public static let maximumDepth = 100

    /// The most nodes of any tree a pass walks (shared subtrees counted
    /// once per use).
    public static let maximumWorkingSize = 200_000

    /// The deepest tree any pass builds or walks, such as a derivative of
    /// a tree of `maximumDepth` levels.
    public static let maximumWorkingDepth = 600
}
