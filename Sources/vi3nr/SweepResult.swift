import ActivationExpr
import VI3NR

/// What `sweep` computed, and its table, JSON and plot.
struct SweepResult {
    let activation: Activation
    let fanRatio: Double
    let samples: [ConditionSample]

    /// Why the sweep stopped early, as `.searchFailed(σ_p, cause)`.
    let failure: VI3NRError?

    /// The σ_p where it stopped.
    let failedSigma: Double?

    /// The σ_p search on the same range, for the roots; nil if it failed.
    let search: OptimalSigmaResult?

    /// The value `cond` must take.
    var target: Double { BackwardCondition.stableValue(fanRatio: fanRatio) }

    /// The cause of the early stop, without the wrapping.
    var failureCause: VI3NRError? {
        if case .searchFailed(_, let cause)? = failure { return cause }
        return failure
    }

    func table(forCSV: Bool) -> TextTable {
        var table = TextTable(header: forCSV
            ? ["sigma_p", "gain2", "gain2_error", "cond", "cond_error", "forward_moment",
               "forward_moment_error", "backward_moment", "backward_moment_error"]
            : ["sigma_p", "gain^2", "cond", "M_f", "M_d"])
        for sample in samples {
            let gain = sample.gainSquared
            let condition = sample.condition
            if forCSV {
                table.append([
                    NumberText.shortest(sample.preactivationStd),
                    gain.map { NumberText.shortest($0.value) } ?? "",
                    gain.map { NumberText.shortest($0.errorEstimate) } ?? "",
                    condition.map { NumberText.shortest($0.value) } ?? "",
                    condition.map { NumberText.shortest($0.errorEstimate) } ?? "",
                    NumberText.shortest(sample.forwardMoment.value),
                    NumberText.shortest(sample.forwardMoment.errorEstimate),
                    NumberText.shortest(sample.backwardMoment.value),
                    NumberText.shortest(sample.backwardMoment.errorEstimate),
                ])
            } else {
                table.append([
                    NumberText.significant(sample.preactivationStd, digits: 6),
                    gain.map { NumberText.significant($0.value, digits: 10) } ?? "undefined",
                    condition.map { NumberText.significant($0.value, digits: 10) } ?? "undefined",
                    NumberText.significant(sample.forwardMoment.value, digits: 10),
                    NumberText.significant(sample.backwardMoment.value, digits: 10),
                ])
            }
        }
        return table
    }

    func json(svgPath: String?) -> JSONValue {
        let points = samples.map { sample -> JSONValue in
            .object([
                ("sigma_p", .number(sample.preactivationStd)),
                ("gain2", .number(sample.gainSquared?.value)),
                ("gain2_error", .number(sample.gainSquared?.errorEstimate)),
                ("backward_condition", sample.condition.map(JSONValue.estimate) ?? .null),
                ("forward_moment", .estimate(EstimatedValue(
                    value: sample.forwardMoment.value,
                    errorEstimate: sample.forwardMoment.errorEstimate))),
                ("backward_moment", .estimate(EstimatedValue(
                    value: sample.backwardMoment.value,
                    errorEstimate: sample.backwardMoment.errorEstimate))),
            ])
        }
        var stop = JSONValue.null
        if let failedSigma, let failureCause {
            stop = .object([
                ("searched_to", .number(samples.last?.preactivationStd)),
                ("failed_at", .number(failedSigma)),
                ("reason", .string(failureCause.description)),
            ])
        }
        let searchText = search.map(SearchResultText.init)
        return .object(JSONValue.activationMembers(activation) + [
            ("fan_ratio", .number(fanRatio)),
            ("target", .number(target)),
            ("points", .array(points)),
            ("sweep_limit", stop),
            ("classification", searchText.map { .string($0.classification) } ?? .null),
            ("roots", .array((search?.roots ?? []).map(SearchResultText.rootJSON))),
            ("svg", svgPath.map(JSONValue.string) ?? .null),
        ])
    }

    /// gain² and cond on log axes, the target line, the roots.
    func plot() -> Plot {
        var subtitle = "gain² = σ_p²/M_f,  cond = σ_p² M_d/M_f,  z ~ N(0, σ_p²)"
        if let failedSigma {
            subtitle += ";  quadrature fails from σ_p = "
                + NumberText.significant(failedSigma, digits: 3)
        }
        var plot = Plot(
            title: "gain² and cond of φ(x) = \(activation.expression)", subtitle: subtitle,
            xAxis: PlotAxis(label: "σ_p (preactivation standard deviation)",
                            scale: .logarithmic),
            yAxis: PlotAxis(label: "gain², cond", scale: .logarithmic))
        let style: PlotSeries.Style = samples.count <= 25 ? .lineAndMarkers : .line
        plot.series.append(PlotSeries(
            name: "gain²",
            points: samples.map { ($0.preactivationStd, $0.gainSquared?.value ?? .nan) },
            colour: .blue, style: style))
        plot.series.append(PlotSeries(
            name: "cond",
            points: samples.map { ($0.preactivationStd, $0.condition?.value ?? .nan) },
            colour: .orange, style: style))
        let targetText = fanRatio == 1
            ? "cond = 1"
            : "cond = 1/fan_ratio = \(NumberText.significant(target, digits: 6))"
        plot.referenceLines.append(ReferenceLine(value: target, label: targetText))
        for root in search?.roots ?? [] {
            plot.markers.append(PlotMarker(
                x: root.preactivationStd.value, y: target,
                label: "σ_p* = " + NumberText.significant(root.preactivationStd.value, digits: 6)
                    + ", gain² = " + NumberText.significant(root.gainSquared.value, digits: 6)))
        }
        return plot
    }
}
