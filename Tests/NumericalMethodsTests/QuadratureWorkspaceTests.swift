import Foundation
import NumericalMethods
import Testing

@Suite("A reusable quadrature workspace")
struct QuadratureWorkspaceTests {
    @Test("one workspace integrates many panels in a row: ∫₀^{kπ} sin² over k periods")
    func reuse() throws {
        let workspace = try QuadratureWorkspace(maximumSubdivisions: 50)
        var total = 0.0
        for period in 0..<200 {
            let lower = Double(period) * Double.pi
            let result = try workspace.integrate(
                { sin($0) * sin($0) }, from: lower, to: lower + Double.pi,
                relativeTolerance: 1e-12)
            total += result.value
        }
        #expect(relativeError(total, 100 * Double.pi) < 1e-13)
    }

    @Test("qags copes with an integrable end-point singularity: ∫₀¹ log(x)² dx = 2")
    func endpointSingularity() throws {
        let workspace = try QuadratureWorkspace()
        let result = try workspace.integrateWithEndpointSingularities(
            { log($0) * log($0) }, from: 0, to: 1)
        #expect(relativeError(result.value, 2) < 1e-10)
        #expect(Swift.abs(result.value - 2) <= result.errorEstimate)
    }

    @Test("qags reports the non-integrable ∫₀¹ dx/x² as an error")
    func nonIntegrableEndpoint() throws {
        let workspace = try QuadratureWorkspace()
        #expect(throws: NumericalError.self) {
            try workspace.integrateWithEndpointSingularities({ 1 / ($0 * $0) }, from: 0, to: 1)
        }
    }

    @Test("a workspace refuses infinite limits and a limit below 1")
    func invalidArguments() throws {
        #expect(throws: NumericalError.self) { try QuadratureWorkspace(maximumSubdivisions: 0) }
        let workspace = try QuadratureWorkspace(maximumSubdivisions: 10)
        #expect(throws: NumericalError.self) {
            try workspace.integrate({ exp(-$0) }, from: 0, to: .infinity)
        }
        #expect(throws: NumericalError.self) {
            try workspace.integrateWithEndpointSingularities({ $0 }, from: -.infinity, to: 0)
        }
    }
}
