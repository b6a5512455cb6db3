/// The size limits of the expression language, checked before any work
/// that could run out of memory or stack.
///
/// Every pass over a tree (parser, printer, simplifier, derivative,
/// evaluator, compiler) recurses once per level, and so does Swift's
/// release of an `indirect enum`. Evaluation may run on Dispatch worker
/// threads, whose stacks are 512 KiB on Linux, so the limits are chosen to
/// keep the deepest of these passes far inside that:
///
/// - `maximumDepth = 200` levels for a tree the parser builds. Real
///   activations are under 30 levels deep; 200 leaves a wide margin for
///   generated input and still costs at most a few dozen kilobytes of
///   stack in a debug build (the tests run every pass on a tree of
///   `maximumWorkingDepth` levels on a thread with a 512 KiB stack).
/// - `maximumWorkingDepth = 1_200` levels for trees built from parsed ones,
///   such as a derivative. The raw derivative of a tree of depth `d` is at
///   most `5d + 6` levels deep (see `Expression.derivative()`), so a parsed
///   tree's derivative stays under this bound; passes still check it and
///   throw rather than trust it.
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

    /// The deepest tree the parser builds: the number of nodes on the
    /// longest path from the root to a leaf, counting parentheses as
    /// levels too.
    public static let maximumDepth = 200

    /// The most nodes of any tree a pass walks (shared subtrees counted
    /// once per use).
    public static let maximumWorkingSize = 200_000

    /// The deepest tree any pass builds or walks, such as a derivative of
    /// a tree of `maximumDepth` levels.
    public static let maximumWorkingDepth = 1_200
}
