/// The detection half of the feature scan: where a sampled function
/// turns or changes sign, which of those say something about the grid's
/// resolution, and which are sharp enough to need panel ends of their own.
extension FeatureScan {
    /// Feature positions in units of grid cells: an extremum at index `i`
    /// is at `i`, a sign change between `i` and `i + 1` at `i + 0.5`, an
    /// exact zero between values of opposite sign at its index.
    static func featurePositions(_ values: [Double]) -> [Double] {
        values.withUnsafeBufferPointer { values in
            var largest = 0.0
            for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
            let hysteresis = 1e-12 * largest
            var signChanges: [Double] = []
            var extrema: [Double] = []

            // Sign changes, skipping non-finite points and exact zeros (a
            // zero between opposite signs is the position itself).
            var previousIndex = -1
            for index in values.indices {
                let value = values[index]
                guard value.isFinite, value != 0 else { continue }
                if previousIndex >= 0, (values[previousIndex] < 0) != (value < 0) {
                    let gap = index - previousIndex
                    signChanges.append(gap == 2 && values[previousIndex + 1] == 0
                        ? Double(previousIndex + 1) : Double(previousIndex) + 0.5 * Double(gap))
                }
                previousIndex = index
            }

            // Extrema: follow the running maximum while rising and the
            // running minimum while falling; a turn needs a change beyond
            // the hysteresis, so rounding noise on a plateau is no turn.
            var direction = 0.0
            var reference = Double.nan
            var referenceIndex = 0
            for index in values.indices {
                let value = values[index]
                guard value.isFinite else { continue }
                if reference.isNaN {
                    reference = value
                    referenceIndex = index
                } else if direction * (value - reference) > 0 {
                    reference = value
                    referenceIndex = index
                } else if direction * (reference - value) > hysteresis {
                    extrema.append(Double(referenceIndex))
                    direction = -direction
                    reference = value
                    referenceIndex = index
                } else if direction == 0, Swift.abs(value - reference) > hysteresis {
                    direction = value > reference ? 1 : -1
                    reference = value
                    referenceIndex = index
                }
            }
            return merged(signChanges, extrema)
        }
    }

    /// Indices of strict local extrema that differ from both neighbours by
    /// more than half the largest magnitude of the three, ignoring values
    /// below 1e-9 of the largest on the grid.
    static func sharpExtrema(_ values: [Double]) -> [Int] {
        guard values.count > 2 else { return [] }
        var largest = 0.0
        for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
        var result: [Int] = []
        for index in 1..<(values.count - 1) {
            let (left, middle, right) = (values[index - 1], values[index], values[index + 1])
            guard left.isFinite, middle.isFinite, right.isFinite else { continue }
            let isExtremum = (middle > left && middle > right) || (middle < left && middle < right)
            let scale = max(Swift.abs(left), Swift.abs(middle), Swift.abs(right))
            let drop = min(Swift.abs(middle - left), Swift.abs(middle - right))
            if isExtremum, scale > 1e-9 * largest, drop > 0.5 * scale {
                result.append(index)
            }
        }
        return result
    }

    /// The union of two ascending lists, ascending.
    static func merged(_ first: [Double], _ second: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(first.count + second.count)
        var firstIndex = 0
        var secondIndex = 0
        while firstIndex < first.count || secondIndex < second.count {
            if secondIndex == second.count
                || (firstIndex < first.count && first[firstIndex] <= second[secondIndex]) {
                result.append(first[firstIndex])
                firstIndex += 1
            } else {
                result.append(second[secondIndex])
                secondIndex += 1
            }
        }
        return result
    }

    /// Positions (in cells) of the sign changes of every breakpoint
    /// locator on the grid, ascending.
    static func breakpointCells(_ locatorValues: [[Double]]) -> [Double] {
        var cells: [Double] = []
        for values in locatorValues {
            for index in 0..<(values.count - 1) {
                let left = values[index]
                let right = values[index + 1]
                if left.isNaN || right.isNaN { continue }
                if (left < 0) != (right < 0) || (left == 0) != (right == 0) {
                    cells.append(Double(index) + 0.5)
                }
            }
        }
        return cells.sorted()
    }

    /// The feature positions more than 1.5 cells from every breakpoint.
    ///
    /// A jump makes a sign change and two extrema within one cell however
    /// fine the grid, so features beside a located breakpoint say nothing
    /// about the resolution; the breakpoint itself becomes a panel end.
    static func awayFrom(_ breakpoints: [Double], _ positions: [Double]) -> [Double] {
        guard !breakpoints.isEmpty else { return positions }
        var next = 0
        return positions.filter { position in
            while next < breakpoints.count, breakpoints[next] < position - 1.5 { next += 1 }
            return next == breakpoints.count || breakpoints[next] > position + 1.5
        }
    }

    /// The cells around features that are closer than 2.5 cells to their
    /// neighbour, with one cell of margin on each side, ascending (their
    /// count measures the crowding).
    ///
    /// A sampled oscillation shows about four features per period, so
    /// features 2.5 cells apart mean about ten points per period; an
    /// aliased oscillation looks like noise, with features one or two
    /// cells apart, and every cell of it is crowded.
    static func crowdedCells(_ positions: [Double], cells: Int) -> [Int] {
        guard positions.count > 1 else { return [] }
        var marked = [Bool](repeating: false, count: cells)
        var count = 0
        for index in 1..<positions.count where positions[index] - positions[index - 1] < 2.5 {
            let first = max(Int(positions[index - 1].rounded(.down)) - 1, 0)
            let last = min(Int(positions[index].rounded(.up)) + 1, cells) - 1
            guard first <= last else { continue }
            for cell in first...last where !marked[cell] {
                marked[cell] = true
                count += 1
            }
        }
        var result: [Int] = []
        result.reserveCapacity(count)
        for cell in marked.indices where marked[cell] { result.append(cell) }
        return result
    }

    /// How many crowded cells the final grid may keep: a few isolated
    /// spots (a jump that no locator reports, rounding noise in a
    /// cancellation) are left to the adaptive rule, a crowd is not.
    static func toleratedCrowdedCells(_ features: Int) -> Int {
        8 + features / 20
    }
}
