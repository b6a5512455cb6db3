/// The symmetric mean absolute percentage error of `predictions` against
/// one target value, in percent, from 0 to 100.
///
/// ```
/// SMAPE = 100 · (1/N) · Σᵢ |pᵢ − t| / (|pᵢ| + |t|)
/// ```
///
/// This is the form the published deep-network experiment uses: without
/// the factor 2 of some other definitions, so it lies in `[0, 100]`. A
/// prediction of 0 or of the opposite sign scores 100; one equal to the
/// target scores 0.
///
/// Edge cases: a term with `pᵢ = t = 0` counts as 0 (perfect agreement,
/// where the formula would give 0/0). An infinite prediction scores 100
/// (the limit), or 0 against the same infinite target. An empty collection
/// gives NaN, and a NaN anywhere gives NaN.
///
/// - Parameters:
///   - predictions: the values measured, e.g. one variance per sample.
///   - target: the value each should equal.
/// - Returns: the mean of the terms, times 100.
public func symmetricMeanAbsolutePercentageError<Predictions: Collection<Double>>(
    _ predictions: Predictions, target: Double
) -> Double {
    guard !predictions.isEmpty else { return .nan }

    var sum = 0.0
    for prediction in predictions {
        sum += symmetricAbsolutePercentageTerm(prediction, target: target)
    }
    return 100 * sum / Double(predictions.count)
}

/// One term `|p − t| / (|p| + |t|)` of the symmetric error, 0 when both
/// are 0.
func symmetricAbsolutePercentageTerm(_ prediction: Double, target: Double) -> Double {
    // The limit of the formula as a value grows without bound: 0 against
    // the same infinity, 1 against anything else (∞/∞ would give NaN).
    if prediction.isInfinite || target.isInfinite {
        return prediction == target ? 0 : 1
    }
    let denominator = Swift.abs(prediction) + Swift.abs(target)
    if denominator == 0 { return 0 }
    return Swift.abs(prediction - target) / denominator
}
