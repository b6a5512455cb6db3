import Foundation
import Testing
@testable import VI3NR

// Reference values computed with mpmath at 40 digits from the closed forms
// of φ(x) = exp(x²) for z ~ N(0, s²), finite only for s < 1/2:
//   M_f = (1 − 4s²)^(−1/2),  M_d = E[4z² e^(2z²)] = 4s² (1 − 4s²)^(−3/2),
//   cond = s² M_d / M_f = 4s⁴ / (1 − 4s²);
//   cond = 1 at s² = (√2 − 1)/2, s = 0.4550898605622273413043577578224685696202,
//   where gain² = s²/M_f = (√2 − 1)²/2 = 0.08578643762690495119831127579030192143
// (checked against mpmath.quad of both moments at that s).

@Suite("σ_p search below a failing scan point")
struct SearchBelowFailureTests {
    @Test("a moment that diverges above σ_p = 1/2: the root below is found, the cut reported")
    func rootBelowDivergence() throws {
        let growing = try activation("exp(x^2)")
        let result = try OptimalSigmaSearch(
            lowerBound: 1e-3, upperBound: 20, scanFailurePolicy: .searchBelowFailure
        ).run(for: growing)

        let root = try #require(result.roots.first)
        #expect(result.roots.count == 1)
        #expect(relativeError(root.preactivationStd.value, 0.4550898605622273413) < 1e-9)
        #expect(relativeError(root.gainSquared.value, 0.08578643762690495120) < 1e-8)

        let limit = try #require(result.limit)
        // The gap to the failing point is narrowed by bisection: the edge
        // lies between the root and the divergence at 1/2.
        #expect(limit.searchedUpperBound > 0.4550898605622273413)
        #expect(limit.searchedUpperBound < 0.5)
        #expect(limit.failedPreactivationStd > limit.searchedUpperBound)
        #expect(limit.failedPreactivationStd < 0.55)
        #expect(result.scan.last?.preactivationStd == limit.searchedUpperBound)
        guard case .momentFailed(_, let sigma, .divergent) = limit.cause else {
            Issue.record("unexpected cause \(limit.cause)")
            return
        }
        #expect(sigma == limit.failedPreactivationStd)
        #expect(result.upperBound == 20)
    }

    @Test("the default policy still stops with the failure")
    func defaultPolicyStops() throws {
        let growing = try activation("exp(x^2)")
        #expect(throws: VI3NRError.self) {
            try OptimalSigmaSearch().run(for: growing)
        }
    }

    @Test("no limit when the whole range is computed")
    func noLimitOnAFullRange() throws {
        let bump = try activation("exp(-x^2/(2*0.05^2))")
        let result = try OptimalSigmaSearch(scanFailurePolicy: .searchBelowFailure).run(for: bump)
        #expect(result.limit == nil)
        // σ_p* = c·√(1 + √2) for c = 0.05 (MATH.md).
        let root = try #require(result.roots.first)
        #expect(relativeError(root.preactivationStd.value, 0.0776886987015019) < 1e-9)
    }

    @Test("a failure at the lowest point leaves nothing to search: it is thrown")
    func failureAtTheLowestPoint() throws {
        let logarithm = try activation("log(x)")
        do {
            _ = try OptimalSigmaSearch(scanFailurePolicy: .searchBelowFailure).run(for: logarithm)
            Issue.record("expected an error")
        } catch {
            guard case .searchFailed(let sigma, .momentFailed(_, _, .undefined)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(sigma == OptimalSigmaSearch.defaultLowerBound)
        }
    }

    @Test("a scan for plots stops at the first failing point and says why")
    func scanBelowFailure() throws {
        let growing = try activation("exp(x^2)")
        let (samples, failure) = try ConditionSample.scanBelowFailure(
            of: growing, at: [0.1, 0.3, 0.6, 0.2])
        #expect(samples.map(\.preactivationStd) == [0.1, 0.3])
        guard case .searchFailed(0.6, .momentFailed(_, 0.6, .divergent))? = failure else {
            Issue.record("unexpected failure \(String(describing: failure))")
            return
        }
        // cond = 4s⁴/(1 − 4s²) at s = 0.3: 0.0324/0.64 = 0.050625.
        let condition = try #require(samples[1].condition)
        #expect(relativeError(condition.value, 0.050625) < 1e-9)
    }
}
