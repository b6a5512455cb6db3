import Foundation

/// An axis fixed to a range: it maps data values to positions in
/// `0...1` and chooses the ticks.
struct PlotScale {
    let scale: PlotAxis.Scale
    let range: ClosedRange<Double>

    /// The scale for `values` (those that can be drawn on `scale`), or for
    /// the axis's own range when it has one. A range of no width is widened
    /// around its value; no drawable value gives `1...10`.
    init(axis: PlotAxis, values: [Double]) {
        scale = axis.scale
        if let fixed = axis.range {
            range = fixed
            return
        }
        let drawable = values.filter { Self.isDrawable($0, on: axis.scale) }
        guard let low = drawable.min(), let high = drawable.max() else {
            range = 1...10
            return
        }
        switch axis.scale {
        case .logarithmic:
            // 4 % of the span (in decades) on each side; a narrow range is
            // widened to a factor of 2.25 around its middle first.
            var lowLog = log10(low), highLog = log10(high)
            let narrowest = log10(2.25)
            if highLog - lowLog < narrowest {
                let middle = (lowLog + highLog) / 2
                (lowLog, highLog) = (middle - narrowest / 2, middle + narrowest / 2)
            }
            let padding = 0.04 * (highLog - lowLog)
            range = pow(10, lowLog - padding)...pow(10, highLog + padding)
        case .linear:
            let span = high - low
            let padding = span > 0 ? 0.05 * span : Swift.max(Swift.abs(low) * 0.1, 1)
            range = (low - padding)...(high + padding)
        }
    }

    /// Whether `value` has a place on an axis of this scale.
    static func isDrawable(_ value: Double, on scale: PlotAxis.Scale) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    /// The position of `value` in `0...1` from the low end (outside for
    /// values outside the range); nil when it cannot be drawn.
    func fraction(_ value: Double) -> Double? {
        guard Self.isDrawable(value, on: scale) else { return nil }
        switch scale {
        case .linear:
            return (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        case .logarithmic:
            return log10(value / range.lowerBound) / log10(range.upperBound / range.lowerBound)
        }
    }

    /// Labelled ticks (with grid lines) and unlabelled minor ticks.
    func ticks() -> (major: [Double], minor: [Double]) {
        switch scale {
        case .linear: return (linearTicks(), [])
        case .logarithmic: return logarithmicTicks()
        }
    }

    /// The text of a tick: `0.001`, `20`, `1e-5`.
    static func label(_ value: Double) -> String {
        let magnitude = Swift.abs(value)
        if value == 0 { return "0" }
        if magnitude >= 1e-3 && magnitude < 1e5 {
            return NumberText.significant(value, digits: 6)
        }
        return NumberText.tidyExponent(String(format: "%.6g", value))
    }
}

// MARK: - Tick choice

private extension PlotScale {
    /// Steps of 1, 2 or 5 times a power of ten, about six ticks.
    func linearTicks() -> [Double] {
        let span = range.upperBound - range.lowerBound
        let rough = span / 6
        let power = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        var ticks: [Double] = []
        var tick = (range.lowerBound / step).rounded(.up) * step
        while tick <= range.upperBound + step * 1e-9 {
            ticks.append(Swift.abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// Decades, every one labelled up to about eight of them, every k-th
    /// beyond; 2× and 5× added when the range spans at most 2.5 decades, and
    /// unlabelled ticks at the other multiples when the decades are
    /// labelled one by one.
    func logarithmicTicks() -> (major: [Double], minor: [Double]) {
        let lowExponent = Int(log10(range.lowerBound).rounded(.down))
        let highExponent = Int(log10(range.upperBound).rounded(.up))
        let decades = highExponent - lowExponent
        let span = log10(range.upperBound / range.lowerBound)
        let every = Swift.max(1, Int((Double(decades) / 8).rounded(.up)))
        var major: [Double] = []
        var minor: [Double] = []
        for exponent in lowExponent...highExponent {
            let decade = pow(10, Double(exponent))
            if exponent % every == 0 { major.append(decade) } else { minor.append(decade) }
            guard every == 1 else { continue }
            for multiple in 2...9 {
                let value = Double(multiple) * decade
                if span <= 2.5 && (multiple == 2 || multiple == 5) {
                    major.append(value)
                } else {
                    minor.append(value)
                }
            }
        }
        let inside = { (value: Double) in
            value >= self.range.lowerBound * (1 - 1e-12)
                && value <= self.range.upperBound * (1 + 1e-12)
        }
        return (major.filter(inside).sorted(), minor.filter(inside).sorted())
    }
}
