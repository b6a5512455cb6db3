import Testing
@testable import ActivationExpr

@Suite("Non-smooth points")
struct NonSmoothPointTests {
    private func points(_ source: String) throws -> [(BreakpointLocator.Kind, String)] {
        try Expression.parse(source).nonSmoothPoints().map { ($0.kind, $0.locator.description) }
    }

    private func expect(_ source: String, _ expected: [(BreakpointLocator.Kind, String)]) throws {
        let found = try points(source)
        #expect(found.map(\.0) == expected.map(\.0), "\(source): \(found)")
        #expect(found.map(\.1) == expected.map(\.1), "\(source): \(found)")
    }

    @Test("each kind of non-smooth point, located in x")
    func locators() throws {
        try expect("abs(sin(x))", [(.kink, "sin(x)")])
        try expect("relu(x - 1)", [(.kink, "x - 1")])
        try expect("sin(x)/x", [(.pole, "x")])
        try expect("max(x, 0)", [(.kink, "x")])
        try expect("min(sin(x), x^2)", [(.kink, "sin(x) - x^2")])
        try expect("log(x)", [(.pole, "x")])
        try expect("log1p(x)", [(.pole, "1 + x")])
        try expect("sqrt(x - 2)", [(.domainEdge, "x - 2")])
        try expect("tan(x)", [(.pole, "cos(x)")])
        try expect("step(x) + sign(x - 1)", [(.jump, "x"), (.jump, "x - 1")])
        try expect("x > 0 ? x : 0.01*x", [(.jump, "x")])
        try expect("(x > 1)*x", [(.jump, "x - 1")])
        try expect("x^-2", [(.pole, "x")])
        try expect("x^0.5", [(.domainEdge, "x")])
        try expect("x^x", [(.domainEdge, "x")])
        try expect("elu(x) + leaky_relu(x)", [(.kink, "x")])
        try expect("gelu(x)*sigmoid(x) + exp(-x^2) + x^2 + 2^x", [])
        try expect("relu(s) + x", [])
        try expect("relu(x - s)", [(.kink, "x - s")])
    }

    @Test("descriptions say what happens where")
    func descriptions() throws {
        let described = try Expression.parse("relu(x - 1) + log(x) + 1/sin(x) + (x > 2 ? x : 0)")
            .nonSmoothPoints().map(\.description)
        #expect(described.contains("relu has a kink where x - 1 = 0"))
        #expect(described.contains("log has a pole where x = 0 (undefined below)"))
        #expect(described.contains("division has a pole where sin(x) = 0"))
        #expect(described.contains(
            "the conditional switches branches where x - 2 = 0 (a jump unless both branches agree there)"
        ))
    }

    @Test("the derivative's own points: relu' = step jumps")
    func derivativePoints() throws {
        let derivative = try Expression.parse("relu(x) + abs(x - 1)").derivative()
        let kinds = try derivative.nonSmoothPoints().map { "\($0.kind) \($0.locator)" }
        #expect(Set(kinds) == ["jump x", "jump x - 1"])
    }

    @Test("repeated points are reported once")
    func deduplicated() throws {
        #expect(try points("relu(x) + relu(x)*relu(x)").count == 1)
        // (m*m)' = m'*m + m*m' holds m = max(x, sin(x)) (a kink) and
        // m' (a conditional: a jump), each at x - sin(x) = 0, each once.
        let shared = try Expression.parse("max(x, sin(x))*max(x, sin(x))").derivative()
        let found = try shared.nonSmoothPoints().map { "\($0.kind) \($0.locator)" }
        #expect(Set(found) == ["kink x - sin(x)", "jump x - sin(x)"])
        #expect(found.count == 2)
    }
}
