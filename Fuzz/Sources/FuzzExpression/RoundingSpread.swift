import ActivationExpr

#if canImport(Glibc)
import Glibc
#endif

/// How far an expression's value can move when each math function's
/// result moves by a few units in the last place: the yardstick for block
/// kernel values, which replace libm calls by SLEEF calls (1–3 ulp apart)
/// and small integer powers by products (within 2 ulp of `pow`).
///
/// The expression is evaluated several times, each time with every
/// built-in function's and every power's result moved by up to
/// `ulpsPerCall` ulp (all up, all down, and random mixtures), and the
/// block value must lie within the range of those values widened by its
/// own width and a few ulp. Where a last-bit change flips a comparison or
/// crosses a domain edge (`step(sin(x) - c)`, `sqrt(1 - x^2)` near 1),
/// some of the runs flip too and the range covers both outcomes.
///
/// Known limit: this is a sampled estimate, not a bound. A block value
/// that differs only through a rare combination of last-bit moves the
/// runs did not try would be reported although it is legitimate; each
/// report is checked by hand before it is called a bug.
struct RoundingSpread {
    let expression: Expression
    var generator: SplitMix

    /// The largest move of one call's result, in ulp.
    static let ulpsPerCall = 4.0

    /// Random runs in addition to the all-up and all-down runs.
    static let randomRuns = 10

    /// Random runs added when all others were NaN but the block value is
    /// a number, or none was NaN but the block value is.
    static let extraRuns = 200

    init(expression: Expression, seed: UInt64) {
        self.expression = expression
        self.generator = SplitMix(state: seed)
    }

    /// Whether `block` is a value the expression can take at `x` when
    /// its math functions are off by a few ulp.
    mutating func admits(_ block: Double, at x: Double) -> Bool {
        // Where a math function sees or returns a subnormal number, the
        // libraries' bounds are absolute (DBL_MIN), and an error of
        // 5e-324 in `log1p(5e-324)` doubles `log1p(x)/(2*sqrt(x))`: no
        // relative yardstick applies, so nothing is checked there.
        var plain = PerturbedWalk(mode: .none)
        _ = plain.value(of: expression, at: x)
        if plain.sawSubnormal { return true }

        let values = runs(at: x)
        if block.isNaN {
            // A NaN decided by the sign of a cosine of a huge argument
            // (`dsinc(1e79·…)^1.3`) comes from only some of the few doubles
            // a last-bit move reaches: more runs look for one.
            return values.contains(where: \.isNaN) || extraRuns(at: x).contains(where: \.isNaN)
        }

        // A run that turned NaN where the plain value is a number shows a
        // hypersensitive expression: a last-bit change of one call makes
        // it undefined (`dsinc(1e75·…)^0.7` takes a power of a cosine of a
        // huge argument, whose sign the last bit decides). Any block
        // value is then within what the math functions' bounds allow.
        // Likewise when the plain value is NaN and a run gives a number;
        // for a finite block value where every run was NaN, more runs
        // look for one (`dsinc(u)^0.7` near a zero of dsinc at u ≈ 1e42
        // is a number in about one run in ten).
        var outcomes = values + [plain.value(of: expression, at: x)]
        if outcomes.allSatisfy(\.isNaN) {
            outcomes += extraRuns(at: x)
        }
        if outcomes.contains(where: \.isNaN) && outcomes.contains(where: { !$0.isNaN }) {
            return true
        }

        if block.isInfinite {
            return values.contains {
                $0 == block || ($0.isFinite && abs($0) > 0x1p1000 && ($0 > 0) == (block > 0))
            }
        }

        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            // Every run overflowed or was undefined: a finite block value
            // next to the overflow threshold is still plausible.
            return values.contains { $0.isInfinite } && abs(block) > 0x1p1000
        }
        let magnitude = Swift.max(abs(low), abs(high))
        let margin = (high - low) + 8 * magnitude.ulp + 8 * Double.leastNormalMagnitude
        return block >= low - margin && block <= high + margin
    }

    /// `extraRuns` random runs that move exact values too.
    mutating func extraRuns(at x: Double) -> [Double] {
        (0..<Self.extraRuns).map { _ in
            var walk = PerturbedWalk(mode: .random(seed: generator.next()))
            walk.movesExactValues = true
            return walk.value(of: expression, at: x)
        }
    }

    /// The values of all runs, for a failure message.
    mutating func describe(at x: Double) -> String {
        "\(runs(at: x))"
    }

    /// The all-up run, the all-down run and the random runs.
    mutating func runs(at x: Double) -> [Double] {
        var up = PerturbedWalk(mode: .up)
        var down = PerturbedWalk(mode: .down)
        var values = [up.value(of: expression, at: x), down.value(of: expression, at: x)]
        for run in 0..<Self.randomRuns {
            var walk = PerturbedWalk(mode: .random(seed: generator.next()))
            walk.movesExactValues = run % 2 == 1
            values.append(walk.value(of: expression, at: x))
        }
        return values
    }
}

