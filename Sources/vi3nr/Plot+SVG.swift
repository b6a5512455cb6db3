/// Rendering a `Plot` as a standalone SVG document: white background,
/// title and subtitle, a one-line legend under them (outside the data, so
/// it never hides a curve), grid lines at the labelled ticks, the series
/// clipped to the plot area, reference lines with their labels, and
/// markers on top.
extension Plot {
    /// The SVG text.
    func svg() -> String {
        let layout = PlotLayout(plot: self)
        var document = SVGDocument(width: width, height: height)

        document.rectangle(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        document.text(
            PlotLayout.shortened(title, to: 96), x: width / 2, y: 28, size: 17,
            anchor: "middle", weight: "bold")
        if let subtitle {
            document.text(
                PlotLayout.shortened(subtitle, to: 120), x: width / 2, y: 48, size: 13,
                anchor: "middle", colour: "#444444")
        }
        drawLegend(into: &document, layout: layout)
        drawAxes(into: &document, layout: layout)

        document.openClip(layout.area)
        for reference in referenceLines {
            guard let y = layout.y(reference.value) else { continue }
            document.line(
                from: (layout.area.left, y), to: (layout.area.right, y),
                colour: reference.colour.hex, width: 1.5, dash: "7 5")
        }
        for entry in series { drawSeries(entry, into: &document, layout: layout) }
        document.closeClip()

        var labelPoints: [(Double, Double)] = []
        for reference in referenceLines {
            guard let y = layout.y(reference.value), y >= layout.area.top,
                  y <= layout.area.bottom else { continue }
            let above = y - layout.area.top > 20
            let baseline = above ? y - 6 : y + 15
            document.text(
                reference.label, x: layout.area.right - 6, y: baseline,
                size: 12, anchor: "end", colour: reference.colour.hex, halo: true)
            let left = layout.area.right - 6 - 6.8 * Double(reference.label.count)
            labelPoints += Self.grid(
                left: left, right: layout.area.right - 6, top: baseline - 11, bottom: baseline + 3)
        }
        drawMarkers(into: &document, layout: layout, occupied: labelPoints)
        return document.rendered()
    }
}

// MARK: - Parts

private extension Plot {
    func drawAxes(into document: inout SVGDocument, layout: PlotLayout) {
        let area = layout.area
        let (xMajor, xMinor) = layout.xScale.ticks()
        let (yMajor, yMinor) = layout.yScale.ticks()

        for value in xMajor {
            guard let x = layout.x(value) else { continue }
            document.line(from: (x, area.top), to: (x, area.bottom), colour: "#e3e3e3", width: 1)
            document.line(from: (x, area.bottom), to: (x, area.bottom + 6), colour: "#333333",
                          width: 1)
            document.text(PlotScale.label(value), x: x, y: area.bottom + 21, size: 12,
                          anchor: "middle")
        }
        for value in xMinor {
            guard let x = layout.x(value) else { continue }
            document.line(from: (x, area.bottom), to: (x, area.bottom + 3), colour: "#555555",
                          width: 1)
        }
        for value in yMajor {
            guard let y = layout.y(value) else { continue }
            document.line(from: (area.left, y), to: (area.right, y), colour: "#e3e3e3", width: 1)
            document.line(from: (area.left - 6, y), to: (area.left, y), colour: "#333333",
                          width: 1)
            document.text(PlotScale.label(value), x: area.left - 9, y: y + 4, size: 12,
                          anchor: "end")
        }
        for value in yMinor {
            guard let y = layout.y(value) else { continue }
            document.line(from: (area.left - 3, y), to: (area.left, y), colour: "#555555",
                          width: 1)
        }

        document.rectangle(
            x: area.left, y: area.top, width: area.right - area.left,
            height: area.bottom - area.top, fill: "none", stroke: "#333333")
        document.text(xAxis.label, x: (area.left + area.right) / 2, y: height - 14, size: 14,
                      anchor: "middle")
        document.text(yAxis.label, x: 20, y: (area.top + area.bottom) / 2, size: 14,
                      anchor: "middle", rotation: -90)
    }

