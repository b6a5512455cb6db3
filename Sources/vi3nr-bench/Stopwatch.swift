/// Wall-clock timing with a median over runs: the median is what the peer
/// scripts report, and it ignores the odd run slowed by another process.
enum Stopwatch {
    /// Milliseconds taken by `work`.
    static func milliseconds<Result>(
        _ work: () throws -> Result
    ) rethrows -> (milliseconds: Double, result: Result) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try work()
        let elapsed = clock.now - start
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) * 1e3 + Double(attoseconds) * 1e-15, result)
    }

    /// The median of `runs` timed calls of `work` (after one untimed call
    /// when `warmUp` is set) and the result of the last call.
    ///
    /// `work` gets the run index, so that a Monte Carlo run can draw
    /// fresh samples each time, as the peers do.
    static func median<Result>(
        runs: Int, warmUp: Bool = true, _ work: (Int) throws -> Result
    ) rethrows -> (milliseconds: Double, result: Result) {
        let timed = try times(runs: runs, warmUp: warmUp, work)
        return (median(of: timed.milliseconds), timed.result)
    }

    /// Every time of `runs` timed calls of `work` (run indices `first`,
    /// `first + 1`, …; after one untimed call when `warmUp` is set), and the
    /// result of the last call.
    static func times<Result>(
        runs: Int, first: Int = 0, warmUp: Bool = true, _ work: (Int) throws -> Result
    ) rethrows -> (milliseconds: [Double], result: Result) {
        if warmUp { _ = try work(-1) }
        var timed = try milliseconds { try work(first) }
        var times = [timed.milliseconds]
        for run in (first + 1)..<(first + max(runs, 1)) {
            timed = try milliseconds { try work(run) }
            times.append(timed.milliseconds)
        }
        return (times, timed.result)
    }

    /// The median of a non-empty list (the mean of the middle two for an
    /// even count); 0 for an empty one.
    static func median(of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
