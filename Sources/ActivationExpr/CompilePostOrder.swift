extension Expression {
    /// Combines the tree bottom-up without recursion: `combine` gets each
    /// node with the results of its children (in the order of `children`)
    /// and returns the node's result.
    ///
    /// The compiler's passes go through this so that their stack use does
    /// not grow with the depth of the tree: a derivative may be up to
    /// `ExpressionLimits.maximumWorkingDepth` levels deep, and an
    /// activation may be compiled on a thread with a 512 KiB stack.
    func foldingPostOrder<Result>(
        _ combine: (Expression, [Result]) throws -> Result
    ) rethrows -> Result {
        var frames = [PostOrderFrame(node: self, children: children, nextChild: 0, firstResult: 0)]
        var results: [Result] = []
        while let top = frames.last {
            if top.nextChild < top.children.count {
                let child = top.children[top.nextChild]
                frames[frames.count - 1].nextChild += 1
                frames.append(PostOrderFrame(
                    node: child, children: child.children, nextChild: 0,
                    firstResult: results.count))
                continue
            }
            frames.removeLast()
            let childResults = Array(results[top.firstResult...])
            results.removeLast(childResults.count)
            results.append(try combine(top.node, childResults))
        }
        return results[0]
    }
}

/// A node being combined: its children, how many have been visited, and
/// where their results start on the result stack.
private struct PostOrderFrame {
    let node: Expression
    let children: [Expression]
    var nextChild: Int
    let firstResult: Int
}
