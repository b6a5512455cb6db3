import Foundation

/// How many processors this process may run on: the default number of
/// worker threads for Monte Carlo and the deep-network check.
///
/// Foundation's `activeProcessorCount` counts the machine's processors and
/// ignores the CPU affinity mask, so under `taskset -c 0` on a 2-core
/// machine the work would be split over 2 threads that share one core (the
/// results would not change, they never depend on the thread count, but
/// the output would claim 2 threads). On Linux the mask is read from
/// `/proc/self/status` (`Cpus_allowed`, hexadecimal words separated by
/// commas); anywhere it cannot be read, `activeProcessorCount` is used.
public enum AvailableProcessors {
    /// The processors in this process's affinity mask, at least 1, at most
    /// the machine's active processors.
    public static var count: Int {
        let machine = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let mask = affinityMaskText(),
              let allowed = processorCount(inMask: mask), allowed >= 1 else { return machine }
        return min(allowed, machine)
    }

    /// The number of set bits in a `Cpus_allowed` mask such as `3` or
    /// `ffffffff,ffffffff`; nil if it is not one.
    static func processorCount(inMask mask: String) -> Int? {
        guard !mask.isEmpty else { return nil }
        var total = 0
        for word in mask.split(separator: ",", omittingEmptySubsequences: false) {
            guard let bits = UInt64(word, radix: 16) else { return nil }
            total += bits.nonzeroBitCount
        }
        return total
    }

    /// The `Cpus_allowed:` value of `/proc/self/status`, or nil.
    private static func affinityMaskText() -> String? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        let prefix = "Cpus_allowed:"
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(prefix) })
        else { return nil }
        return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    }
}
