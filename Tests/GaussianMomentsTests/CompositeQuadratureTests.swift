import Foundation
import GaussianMoments
import Testing

/// Kinks, jumps and removable singularities inside composite expressions,
/// against references derived by hand and checked with mpmath.
@Suite("Quadrature of composites with kinks, jumps and removable singularities")
struct CompositeQuadratureTests {
    /// `E[relu(z − 1)²]`, `z ~ N(0, s²)`, is `s²((1 + a²)Q(a) − a·φ(a))`
    /// with `a = 1/s`, `Q` the upper normal tail and `φ` the normal density;
    /// evaluated with mpmath at 30 digits (ncdf, npdf) and confirmed by
    /// mpmath.quad of the integral itself.
    static let shiftedReluCases: [(sigma: Double, exact: Double)] = [
        (0.1, 1.452927695711980294e-27),
        (0.3, 4.9920642972209979502e-6),
        (0.5, 0.0014421816786299830251),
        (1, 0.075339783343770753032),
        (2, 0.83855704010133552626),
        (5, 8.9840340847060420109),
        (20, 184.53566057691736291),
    ]

    @Test("relu(x − 1): the kink at x = 1 found through its locator",
          arguments: shiftedReluCases)
    func shiftedRelu(sigma: Double, exact: Double) throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { max($0 - 1, 0) },
            breakpoints: [HandWritten.locator(.kink, "relu has a kink where x - 1 = 0") { $0 - 1 }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
        expectAccurate(estimate, exact: exact, "relu(x - 1) σ = \(sigma)")
    }

    @Test("relu(x − 1) at σ = 1e-3 is 0 to double precision (≈ 4.6e-217163)")
    func shiftedReluUnderflows() throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { max($0 - 1, 0) },
            breakpoints: [HandWritten.locator(.kink, "relu has a kink where x - 1 = 0") { $0 - 1 }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: 1e-3)
        #expect(estimate.value == 0)
    }

    @Test("abs(sin(x)): kinks at every zero of sin; M_f = E[sin²], M_d = E[cos²]",
          arguments: [0.01, 0.3, 1, 5, 20])
    func absoluteSine(sigma: Double) throws {
        let zerosOfSine = HandWritten.locator(.kink, "abs has a kink where sin(x) = 0") { sin($0) }
        let forward = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(
                function: HandWritten.elementwise { Swift.abs(sin($0)) },
                breakpoints: [zerosOfSine]),
            standardDeviation: sigma)
        expectAccurate(forward, exact: ClosedForm.sine(1, sigma), "abs(sin x) σ = \(sigma)")

        // The derivative sign(sin x)·cos x jumps at the same points.
        let jumps = HandWritten.locator(.jump, "sign jumps where sin(x) = 0") { sin($0) }
        let backward = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(
                function: HandWritten.elementwise { sin($0) >= 0 ? cos($0) : -cos($0) },
                breakpoints: [jumps]),
            standardDeviation: sigma)
        expectAccurate(
            backward, exact: (1 + exp(-2 * sigma * sigma)) / 2, "abs(sin x)' σ = \(sigma)")
    }

    /// `E[(z > 0.5 ? z : 0)²] = s²(Q(a) + a·φ(a))`, `a = 0.5/s`, from
    /// mpmath at 30 digits (confirmed by mpmath.quad at s = 2).
    static let conditionalCases: [(sigma: Double, exact: Double)] = [
        (0.1, 7.7202491455506824512e-8),
        (0.3, 0.019222702523465626114),
        (0.5, 0.1001564946126501003),
        (1, 0.48457020210813663525),
        (2, 1.99184281407115431),
        (5, 12.496685436766804877),
        (20, 199.99916902606860087),
    ]

    @Test("x > 0.5 ? x : 0: a jump at 0.5", arguments: conditionalCases)
    func conditional(sigma: Double, exact: Double) throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { $0 > 0.5 ? $0 : 0 },
            breakpoints: [HandWritten.locator(.jump, "the conditional switches where x - 0.5 = 0") {
                $0 - 0.5
            }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
        expectAccurate(estimate, exact: exact, "x > 0.5 ? x : 0, σ = \(sigma)")
    }

    /// `E[(sin z / z)²]` by mpmath.quad at 30 digits, split at the zeros
    /// of sin, with the value 1 at 0.
    static let sincCases: [(sigma: Double, exact: Double)] = [
        (0.1, 0.99667995252869746339),
        (1, 0.76395565494091454888),
        (5, 0.23066282746310005024),
        (20, 0.06141570686577501256),
    ]

    @Test("sin(x)/x written out is NaN at 0 and still integrates", arguments: sincCases)
    func removableSingularity(sigma: Double, exact: Double) throws {
        let estimate = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: HandWritten.sincWrittenOut), standardDeviation: sigma)
        expectAccurate(estimate, exact: exact, "sin(x)/x σ = \(sigma)")
    }

    @Test("log|x|: an integrable pole in M_f, E[log²|z|] = (log s − (γ + log 2)/2)² + π²/8",
          arguments: [0.5, 1.0, 3.0])
    func integrablePole(sigma: Double) throws {
        let integrand = GaussianIntegrand(
            function: HandWritten.elementwise { log(Swift.abs($0)) },
            breakpoints: [HandWritten.locator(.pole, "log has a pole where abs(x) = 0") {
                Swift.abs($0)
            }])
        let estimate = try GaussianQuadrature.expectation(of: integrand, standardDeviation: sigma)
        let eulerGamma = 0.577_215_664_901_532_860_6
        let shift = log(sigma) - (eulerGamma + log(2.0)) / 2
        let exact = shift * shift + Double.pi * Double.pi / 8
        #expect(relativeError(estimate.value, exact) < 1e-10)
        #expect(Swift.abs(estimate.value - exact) <= estimate.errorEstimate)
    }
}

/// Narrow bumps away from the origin that the scan sees at a single grid
/// point: panel ends at that sharp extremum let the adaptive rule find
/// them (each failed before those ends existed).
@Suite("Narrow off-centre bumps seen at one grid point")
struct SharpExtremumTests {
    /// `E[exp(−(z−b)²/c²)] = c/√(c² + 2s²) · exp(−b²/(c² + 2s²))`.
    static func exact(centre: Double, width: Double, sigma: Double) -> Double {
        let spread = width * width + 2 * sigma * sigma
        return width / spread.squareRoot() * exp(-centre * centre / spread)
    }

    static let cases: [(centre: Double, width: Double, sigma: Double)] = [
        (-0.543615966099269, 0.0026658753107460854, 3),
        (-2.078907889257427, 0.00495094087815853, 11),
        (2.0007258141040376, 0.007701442666520642, 11),
        (0.9539037100698695, 0.007539106573815944, 11),
    ]

    @Test("narrow bump found and integrated to 1e-10", arguments: cases)
    func narrowBump(centre: Double, width: Double, sigma: Double) throws {
        let factor = -1 / (2 * width * width)
        let bump = HandWritten.elementwise { exp(factor * ($0 - centre) * ($0 - centre)) }
        let estimate = try GaussianQuadrature.expectation(
            of: GaussianIntegrand(function: bump), standardDeviation: sigma)
        expectAccurate(
            estimate, exact: Self.exact(centre: centre, width: width, sigma: sigma),
            "bump at \(centre), width \(width), σ = \(sigma)")
    }
}
