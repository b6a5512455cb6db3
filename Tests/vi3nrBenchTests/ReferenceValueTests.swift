import Testing
@testable import vi3nr_bench

/// The benchmark's reference values, which decide whether an accuracy
/// claim is shown as met, against numbers computed another way: mpmath
/// quadrature at 40 digits of `∫ φ(t)² e^(−t²/2)/√(2π) dt`, split at the
/// activation's features (`mp.dps = 40; quad(..., [-inf, …, inf])`).
@Suite("Reference moments and roots")
struct ReferenceValueTests {
    static let mpmathForwardMoments: [String: Double] = [
        "sine": 0.49999999999999999999999999999999835294,
        "gaussian": 0.03533326266687866596000247332442936598,
        "sinc": 0.76395565494091454887842351796058492079,
        "wavelet": 0.37349491671162675898316078774240013226,
        "tanh": 0.39429449039784117441645977244411956057,
        "sigmoid": 0.29337903585809296273764917128190115942,
        "relu": 0.5,
    ]

    @Test("each reference M_f is the mpmath value to 2 ulps", arguments: LiteratureActivation.all)
    func forwardMoment(_ activation: LiteratureActivation) throws {
        let expected = try #require(Self.mpmathForwardMoments[activation.name])
        let difference = abs(activation.referenceForwardMoment - expected)
        #expect(difference <= 2 * expected.ulp, "\(activation.name)")
    }

    @Test("the bump's root c·√(1 + √2) is mpmath's findroot on quadratures")
    func bumpRoot() throws {
        // mpmath findroot of cond − 1 on 40-digit quadratures of M_f, M_d.
        let gaussian = try #require(LiteratureActivation.all.first { $0.name == "gaussian" })
        let root = try #require(gaussian.optimalSigma?.root)
        #expect(abs(root - 0.077688698701501865367) <= 2 * root.ulp)
    }

    @Test("every root lies inside the bracket given to the SciPy peer")
    func rootsInsideBrackets() {
        for activation in LiteratureActivation.all {
            guard let known = activation.optimalSigma else { continue }
            #expect(known.bracket.contains(known.root), "\(activation.name)")
        }
    }

    @Test("genuine roots for exactly the four activations the brief names")
    func activationsWithRoots() {
        let names = LiteratureActivation.all.filter { $0.optimalSigma != nil }.map(\.name)
        #expect(Set(names) == ["gaussian", "sinc", "wavelet", "sigmoid"])
    }
}
