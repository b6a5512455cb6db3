/// One piece of `[−T, T]` that adaptive quadrature integrates on its own.
struct Panel {
    var lower: Double
    var upper: Double
    /// The integrand may be singular at this end (a pole, a domain edge,
    /// a point where it is NaN or infinite): use a rule that extrapolates.
    var isSingularAtLower = false
    var isSingularAtUpper = false

    var touchesSingularity: Bool { isSingularAtLower || isSingularAtUpper }
}

/// Cuts `[−T, T]` into panels for Gauss–Kronrod quadrature.
///
/// Every breakpoint and singular point is a panel end, so no panel
/// contains a kink, a jump or a NaN; the rule's nodes are interior, so
/// the integrand is never evaluated at a panel end. Between those, a
/// panel ends after every `featuresPerPanel` features (sign changes and
/// extrema of `g`): with four, a panel holds about one period of an
/// oscillation, which a 21-point rule integrates in one or two passes,
/// instead of the rule being asked to find thousands of periods on its
/// own. Panels wider than `maximumWidth` (in `t`) are split evenly, so the
/// Gaussian weight's own shape is never left to a single rule.
enum PanelLayout {
    static let featuresPerPanel = 4
    static let maximumWidth = 3.0

    static func panels(
        halfWidth: Double,
        features: [Double],
        breakpoints: [LocatedBreakpoint],
        singularPoints: [Double],
        forcedEnds: [Double] = []
    ) -> [Panel] {
        // Events along the line: forced ends (breakpoints, singular
        // points) and features, which end a panel only every few.
        enum Event { case forced(singular: Bool), feature }
        var events: [(t: Double, event: Event)] = []
        for breakpoint in breakpoints where Swift.abs(breakpoint.t) < halfWidth {
            events.append((breakpoint.t, .forced(singular: breakpoint.isSingular)))
        }
        for t in singularPoints where Swift.abs(t) < halfWidth {
            events.append((t, .forced(singular: true)))
        }
        for t in forcedEnds where Swift.abs(t) < halfWidth {
            events.append((t, .forced(singular: false)))
        }
        for t in features where Swift.abs(t) < halfWidth {
            events.append((t, .feature))
        }
        events.sort { $0.t < $1.t }

        var ends: [(t: Double, singular: Bool)] = [(-halfWidth, false)]
        var featuresSinceEnd = 0
        for (t, event) in events {
            switch event {
            case let .forced(singular):
                addEnd(t, singular: singular, to: &ends)
                featuresSinceEnd = 0
            case .feature:
                featuresSinceEnd += 1
                if featuresSinceEnd == featuresPerPanel {
                    addEnd(t, singular: false, to: &ends)
                    featuresSinceEnd = 0
                }
            }
        }
        addEnd(halfWidth, singular: false, to: &ends)

        var panels: [Panel] = []
        for index in 1..<ends.count {
            let lower = ends[index - 1]
            let upper = ends[index]
            let pieces = Int(((upper.t - lower.t) / maximumWidth).rounded(.up))
            for piece in 0..<max(pieces, 1) {
                let start = piece == 0
                    ? lower.t : lower.t + (upper.t - lower.t) * Double(piece) / Double(pieces)
                let end = piece == pieces - 1 || pieces <= 1
                    ? upper.t : lower.t + (upper.t - lower.t) * Double(piece + 1) / Double(pieces)
                panels.append(Panel(
                    lower: start, upper: end,
                    isSingularAtLower: piece == 0 && lower.singular,
                    isSingularAtUpper: (piece == pieces - 1 || pieces <= 1) && upper.singular))
            }
        }
        return panels
    }
}

private extension PanelLayout {
    /// Adds a panel end, merging it with the previous one when the two are
    /// so close that the panel between would be a sliver of round-off.
    static func addEnd(_ t: Double, singular: Bool, to ends: inout [(t: Double, singular: Bool)]) {
        guard let last = ends.last else {
            ends.append((t, singular))
            return
        }
        let tolerance = 1e-13 * max(1, Swift.abs(t))
        if t - last.t <= tolerance {
            // A singular point must stay exactly where it is, or a node of
            // the neighbouring panel could land on it.
            if singular, ends.count > 1 { ends[ends.count - 1].t = t }
            ends[ends.count - 1].singular = last.singular || singular
        } else {
            ends.append((t, singular))
        }
    }
}
