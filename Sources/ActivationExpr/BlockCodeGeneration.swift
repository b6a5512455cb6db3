/// Turns a block graph into a straight-line program with registers reused.
extension BlockGraph {
    /// The program that computes node `root`.
    ///
    /// Nodes are emitted in the order they were added, which puts operands
    /// first. Each node's register is freed after its last reader; a
    /// destination is never one of its own operands (see
    /// `BlockInstruction`). Constants stay scalars in arithmetic; other
    /// instructions read them from registers filled once per call.
    func program(computing root: Int) -> BlockProgram {
        var generator = BlockCodeGenerator(graph: self, root: root)
        return generator.generate()
    }
}

/// The state of one code generation: where each node's value lives and
/// which registers are free.
private struct BlockCodeGenerator {
    /// Where a node's value is.
    enum Location {
        case register(Int)
        case constant(Double)
    }

    let graph: BlockGraph
    let root: Int
    var remainingReaders: [Int]
    var location: [Location?]
    var instructions: [BlockInstruction] = []
    var registerCount = 1
    var freeRegisters: [Int] = []
    var constantRegisters: [UInt64: Int] = [:]
    var constantRegisterList: [BlockProgram.ConstantRegister] = []

    init(graph: BlockGraph, root: Int) {
        self.graph = graph
        self.root = root
        self.location = Array(repeating: nil, count: graph.nodes.count)

        // Count readers over the nodes reachable from the root, walking
        // backwards so that a node is reached before its operands.
        var readers = Array(repeating: 0, count: graph.nodes.count)
        readers[root] = 1
        for node in stride(from: root, through: 0, by: -1) where readers[node] > 0 {
            for operand in graph.nodes[node].operands { readers[operand] += 1 }
        }
        self.remainingReaders = readers
    }

    mutating func generate() -> BlockProgram {
        for node in 0...root where remainingReaders[node] > 0 {
            emit(node)
        }
        let result: BlockProgram.Result
        switch location[root] {
        case .register(let register): result = .register(register)
        case .constant(let value): result = .constant(value)
        case nil: preconditionFailure("the root was not emitted")
        }
        return BlockProgram(
            instructions: instructions, registerCount: registerCount,
            constantRegisters: constantRegisterList, result: result)
    }

    mutating func emit(_ node: Int) {
        switch graph.nodes[node] {
        case .input:
            location[node] = .register(0)
            return
        case .constant(let bits):
            location[node] = .constant(Double(bitPattern: bits))
            return
        case .arithmetic(let operation, let a, let b):
            emitArithmetic(node, operation, a, b)
        case .math(let function, let a):
            let source = register(of: a)
            let destination = allocate()
            instructions.append(.math(function, source: source, destination: destination))
            location[node] = .register(destination)
        case .power(let a, let b):
            let (base, exponent) = (register(of: a), register(of: b))
            let destination = allocate()
            instructions.append(.power(base: base, exponent: exponent, destination: destination))
            location[node] = .register(destination)
        case .negate(let a):
            let source = register(of: a)
            let destination = allocate()
            instructions.append(.negate(source: source, destination: destination))
            location[node] = .register(destination)
        case .absolute(let a):
            let source = register(of: a)
            let destination = allocate()
            instructions.append(.absolute(source: source, destination: destination))
            location[node] = .register(destination)
        case .compare(let comparison, let a, let b):
            let (left, right) = (register(of: a), register(of: b))
            let destination = allocate()
            instructions.append(.compare(comparison, left, right, destination: destination))
            location[node] = .register(destination)
        case .select(let comparison, let a, let b, let t, let f):
            let (left, right) = (register(of: a), register(of: b))
            let (whenTrue, whenFalse) = (register(of: t), register(of: f))
            let destination = allocate()
            instructions.append(.select(
                comparison, left, right, whenTrue: whenTrue, whenFalse: whenFalse,
                destination: destination))
            location[node] = .register(destination)
        case .scalarUnary(let key, let a):
            guard case .unary(_, let function)? = graph.scalarFunctions[key] else {
                preconditionFailure("no unary scalar function for \(key.name)")
            }
            let source = register(of: a)
            let destination = allocate()
            instructions.append(.scalarUnary(function, source: source, destination: destination))
            location[node] = .register(destination)
        case .scalarBinary(let key, let a, let b):
            guard case .binary(_, let function)? = graph.scalarFunctions[key] else {
                preconditionFailure("no binary scalar function for \(key.name)")
            }
            let (left, right) = (register(of: a), register(of: b))
            let destination = allocate()
            instructions.append(.scalarBinary(function, left, right, destination: destination))
            location[node] = .register(destination)
        }

        // The operands have been read: free those with no reader left.
        for operand in graph.nodes[node].operands { release(operand) }
    }

    /// Arithmetic keeps a constant operand as a scalar in the loop.
    mutating func emitArithmetic(_ node: Int, _ operation: BlockArithmetic, _ a: Int, _ b: Int) {
        let destination: Int
        switch (location[a], location[b]) {
        case (.constant(let left)?, _):
            let right = register(of: b)
            destination = allocate()
            instructions.append(.arithmeticWithConstantLeft(
                operation, left, right, destination: destination))
        case (_, .constant(let right)?):
            let left = register(of: a)
            destination = allocate()
            instructions.append(.arithmeticWithConstantRight(
                operation, left, right, destination: destination))
        default:
            let (left, right) = (register(of: a), register(of: b))
            destination = allocate()
            instructions.append(.arithmetic(operation, left, right, destination: destination))
        }
        location[node] = .register(destination)
    }

    /// The register holding a node's value; a constant gets a register
    /// filled once per call, shared by every reader of that constant.
    mutating func register(of node: Int) -> Int {
        switch location[node] {
        case .register(let register)?:
            return register
        case .constant(let value)?:
            if let register = constantRegisters[value.bitPattern] { return register }
            let register = registerCount
            registerCount += 1
            constantRegisters[value.bitPattern] = register
            constantRegisterList.append(.init(register: register, value: value))
            return register
        case nil:
            preconditionFailure("node \(node) read before it was computed")
        }
    }

    mutating func allocate() -> Int {
        if let register = freeRegisters.popLast() { return register }
        registerCount += 1
        return registerCount - 1
    }

    mutating func release(_ node: Int) {
        remainingReaders[node] -= 1
        // Constants and the input are never in a temporary register.
        guard remainingReaders[node] == 0, case .register(let register)? = location[node],
              register != 0 else { return }
        freeRegisters.append(register)
    }
}
