extension CompiledFunction {
    /// Compiles an expression whose parameters are all bound into a scalar
    /// closure and block kernels.
    ///
    /// - The scalar closure performs the reference evaluator's operations
    ///   in the same order with the same functions, so
    ///   `evaluate(x) == expression.evaluate(at: x)` bit for bit (NaN for
    ///   NaN).
    /// - The block kernels run a straight-line program over chunks of the
    ///   buffer, each distinct subexpression computed once; math functions
    ///   go through CVectorMath (SLEEF, 1 ulp; 1.5 ulp for `erfc`),
    ///   everything else is the same IEEE arithmetic as the tree walk, in
    ///   the same order. So a block value is the tree walk's value with
    ///   each libm call replaced by its SLEEF counterpart: per built-in
    ///   within 2 ulp of the scalar value (3 for `erfc`, `gelu`, `silu`),
    ///   and in a composite expression those differences propagate like
    ///   rounding errors (the tests bound them to first order; they grow
    ///   where a sum cancels, as any evaluation's errors do).
    /// - Small integer powers (`a^2` … `a^4`, `a^-1`, `a^-2`) are
    ///   multiplications, within 2 ulp of `pow` (`a*a` and `1/a` are
    ///   correctly rounded; glibc's `pow` is within 0.52 ulp, so the two
    ///   differ in the last bit now and then).
    /// - SLEEF picks its argument reduction per vector of elements (four
    ///   with AVX2, eight with AVX-512; a faster reduction when all are
    ///   small), and the two reductions can differ in the last bit: a
    ///   block value may depend, within SLEEF's bound, on the other
    ///   elements of its vector. It does not depend on chunking, on
    ///   threads, or on anything else; a buffer evaluated in pieces that
    ///   start at multiples of 8 gives the same bits as one call (on an
    ///   AVX2 machine multiples of 4 suffice).
    /// - `evaluateFloatBlock` widens each chunk to `Double`, runs the same
    ///   program and rounds each value to `Float` once.
    ///
    /// Conditionals and piecewise built-ins select element by element:
    /// a NaN or infinity in the branch not taken never reaches the result.
    /// A comparison with a NaN operand, and so a conditional on it, gives
    /// NaN, as the language specifies.
    ///
    /// The block kernels are safe to call from many threads at once: each
    /// call allocates its own scratch registers (a few tens of KiB).
    ///
    /// - Throws: `CompileError.unboundParameter` when a parameter is left
    ///   in the tree.
    public init(compiling expression: Expression) throws {
        let scalar = try expression.scalarClosure()
        let program = try expression.blockProgram()
        self.init(
            scalar: scalar,
            block: { input, output in program.evaluate(input, into: output) },
            floatBlock: { input, output in program.evaluate(input, into: output) })
    }
}
