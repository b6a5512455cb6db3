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

        for reference in referenceLines {
            guard let y = layout.y(reference.value), y >= layout.area.top,
                  y <= layout.area.bottom else { continue }
            let above = y - layout.area.top > 20
            document.text(
                reference.label, x: layout.area.right - 6, y: above ? y - 6 : y + 15,
                size: 12, anchor: "end", colour: reference.colour.hex, halo: true)
        }
        drawMarkers(into: &document, layout: layout)
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

    func drawMarkers(into document: inout SVGDocument, layout: PlotLayout) {
        for (index, marker) in markers.enumerated() {
            guard let (x, y) = layout.position(marker.x, marker.y),
                  layout.area.contains(x, y) else { continue }
            document.circle(x: x, y: y, radius: 6, fill: "none", stroke: marker.colour.hex,
                            strokeWidth: 2.2)
            // Alternate above and below so that labels of nearby roots
            // do not overprint; flip to the left near the right edge.
            let onLeft = x > layout.area.right - 170
            let labelY = index % 2 == 0 ? y - 12 : y + 22
            document.text(
                marker.label, x: onLeft ? x - 10 : x + 10, y: labelY, size: 12,
                anchor: onLeft ? "end" : "start", colour: marker.colour.hex, halo: true)
        }
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