/// A tree walk with the reference evaluator's semantics (see
/// `Expression.evaluate(at:)`), whose function and power results are
/// moved by a few ulp.
///
/// A random run moves each call by an amount drawn from the run's seed,
/// the function and its arguments' bits, not from a running sequence: a
/// math library returns the same bits for the same arguments, so every
/// copy of a repeated part (a derivative repeats `dsinc(u)^0.05` many
/// times) moves alike. Independent moves per copy made outcomes that no
/// library gives, and missed the ones it does: where each copy decides
/// between a number and NaN, all copies agreeing became so rare that every
/// run was NaN, and a block kernel's number was reported.
struct PerturbedWalk {
    enum Mode {
        case none, up, down
        /// Moves drawn from the seed and the call (see above).
        case random(seed: UInt64)
    }

    var mode: Mode

    /// Set when a function or power had a subnormal argument or result.
    var sawSubnormal = false

    /// Whether results with an exact value move too: 0 and whole numbers
    /// (`sin(0)`, `pow(0, y)`, `pow(x, 0)`, `exp(0)`). Both libraries
    /// return those exactly, and moving them can change a result
    /// completely: `0^(-0^x)` becomes infinite, `x^(1 + ε)` at negative
    /// `x` NaN. But near underflow one library may return 0 where the
    /// other returns a subnormal. Half the random runs move them, the
    /// others do not.
    var movesExactValues = false

    mutating func value(of expression: Expression, at x: Double) -> Double {
        switch expression {
        case .number(let value): return value
        case .variable: return x
        case .constant(let constant): return constant.value
        case .parameter: return .nan
        case .negate(let operand): return -value(of: operand, at: x)
        case .binary(let operation, let left, let right):
            let (a, b) = (value(of: left, at: x), value(of: right, at: x))
            switch operation {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .power:
                note(a)
                note(b)
                return moved(pow(a, b), call: 0, arguments: [a, b])
            }
        case .comparison(let comparison, let left, let right):
            let (a, b) = (value(of: left, at: x), value(of: right, at: x))
            if a.isNaN || b.isNaN { return .nan }
            return holds(comparison, a, b) ? 1 : 0
        case .conditional(let condition, let whenTrue, let whenFalse):
            let test = value(of: condition, at: x)
            if test.isNaN { return .nan }
            return test != 0 ? value(of: whenTrue, at: x) : value(of: whenFalse, at: x)
        case .call(let function, let arguments):
            let values = arguments.map { value(of: $0, at: x) }
            values.forEach { note($0) }
            let call = UInt64(BuiltinFunction.allCases.firstIndex(of: function) ?? 0) + 1
            return moved(function.definition.evaluate(values), call: call, arguments: values)
        }
    }

    /// Records a subnormal argument or result.
    mutating func note(_ value: Double) {
        if value != 0 && abs(value) < Double.leastNormalMagnitude { sawSubnormal = true }
    }

    /// `value` moved by up to `RoundingSpread.ulpsPerCall` ulp (at least
    /// by that many multiples of the smallest normal number, SLEEF's bound
    /// near underflow). `call` names the operation (0 for a power, 1 + the
    /// built-in's index otherwise); with the arguments it picks a random
    /// run's move, the same for every copy of the call.
    mutating func moved(_ value: Double, call: UInt64, arguments: [Double]) -> Double {
        note(value)
        let isExact = value == value.rounded() && abs(value) < 0x1p53
        guard value.isFinite, !isExact || movesExactValues else { return value }
        let step = Swift.max(value.ulp, Double.leastNormalMagnitude)
        let limit = RoundingSpread.ulpsPerCall
        switch mode {
        case .none: return value
        case .up: return value + limit * step
        case .down: return value - limit * step
        case .random(let seed):
            var generator = SplitMix(state: seed ^ (call &* 0xD6E8_FEB8_6659_FD93))
            for argument in arguments {
                generator = SplitMix(state: generator.next() ^ argument.bitPattern)
            }
            let fraction = Double(generator.next() >> 11) * 0x1p-53
            let flushes = generator.next() & 1 == 0
            // Below the normal range the libraries' bound is absolute
            // (DBL_MIN): one may return 0 where the other returns a
            // subnormal (SLEEF's log1p(5e-324) is 0), so half the moves
            // of a subnormal result flush it to 0.
            if Swift.abs(value) < Double.leastNormalMagnitude && flushes { return 0 }
            return value + (2 * fraction - 1) * limit * step
        }
    }

    func holds(_ comparison: ComparisonOperator, _ a: Double, _ b: Double) -> Bool {
        switch comparison {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}

/// SplitMix64, a small seeded generator: the fuzzer's runs must be
/// reproducible from the input alone.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
