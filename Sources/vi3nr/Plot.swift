/// A two-dimensional line plot, described as data and rendered to SVG by
/// `svg()` (see `Plot+SVG.swift`).
///
/// Made to be reused by any command that draws: several named series
/// (lines, point markers, or both), horizontal reference lines (a target
/// value), labelled point markers (roots), and linear or logarithmic
/// axes. Points that cannot be drawn (NaN, infinite, or not positive on a
/// logarithmic axis) break their line instead of failing the plot.
///
/// ```swift
/// var plot = Plot(title: "cond of tanh(x)",
///                 xAxis: PlotAxis(label: "σ_p", scale: .logarithmic),
///                 yAxis: PlotAxis(label: "cond", scale: .logarithmic))
/// plot.series.append(PlotSeries(name: "cond", points: points, colour: .blue))
/// plot.referenceLines.append(ReferenceLine(value: 1, label: "cond = 1"))
/// let text = plot.svg()
/// ```
struct Plot {
    /// The title above the plot.
    var title: String

    /// An optional second line under the title, in a smaller font.
    var subtitle: String?

    /// The horizontal axis.
    var xAxis: PlotAxis

    /// The vertical axis.
    var yAxis: PlotAxis

    /// The data, drawn in order (later series on top).
    var series: [PlotSeries] = []

    /// Horizontal lines across the whole plot, e.g. a target value.
    var referenceLines: [ReferenceLine] = []

    /// Labelled points drawn on top of everything, e.g. roots.
    var markers: [PlotMarker] = []

    /// The size of the picture in pixels.
    var width = 860.0, height = 540.0

    init(title: String, subtitle: String? = nil, xAxis: PlotAxis, yAxis: PlotAxis) {
        self.title = title
        self.subtitle = subtitle
        self.xAxis = xAxis
        self.yAxis = yAxis
    }
}

/// One axis: its label, its scale, and optionally a fixed range (else the
/// range of the data, reference lines and markers, padded).
struct PlotAxis {
    /// Linear or logarithmic (base 10).
    enum Scale {
        case linear
        case logarithmic
    }

    var label: String
    var scale: Scale
    var range: ClosedRange<Double>?

    init(label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}

/// A colour, as SVG writes it.
struct PlotColour: Equatable {
    let hex: String

    static let blue = PlotColour(hex: "#1f5fa8")
    static let orange = PlotColour(hex: "#d9660b")
    static let green = PlotColour(hex: "#2a8a3e")
    static let purple = PlotColour(hex: "#7b3fa0")
    static let grey = PlotColour(hex: "#666666")
    static let black = PlotColour(hex: "#111111")
    static let red = PlotColour(hex: "#c0272d")

    /// Colours for series in order, distinct in print and for the common
    /// forms of colour blindness.
    static let palette: [PlotColour] = [.blue, .orange, .green, .purple, .red, .grey]
}

/// A named set of points.
struct PlotSeries {
    /// How the points are drawn.
    enum Style {
        /// A line through consecutive drawable points.
        case line
        /// A small circle at each point.
        case markers
        /// Both.
        case lineAndMarkers
    }

    var name: String
    var points: [(x: Double, y: Double)]
    var colour: PlotColour
    var style: Style = .line
    var isDashed = false
}

/// A horizontal line at `value` on the y axis, with a label at its right
/// end.
struct ReferenceLine {
    var value: Double
    var label: String
    var colour: PlotColour = .grey
}

/// A point marked with a ring and a label (a root).
struct PlotMarker {
    var x: Double
    var y: Double
    var label: String
    var colour: PlotColour = .black
}
