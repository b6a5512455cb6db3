/// The bounds the command line puts on numbers a user gives, beyond what
/// the library checks, each with its reason. The README lists them.
enum CommandLineLimits {
    /// The smallest σ_p an option accepts.
    ///
    /// Moments scale with powers of σ_p, and the Monte Carlo standard error
    /// of `M_f` with the fourth: for a φ that is linear near 0 it is of
    /// order σ_p⁴, which leaves the range of doubles below about 1e-77.
    /// At σ_p = 1e-100 the standard error underflowed to 0 and a correct
    /// Monte Carlo value was reported as disagreeing by 7e12 standard
    /// errors; from 1e-75 on, both methods work and agree.
    static let smallestSigmaP = 1e-75

    /// The largest σ_p an option accepts, for the same reason at the
    /// other end: for a φ that grows linearly, σ_p⁴ overflows past 1e77.
    static let largestSigmaP = 1e75

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
