import Foundation

/// A minimal SVG writer: the shapes a plot needs, coordinates in pixels
/// with two decimals, text escaped for XML.
struct SVGDocument {
    let width: Double
    let height: Double
    private var body: [String] = []
    private var clipCount = 0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The complete document.
    func rendered() -> String {
        let header = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" \
            height="\(number(height))" viewBox="0 0 \(number(width)) \(number(height))" \
            font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            """
        return ([header] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    mutating func rectangle(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil
    ) {
        let strokeText = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        body.append("<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" "
            + "height=\"\(number(height))\" fill=\"\(fill)\"\(strokeText)/>")
    }

    mutating func line(
        from start: (Double, Double), to end: (Double, Double), colour: String, width: Double,
        dash: String? = nil
    ) {
        body.append("<line x1=\"\(number(start.0))\" y1=\"\(number(start.1))\" "
            + "x2=\"\(number(end.0))\" y2=\"\(number(end.1))\" stroke=\"\(colour)\" "
            + "stroke-width=\"\(number(width))\"\(dashText(dash))/>")
    }

    mutating func polyline(
        _ points: [(Double, Double)], colour: String, width: Double, dash: String? = nil
    ) {
        let coordinates = points.map { "\(number($0.0)),\(number($0.1))" }
            .joined(separator: " ")
        body.append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(colour)\" "
            + "stroke-width=\"\(number(width))\" stroke-linejoin=\"round\"\(dashText(dash))/>")
    }

    mutating func circle(
        x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1
    ) {
        let strokeText = stroke.map {
            " stroke=\"\($0)\" stroke-width=\"\(number(strokeWidth))\""
        } ?? ""
        body.append("<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(radius))\" "
            + "fill=\"\(fill)\"\(strokeText)/>")
    }

    /// Text at `(x, y)` (the baseline); `halo` draws a white outline
    /// behind it, so that it stays readable over lines.
    mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String,
        colour: String = "#222222", weight: String? = nil, rotation: Double? = nil,
        halo: Bool = false
    ) {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(colour)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotation {
            attributes += " transform=\"rotate(\(number(rotation)) \(number(x)) \(number(y)))\""
        }
        if halo {
            attributes += " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\""
        }
        body.append("<text \(attributes)>\(Self.escaped(content))</text>")
    }

    /// Starts a group clipped to `area`; `closeClip` ends it.
    mutating func openClip(_ area: PlotLayout.Area) {
        clipCount += 1
        let name = "clip\(clipCount)"
        body.append("<clipPath id=\"\(name)\"><rect x=\"\(number(area.left))\" "
            + "y=\"\(number(area.top))\" width=\"\(number(area.right - area.left))\" "
            + "height=\"\(number(area.bottom - area.top))\"/></clipPath>")
        body.append("<g clip-path=\"url(#\(name))\">")
    }

    mutating func closeClip() {
        body.append("</g>")
    }

    /// `&`, `<`, `>` and quotes as XML entities.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Two decimals, trailing zeros dropped; positions far outside the
    /// picture are held at ±100000 px (clipping hides them either way).
    private func number(_ value: Double) -> String {
        let held = Swift.min(Swift.max(value, -1e5), 1e5)
        var text = String(format: "%.2f", held)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private func dashText(_ dash: String?) -> String {
        dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }
}