    func drawSeries(_ entry: PlotSeries, into document: inout SVGDocument, layout: PlotLayout) {
        let positions = entry.points.map { layout.position($0.x, $0.y) }
        if entry.style != .markers {
            // Undrawable points break the line into pieces.
            var piece: [(Double, Double)] = []
            for position in positions + [nil] {
                if let position {
                    piece.append(position)
                } else {
                    if piece.count > 1 {
                        document.polyline(piece, colour: entry.colour.hex, width: 2.2,
                                          dash: entry.isDashed ? "6 4" : nil)
                    }
                    piece = []
                }
            }
        }
        if entry.style != .line {
            for case let (x, y)? in positions {
                document.circle(x: x, y: y, radius: 2.8, fill: entry.colour.hex)
            }
        }
    }

    func drawMarkers(
        into document: inout SVGDocument, layout: PlotLayout, occupied labels: [(Double, Double)]
    ) {
        // Points along every drawn curve, about 3 px apart, and the labels
        // already placed: a label goes in the corner around its marker
        // that covers the fewest of them.
        var occupied = curvePoints(layout: layout) + labels
        for marker in markers {
            guard let (x, y) = layout.position(marker.x, marker.y),
                  layout.area.contains(x, y) else { continue }
            document.circle(x: x, y: y, radius: 6, fill: "none", stroke: marker.colour.hex,
                            strokeWidth: 2.2)

            let width = 6.8 * Double(marker.label.count), height = 13.0
            let candidates: [(x: Double, baseline: Double, anchor: String)] = [
                (x + 10, y - 10, "start"), (x + 10, y + 21, "start"),
                (x - 10, y - 10, "end"), (x - 10, y + 21, "end"),
            ]
            func box(_ candidate: (x: Double, baseline: Double, anchor: String))
                -> (left: Double, right: Double, top: Double, bottom: Double)
            {
                let left = candidate.anchor == "start" ? candidate.x : candidate.x - width
                return (left, left + width, candidate.baseline - height + 2, candidate.baseline + 3)
            }
            func cost(_ candidate: (x: Double, baseline: Double, anchor: String)) -> Double {
                let area = box(candidate)
                let covered = occupied.filter {
                    $0.0 >= area.left && $0.0 <= area.right && $0.1 >= area.top
                        && $0.1 <= area.bottom
                }.count
                // Leaving the plot area is worse than covering a curve.
                let outside = area.left < layout.area.left || area.right > layout.area.right
                    || area.top < layout.area.top || area.bottom > layout.area.bottom
                return Double(covered) + (outside ? 1000 : 0)
            }
            let best = candidates.min { cost($0) < cost($1) } ?? candidates[0]
            document.text(
                marker.label, x: best.x, y: best.baseline, size: 12, anchor: best.anchor,
                colour: marker.colour.hex, halo: true)

            let placed = box(best)
            occupied += Self.grid(
                left: placed.left, right: placed.right, top: placed.top, bottom: placed.bottom)
        }
    }

    /// Points 3 px apart covering a rectangle.
    static func grid(left: Double, right: Double, top: Double, bottom: Double)
        -> [(Double, Double)]
    {
        var points: [(Double, Double)] = []
        for column in stride(from: left, through: right, by: 3) {
            for row in stride(from: top, through: bottom, by: 3) {
                points.append((column, row))
            }
        }
        return points
    }

