import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import vi3nr

@Test func logarithmicTicksAreDecadesWithMultiplesOnShortRanges() {
    let wide = PlotScale(
        axis: PlotAxis(label: "", scale: .logarithmic, range: 1e-3...20), values: [])
    #expect(wide.ticks().major == [1e-3, 1e-2, 1e-1, 1, 10])
    #expect(wide.ticks().minor.contains(20))
    #expect(wide.ticks().minor.contains(2e-3))

    let short = PlotScale(axis: PlotAxis(label: "", scale: .logarithmic, range: 0.3...30),
                          values: [])
    #expect(short.ticks().major == [0.5, 1, 2, 5, 10, 20])

    let veryWide = PlotScale(axis: PlotAxis(label: "", scale: .logarithmic, range: 1e-10...1e10),
                             values: [])
    // Twenty decades: every third one labelled.
    let labelled = veryWide.ticks().major
    #expect(labelled.count == 7)
    for (tick, exponent) in zip(labelled, [-9.0, -6, -3, 0, 3, 6, 9]) {
        #expect(abs(log10(tick) - exponent) < 1e-12)
    }
}

@Test func linearTicksUseOneTwoOrFiveStepsAndCanBeDrawnAtZero() {
    let scale = PlotScale(axis: PlotAxis(label: "", range: 0...1), values: [])
    #expect(scale.ticks().major == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(scale.fraction(0.5) == 0.5)
    let log = PlotScale(axis: PlotAxis(label: "", scale: .logarithmic, range: 1...100), values: [])
    #expect(log.fraction(10) == 0.5)
    #expect(log.fraction(0) == nil)
    #expect(log.fraction(-1) == nil)
    #expect(log.fraction(.nan) == nil)
}

@Test func dataRangesArePaddedAndSingleValuesWidened() {
    let scale = PlotScale(axis: PlotAxis(label: "", scale: .logarithmic), values: [1, 100, -5, 0])
    #expect(scale.range.lowerBound < 1 && scale.range.lowerBound > 0.8)
    #expect(scale.range.upperBound > 100 && scale.range.upperBound < 125)
    let single = PlotScale(axis: PlotAxis(label: "", scale: .logarithmic), values: [4])
    #expect(abs(single.range.upperBound / single.range.lowerBound - 2.25 * pow(2.25, 0.08))
        < 1e-9)
}

@Test func plotsAreWellFormedSVGWithBrokenLinesAtUndrawablePoints() throws {
    var plot = Plot(
        title: "a <title> & more", subtitle: "sub",
        xAxis: PlotAxis(label: "layer", scale: .linear),
        yAxis: PlotAxis(label: "variance", scale: .logarithmic))
    plot.series.append(PlotSeries(
        name: "forward", points: [(0, 1), (1, 2), (2, .nan), (3, 4), (4, 8)], colour: .blue))
    plot.series.append(PlotSeries(
        name: "points", points: [(0, 3), (2, -1)], colour: .green, style: .markers))
    plot.referenceLines.append(ReferenceLine(value: 1, label: "σ_p² = 1"))
    plot.markers.append(PlotMarker(x: 1, y: 2, label: "here"))
    let svg = plot.svg()

    #expect(svg.contains(">a &lt;title&gt; &amp; more</text>"))
    // The NaN splits the line in two; the negative y of a marker series
    // on a log axis is left out.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.components(separatedBy: "r=\"2.8\"").count - 1 == 2)  // 1 marker + legend
    #expect(svg.contains(">here</text>"))
    #expect(svg.contains(">σ_p² = 1</text>"))
    #expect(XMLParser(data: Data(svg.utf8)).parse())
}

@Test func numbersWithTheirErrorShowTheMeaningfulDigits() {
    #expect(NumberText.withError(0.5, 5.2e-13) == "0.5 ± 5.2e-13")
    #expect(NumberText.withError(0.50008123, 0.00035) == "0.50008 ± 0.00035")
    #expect(NumberText.withError(22960.4, 380) == "22960 ± 380")
    #expect(NumberText.withError(2, 0) == "2")
    #expect(NumberText.withError(1.41421356237309515, 7.3e-13, maximumDigits: 6)
        == "1.41421 ± 7.3e-13")
    #expect(NumberText.significant(1.5e-7, digits: 3) == "1.5e-7")
    #expect(NumberText.significant(999.96, digits: 4) == "1000")
    #expect(NumberText.significant(2.5e16, digits: 3) == "2.5e16")
    #expect(NumberText.significant(-0.000123456, digits: 3) == "-0.000123")
}

@Test func csvCellsAreQuotedOnlyWhenNeeded() {
    #expect(TextTable.csvCell("plain") == "plain")
    #expect(TextTable.csvCell("a,b") == "\"a,b\"")
    #expect(TextTable.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
}
