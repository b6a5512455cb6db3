import VI3NR

/// The per-layer variances of one `simulate` run as a plot: layer on a
/// linear x axis, the mean per-sample variance on a logarithmic y axis,
/// the forward and the backward series, and their targets σ_p² and 1.
struct SimulatePlot {
    let output: SimulateOutput
    let run: SimulateRun

    func plot() -> Plot {
        let configuration = output.configuration
        let sigmaP = configuration.preactivationStd
        let target = sigmaP * sigmaP
        var subtitle = "L = \(configuration.layerCount), n = \(configuration.width), "
            + "B = \(configuration.batchSize), σ_p = \(NumberText.shortest(sigmaP))"
        if let weights = run.weights {
            subtitle += ";  \(run.scheme.name) init, gain "
                + NumberText.significant(weights.gain, digits: 5)
        }
        if let last = run.forwardLayers?.last {
            subtitle += ";  SMAPE forward " + SimulateOutput.percent(last.smape) + ", backward "
                + (run.backwardLayers?.first.map { SimulateOutput.percent($0.smape) }
                    ?? run.failure.map(SimulateOutput.cellText) ?? "-")
        }

        var plot = Plot(
            title: "Variance through a deep random network, φ(x) = "
                + output.activation.expression.description,
            subtitle: subtitle,
            xAxis: PlotAxis(
                label: "layer l", scale: .linear,
                range: 0...Double(max(configuration.layerCount, 1))),
            yAxis: PlotAxis(label: "mean over samples of the variance across units",
                            scale: .logarithmic))
        let forward = run.forwardLayers ?? []
        let backward = run.backwardLayers ?? []
        let style: PlotSeries.Style = configuration.layerCount <= 30 ? .lineAndMarkers : .line
        plot.series.append(PlotSeries(
            name: "forward: Var z_l",
            points: forward.map { (Double($0.layer), $0.meanVariance) },
            colour: .blue, style: style))
        if !backward.isEmpty {
            plot.series.append(PlotSeries(
                name: "backward: Var ∂L/∂z_l",
                points: backward.map { (Double($0.layer), $0.meanVariance) },
                colour: .orange, style: style))
        }

        if target == 1 {
            plot.referenceLines.append(ReferenceLine(
                value: 1, label: "target: σ_p² = 1 (forward and backward)"))
        } else {
            plot.referenceLines.append(ReferenceLine(
                value: target,
                label: "forward target σ_p² = " + NumberText.significant(target, digits: 4),
                colour: .blue))
            plot.referenceLines.append(ReferenceLine(
                value: 1, label: "backward target 1", colour: .orange))
        }
        return plot
    }
}
