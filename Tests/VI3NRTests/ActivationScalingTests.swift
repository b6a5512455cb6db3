import Testing
@testable import VI3NR

@Suite("What the formula says: homogeneity, the linear limit, the bound cond ≥ 1")
struct ActivationScalingTests {
    @Test("positively homogeneous: relu, leaky_relu, abs, x of degree 1; x³ and x|x| of 3 and 2",
          arguments: [("relu(x)", 1.0), ("leaky_relu(x, 0.1)", 1), ("abs(x)", 1), ("x", 1),
                      ("x^3", 3), ("x*abs(x)", 2), ("relu(x)^1.5", 1.5)])
    func homogeneous(source: String, degree: Double) throws {
        let scaling = ActivationScaling(activation: try activation(source))
        let found = try #require(scaling.positiveHomogeneityDegree)
        #expect(Swift.abs(found - degree) < 1e-9)
        #expect(scaling.isConditionIdenticallyOne == (degree == 1))
    }

    @Test("not homogeneous", arguments: ["tanh(x)", "relu(x - 1)", "x + 1", "exp(x)", "sin(x)/x",
                                          "relu(x) + 1e-6*x^2"])
    func notHomogeneous(source: String) throws {
        #expect(ActivationScaling(activation: try activation(source))
            .positiveHomogeneityDegree == nil)
    }

    @Test("the linear limit at 0: φ(0) = 0 with a slope, or slopes on both sides of a kink",
          arguments: [("tanh(x)", true), ("sin(30*x)", true), ("silu(x)", true),
                      ("relu(x) + tanh(x)", true), ("elu(x)", true), ("x^3", false),
                      ("sigmoid(x)", false), ("cos(x)", false), ("sin(x)/x", false),
                      ("step(x)", false), ("x*abs(x)", false)])
    func linearLimit(source: String, expected: Bool) throws {
        let scaling = ActivationScaling(activation: try activation(source))
        #expect(scaling.hasTrivialLimit == expected, "\(source)")
    }

    @Test("cond ≥ 1 needs φ(0) = 0 and no jump", arguments: [
        ("tanh(x)", true), ("relu(x)", true), ("x^3", true), ("step(x)", false),
        ("sign(x)", false), ("sigmoid(x)", false), ("tanh(x) + step(x - 5)", false),
        ("x > 1 ? x : 0", false), ("1/(x - 3) * x", false), ("sqrt(x + 4) - 2", false),
    ])
    func conditionBound(source: String, expected: Bool) throws {
        let scaling = ActivationScaling(activation: try activation(source))
        #expect(scaling.isConditionAtLeastOne == expected, "\(source)")
    }
}
