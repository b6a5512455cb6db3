/// A compiled expression as a straight-line program over chunk buffers,
/// and the loop that runs it over a whole buffer chunk by chunk.
///
/// Running the program over chunks of `chunkLength` elements keeps every
/// register in the L1/L2 cache: one pass over a million-element array per
/// node of the expression would be bound by memory bandwidth instead.
/// Scratch memory is allocated per call, so one program can run on many
/// threads at once.
struct BlockProgram: Sendable {
    /// Where the program leaves its value.
    enum Result: Sendable {
        /// In a register; register 0 means the function is `x` itself.
        case register(Int)

        /// The function does not depend on `x`.
        case constant(Double)
    }

    /// A register holding one constant in every element, filled once per
    /// call.
    struct ConstantRegister: Sendable {
        let register: Int
        let value: Double
    }

    /// Elements per chunk: 512 doubles are 4 KiB, so a program with a dozen
    /// registers keeps its working set within a 48 KiB L1 data cache and
    /// far within L2, while the fixed cost of each instruction (a switch and
    /// a call) is spread over enough elements not to matter.
    static let chunkLength = 512

    /// The steps, in order.
    let instructions: [BlockInstruction]

    /// Registers used, counting register 0 (the input).
    let registerCount: Int

    /// Registers that hold constants for the whole call.
    let constantRegisters: [ConstantRegister]

    /// Where the value ends up.
    let result: Result
}

extension BlockProgram {
    /// `output[i] = f(input[i])` for every `i`.
    ///
    /// The buffers must have the same count (a programming error
    /// otherwise); they may be the same buffer.
    func evaluate(
        _ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(input.count == output.count, "block evaluation: buffers differ in length")
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress,
              !input.isEmpty else { return }

        if instructions.isEmpty {
            writeTrivialResult(input: inputBase, output: outputBase, count: input.count)
            return
        }

        // When the output does not overlap the input, the result register
        // is pointed at the output chunk itself, which saves a copy; the
        // instructions that write it read nothing but registers, so it
        // holds no other value that a later instruction would need after
        // the output has been written. Otherwise the result is computed in
        // scratch and copied.
        let count = input.count
        let overlaps = UnsafeRawPointer(outputBase) < UnsafeRawPointer(inputBase + count)
            && UnsafeRawPointer(inputBase) < UnsafeRawPointer(outputBase + count)
        withRegisters(count: count) { registers, chunk in
            var offset = 0
            while offset < count {
                let length = Swift.min(chunk, count - offset)
                registers[0] = UnsafeMutablePointer(mutating: inputBase + offset)
                if case .register(let register) = result, !overlaps {
                    registers[register] = outputBase + offset
                    _ = run(registers: registers, count: length)
                } else {
                    let value = run(registers: registers, count: length)
                    (outputBase + offset).update(from: value, count: length)
                }
                offset += length
            }
        }
    }

    /// `output[i] = f(input[i])` in single precision: each chunk is widened
    /// to `Double`, evaluated exactly as `evaluate(_:into:)` does, and
    /// rounded back to `Float` once at the end.
    ///
    /// The buffers must have the same count; they may be the same buffer.
    func evaluate(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(input.count == output.count, "block evaluation: buffers differ in length")
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress,
              !input.isEmpty else { return }

        withRegisters(count: input.count) { registers, chunk in
            // Register 0 has its own scratch buffer here: the widened input.
            let widened = registers[0]
            var offset = 0
            while offset < input.count {
                let length = Swift.min(chunk, input.count - offset)
                let (source, destination) = (inputBase + offset, outputBase + offset)
                for index in 0..<length { widened[index] = Double(source[index]) }
                let value: UnsafePointer<Double>
                switch result {
                case .constant(let constant):
                    for index in 0..<length { widened[index] = constant }
                    value = UnsafePointer(widened)
                case .register:
                    value = run(registers: registers, count: length)
                }
                for index in 0..<length { destination[index] = Float(value[index]) }
                offset += length
            }
        }
    }
}

// MARK: - Running

private extension BlockProgram {
    /// Runs every instruction over `count` elements and returns where the
    /// value is.
    func run(registers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, count: Int)
        -> UnsafePointer<Double>
    {
        for instruction in instructions {
            instruction.execute(registers: registers, count: count)
        }
        switch result {
        case .register(let register): return UnsafePointer(registers[register])
        case .constant: return UnsafePointer(registers[0])
        }
    }

    /// Handles a program without instructions: `f(x) = x` or a constant.
    func writeTrivialResult(
        input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>, count: Int
    ) {
        switch result {
        case .constant(let value):
            output.update(repeating: value, count: count)
        case .register:
            if UnsafePointer(output) != input { output.update(from: input, count: count) }
        }
    }

    /// Allocates scratch registers for one call, fills the constant
    /// registers, and hands over the register table and the chunk length.
    ///
    /// Every register, register 0 included, gets a 64-byte-aligned buffer
    /// of `min(count, chunkLength)` doubles; the double-precision path
    /// points register 0 at the caller's input instead.
    func withRegisters(
        count: Int,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<Double>>, Int) -> Void
    ) {
        let chunk = Swift.min(count, Self.chunkLength)
        let stride = (chunk + 7) / 8 * 8
        let scratch = UnsafeMutableRawPointer.allocate(
            byteCount: registerCount * stride * MemoryLayout<Double>.stride, alignment: 64)
        defer { scratch.deallocate() }
        let base = scratch.bindMemory(to: Double.self, capacity: registerCount * stride)

        withUnsafeTemporaryAllocation(
            of: UnsafeMutablePointer<Double>.self, capacity: registerCount
        ) { table in
            guard let registers = table.baseAddress else { return }
            for register in 0..<registerCount {
                (registers + register).initialize(to: base + register * stride)
            }
            for constant in constantRegisters {
                registers[constant.register].update(repeating: constant.value, count: chunk)
            }
            body(registers, chunk)
        }
    }
}
