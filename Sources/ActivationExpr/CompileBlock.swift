/// The block kernel of an expression.
extension Expression {
    /// Compiles the expression into a block program: a straight-line
    /// program over chunk buffers, every distinct subexpression computed
    /// once per chunk.
    ///
    /// - Throws: `CompileError.unboundParameter` if a parameter is left.
    func blockProgram() throws -> BlockProgram {
        var graph = BlockGraph()
        let root = try graph.lower(self)
        return graph.program(computing: root)
    }
}