    /// Pixel positions along every series line, at most 3 px apart.
    func curvePoints(layout: PlotLayout) -> [(Double, Double)] {
        var points: [(Double, Double)] = []
        for entry in series {
            let positions = entry.points.map { layout.position($0.x, $0.y) }
            for (start, end) in zip(positions, positions.dropFirst()) {
                guard let start else { continue }
                points.append(start)
                guard let end, entry.style != .markers else { continue }
                let length = ((end.0 - start.0) * (end.0 - start.0)
                    + (end.1 - start.1) * (end.1 - start.1)).squareRoot()
                let steps = Swift.min(Int(length / 3), 2000)
                guard steps > 1 else { continue }
                for step in 1..<steps {
                    let fraction = Double(step) / Double(steps)
                    points.append((start.0 + fraction * (end.0 - start.0),
                                   start.1 + fraction * (end.1 - start.1)))
                }
            }
            if let last = positions.last, let last { points.append(last) }
        }
        return points
    }

    func drawLegend(into document: inout SVGDocument, layout: PlotLayout) {
        var entries: [(label: String, draw: (inout SVGDocument, Double, Double) -> Void)] = []
        for entry in series {
            entries.append((entry.name, { document, x, y in
                if entry.style != .markers {
                    document.line(from: (x, y), to: (x + 26, y), colour: entry.colour.hex,
                                  width: 2.2, dash: entry.isDashed ? "6 4" : nil)
                }
                if entry.style != .line {
                    document.circle(x: x + 13, y: y, radius: 2.8, fill: entry.colour.hex)
                }
            }))
        }
        for reference in referenceLines {
            entries.append((reference.label, { document, x, y in
                document.line(from: (x, y), to: (x + 26, y), colour: reference.colour.hex,
                              width: 1.5, dash: "7 5")
            }))
        }
        if let marker = markers.first {
            let label = markers.count == 1 ? "root" : "roots"
            entries.append((label, { document, x, y in
                document.circle(x: x + 13, y: y, radius: 6, fill: "none",
                                stroke: marker.colour.hex, strokeWidth: 2.2)
            }))
        }
        guard !entries.isEmpty else { return }

        // Widths estimated at 0.57 em per character of the 13 px font.
        let widths = entries.map { 34 + 7.4 * Double($0.label.count) + 18 }
        var x = (width - widths.reduce(0, +)) / 2
        let y = layout.legendBaseline
        for (entry, entryWidth) in zip(entries, widths) {
            entry.draw(&document, x, y - 4)
            document.text(entry.label, x: x + 34, y: y, size: 13, anchor: "start")
            x += entryWidth
        }
    }
}

/// Where the parts of a plot go, in pixels.
struct PlotLayout {
    /// The rectangle the data is drawn in.
    struct Area {
        let left: Double, right: Double, top: Double, bottom: Double

        func contains(_ x: Double, _ y: Double) -> Bool {
            x >= left - 0.5 && x <= right + 0.5 && y >= top - 0.5 && y <= bottom + 0.5
        }
    }

    let area: Area
    let xScale: PlotScale
    let yScale: PlotScale
    let legendBaseline: Double

    init(plot: Plot) {
        let top = plot.subtitle == nil ? 72.0 : 88.0
        legendBaseline = top - 16
        area = Area(left: 84, right: plot.width - 28, top: top, bottom: plot.height - 58)

        var xValues = plot.series.flatMap { $0.points.map(\.x) } + plot.markers.map(\.x)
        var yValues = plot.series.flatMap { $0.points.map(\.y) } + plot.markers.map(\.y)
            + plot.referenceLines.map(\.value)
        if xValues.isEmpty { xValues = [1] }
        if yValues.isEmpty { yValues = [1] }
        xScale = PlotScale(axis: plot.xAxis, values: xValues)
        yScale = PlotScale(axis: plot.yAxis, values: yValues)
    }

    func x(_ value: Double) -> Double? {
        xScale.fraction(value).map { area.left + $0 * (area.right - area.left) }
    }

    func y(_ value: Double) -> Double? {
        yScale.fraction(value).map { area.bottom - $0 * (area.bottom - area.top) }
    }

    func position(_ xValue: Double, _ yValue: Double) -> (Double, Double)? {
        guard let x = x(xValue), let y = y(yValue) else { return nil }
        return (x, y)
    }

    /// `text` cut to `length` characters with an ellipsis.
    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
