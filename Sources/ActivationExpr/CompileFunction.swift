extension CompiledFunction {
    /// Compiles an expression whose parameters are all bound into a scalar
    /// closure and block kernels.
    ///
    /// - The scalar closure performs the reference evaluator's operations
    ///   in the same order with the same functions, so
    ///   `evaluate(x) == expression.evaluate(at: x)` bit for bit (NaN for
    ///   NaN).
    /// - The block kernels run a straight-line program over chunks of the
    ///   buffer; math functions go through CVectorMath (SLEEF, 1 ulp;
    ///   1.5 ulp for `erfc`), everything else is the same IEEE arithmetic
    ///   as the tree walk. Each vectorised call may therefore differ from
    ///   the scalar value by its stated accuracy, and that difference
    ///   propagates through the rest of the expression like any rounding
    ///   error (see `Tests/ActivationExprTests/CompilerAgreementTests`).
    ///   Small integer powers (`a^2` … `a^4`, `a^-1`, `a^-2`) are
    ///   multiplications, within 1.5 ulp of `pow`.
    ///
    /// Conditionals and piecewise built-ins select element by element:
    /// a NaN or infinity in the branch not taken never reaches the result.
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
