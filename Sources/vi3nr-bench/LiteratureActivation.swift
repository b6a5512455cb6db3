import Foundation

/// One of the literature activations the benchmarks run, under the name
/// the peer scripts use (`activations.py`), with the expression our tool
/// parses and what is known about it independently of both sides.
struct LiteratureActivation: Sendable {
    /// The peer scripts' name (`sine`, `gaussian`, …).
    let name: String

    /// The expression as users write it.
    let expression: String

    /// `M_f = E[φ(z)²]` at `σ_p = 1` from a closed form or a 30-digit
    /// mpmath quadrature, to check both sides' accuracy; see `referenceSource`.
    let referenceForwardMoment: Double

    /// Where `referenceForwardMoment` comes from.
    let referenceSource: String

    /// The root of `cond(σ_p) = 1` when the activation has a genuine one,
    /// with a bracket the SciPy peer is given.
    let optimalSigma: (root: Double, bracket: ClosedRange<Double>)?

    /// The seven activations of the brief, in the peers' order.
    static let all: [LiteratureActivation] = [
        // sin(30x): M_f = (1 − e^(−2·900 σ²))/2, which is 1/2 in doubles.
        LiteratureActivation(
            name: "sine", expression: "sin(30*x)",
            referenceForwardMoment: (1 - exp(-1800)) / 2,
            referenceSource: "closed form (1 - e^(-1800))/2", optimalSigma: nil),
        // Gaussian bump, c = 0.05: M_f = c/√(c² + 2σ²); the root of
        // cond = 1 is c·√(1 + √2) (MATH.md).
        LiteratureActivation(
            name: "gaussian", expression: "exp(-x^2/(2*0.05^2))",
            referenceForwardMoment: 0.05 / (0.05 * 0.05 + 2).squareRoot(),
            referenceSource: "closed form c/sqrt(c^2 + 2)",
            optimalSigma: (0.05 * (1 + 2.0.squareRoot()).squareRoot(), 0.06...0.1)),
        // sin(x)/x: sin²(x)/x² = ∫_{−1}^{1} (1 − |u|) e^{2ixu} du, so
        // M_f = √(π/2)/σ · erf(√2 σ) − (1 − e^(−2σ²))/(2σ²).
        // Root 2.2233350423688751946: mpmath findroot of cond − 1 on
        // 40-digit quadratures of M_f and M_d (φ' written out by hand), split
        // at 113 points of t in [−14, 14]; 30 digits on 49 points agree.
        LiteratureActivation(
            name: "sinc", expression: "sin(x)/x",
            referenceForwardMoment: (Double.pi / 2).squareRoot() * erf(2.0.squareRoot())
                - (1 - exp(-2)) / 2,
            referenceSource: "closed form sqrt(pi/2) erf(sqrt 2) - (1 - e^-2)/2",
            optimalSigma: (2.2233350423688751946, 2...2.5)),
        // cos(x)·exp(−x²): with E[e^{−a z²} cos(b z)] = e^{−b²/(2(1+2a))}/√(1+2a),
        // M_f = (1 + e^(−2σ²/(1+4σ²)))/(2√(1+4σ²)). Root by mpmath as above.
        LiteratureActivation(
            name: "wavelet", expression: "cos(x)*exp(-x^2)",
            referenceForwardMoment: (1 + exp(-0.4)) / (2 * 5.0.squareRoot()),
            referenceSource: "closed form (1 + e^-0.4)/(2 sqrt 5)",
            optimalSigma: (0.87046871794573437988, 0.8...1)),
        // No closed form: mpmath quad at 40 digits, split at 0, ±2, ±4.
        LiteratureActivation(
            name: "tanh", expression: "tanh(x)",
            referenceForwardMoment: 0.39429449039784117441645977244,
            referenceSource: "mpmath quad, 40 digits", optimalSigma: nil),
        // No closed form: mpmath quad as for tanh. Root 6.754574583005188257
        // by mpmath findroot as for sinc.
        LiteratureActivation(
            name: "sigmoid", expression: "sigmoid(x)",
            referenceForwardMoment: 0.29337903585809296273764917128,
            referenceSource: "mpmath quad, 40 digits",
            optimalSigma: (6.754574583005188257, 6...8)),
        // max(x, 0): M_f = σ²/2.
        LiteratureActivation(
            name: "relu", expression: "relu(x)",
            referenceForwardMoment: 0.5,
            referenceSource: "closed form 1/2", optimalSigma: nil),
    ]
}
