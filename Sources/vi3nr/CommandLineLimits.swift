/// The bounds the command line puts on numbers a user gives, beyond what
/// the library checks, each with its reason. The README lists them.
enum CommandLineLimits {
    /// The smallest σ_p an option accepts.
    ///
    /// Gains and moments scale with powers of σ_p (`M_f ∝ σ_p²` near 0 for
    /// a smooth φ with φ(0) = 0); below 1e-100 their squares leave the
    /// range of normal doubles and the results would be underflow, not
    /// information.
    static let smallestSigmaP = 1e-100

    /// The largest σ_p an option accepts, for the same reason at the
    /// other end (`x^2` has `M_f = 3σ_p⁴`, which overflows past 1e77).
    static let largestSigmaP = 1e100

    /// The most Monte Carlo samples a command draws.
    ///
    /// Memory does not grow with the count (the samples are drawn and
    /// summed chunk by chunk), but time does: φ and φ' together cost about
    /// 23 ns of CPU per sample (1e8 samples of `tanh` took 2.3 s of CPU on
    /// this project's 2-core machine), so 10^10 samples take minutes, and
    /// their relative standard error (about 1e-5) is still far above the
    /// quadrature's: more cannot sharpen the check.
    static let maximumSamples = 10_000_000_000

    /// The most σ_p points a sweep or a check computes: each point costs
    /// two quadratures (and a Monte Carlo run for `check`), so ten
    /// thousand points are minutes of work, and far more than a plot or a
    /// table can show.
    static let maximumPoints = 10_000

    /// The largest fan-in `gain --fan-in` accepts: 2^40, the most weights
    /// a `WeightInitializer` draws for a one-row layer.
    static let maximumFanIn = 1 << 40
}
