/// The JSON objects the commands print, decoded for tests. Keys are the
/// documented snake_case names; a renamed key fails to decode.

struct EstimateJSON: Decodable {
    let value: Double
    let error: Double
}

struct MonteCarloJSON: Decodable {
    let value: Double
    let standardError: Double
    let samples: Int
    let seed: UInt64

    enum CodingKeys: String, CodingKey {
        case value, samples, seed
        case standardError = "standard_error"
    }
}

struct MomentJSON: Decodable {
    let quadrature: EstimateJSON
    let monteCarlo: MonteCarloJSON?
    let agreementSigmas: Double?

    enum CodingKeys: String, CodingKey {
        case quadrature
        case monteCarlo = "monte_carlo"
        case agreementSigmas = "agreement_sigmas"
    }
}

struct ConditionJSON: Decodable {
    let value: Double
    let error: Double
    let monteCarlo: MonteCarloJSON?
    let agreementSigmas: Double?

    enum CodingKeys: String, CodingKey {
        case value, error
        case monteCarlo = "monte_carlo"
        case agreementSigmas = "agreement_sigmas"
    }
}

struct PyTorchGainJSON: Decodable {
    let nonlinearity: String
    let gain: Double
}

/// `vi3nr gain --json`.
struct GainJSON: Decodable {
    let expression: String
    let derivative: String
    let sigmaP: Double
    let forwardMoment: MomentJSON
    let backwardMoment: MomentJSON?
    let agreementSigmas: Double?
    let agrees: Bool?
    let gain: Double
    let gainError: Double
    let gain2: Double
    let gain2Error: Double
    let monteCarloGain2: MonteCarloJSON?
    let backwardCondition: ConditionJSON?
    let fanIn: Int?
    let uniformBound: Double?
    let normalStd: Double?
    let pytorch: PyTorchGainJSON?

    enum CodingKeys: String, CodingKey {
        case expression, derivative, agrees, gain, pytorch
        case sigmaP = "sigma_p"
        case forwardMoment = "forward_moment"
        case backwardMoment = "backward_moment"
        case agreementSigmas = "agreement_sigmas"
        case gainError = "gain_error"
        case gain2
        case gain2Error = "gain2_error"
        case monteCarloGain2 = "monte_carlo_gain2"
        case backwardCondition = "backward_condition"
        case fanIn = "fan_in"
        case uniformBound = "uniform_bound"
        case normalStd = "normal_std"
    }
}

struct RootJSON: Decodable {
    let sigmaP: Double
    let sigmaPError: Double
    let gain: Double
    let gain2: Double
    let backwardCondition: EstimateJSON
    let crossing: String

    enum CodingKeys: String, CodingKey {
        case gain, gain2, crossing
        case sigmaP = "sigma_p"
        case sigmaPError = "sigma_p_error"
        case backwardCondition = "backward_condition"
    }
}

struct ClosestJSON: Decodable {
    let sigmaP: Double
    let backwardCondition: EstimateJSON
    let position: String

    enum CodingKeys: String, CodingKey {
        case position
        case sigmaP = "sigma_p"
        case backwardCondition = "backward_condition"
    }
}

struct SearchLimitJSON: Decodable {
    let searchedTo: Double
    let failedAt: Double
    let reason: String

    enum CodingKeys: String, CodingKey {
        case reason
        case searchedTo = "searched_to"
        case failedAt = "failed_at"
    }
}

/// `vi3nr optimal --json`, and the `optimal` member of a table row.
struct OptimalJSON: Decodable {
    let expression: String?
    let fanRatio: Double
    let target: Double
    let from: Double
    let to: Double
    let classification: String
    let roots: [RootJSON]
    let closest: ClosestJSON?
    let constantCondition: EstimateJSON?
    let degenerate: String?
    let hasTrivialLimit: Bool
    let searchLimit: SearchLimitJSON?

    enum CodingKeys: String, CodingKey {
        case expression, target, from, to, classification, roots, closest, degenerate
        case fanRatio = "fan_ratio"
        case constantCondition = "constant_condition"
        case hasTrivialLimit = "has_trivial_limit"
        case searchLimit = "search_limit"
    }
}

/// `vi3nr input-gain --json`.
struct InputGainJSON: Decodable {
    struct DataJSON: Decodable {
        let file: String
        let rows: Int
        let columns: Int
        let headerLine: Int?
        let format: String
        let minimum: Double
        let maximum: Double

        enum CodingKeys: String, CodingKey {
            case file, rows, columns, format, minimum, maximum
            case headerLine = "header_line"
        }
    }

    let sigmaP: Double
    let mean: Double
    let std: Double
    let secondMoment: Double
    let gain: Double
    let gain2: Double
    let gain2StandardError: Double?
    let data: DataJSON?

    enum CodingKeys: String, CodingKey {
        case mean, std, gain, gain2, data
        case sigmaP = "sigma_p"
        case secondMoment = "second_moment"
        case gain2StandardError = "gain2_standard_error"
    }
}

/// `vi3nr check --json`.
struct CheckJSON: Decodable {
    struct Row: Decodable {
        let sigmaP: Double
        let forwardMoment: MomentJSON?
        let backwardMoment: MomentJSON?
        let agrees: Bool?
        let error: String?

        enum CodingKeys: String, CodingKey {
            case agrees, error
            case sigmaP = "sigma_p"
            case forwardMoment = "forward_moment"
            case backwardMoment = "backward_moment"
        }
    }

    let samples: Int
    let seed: UInt64
    let rows: [Row]
    let points: Int
    let agreeing: Int
    let failed: Int
    let agrees: Bool
}

/// `vi3nr sweep --json`.
struct SweepJSON: Decodable {
    struct Point: Decodable {
        let sigmaP: Double
        let gain2: Double?
        let backwardCondition: EstimateJSON?

        enum CodingKeys: String, CodingKey {
            case gain2
            case sigmaP = "sigma_p"
            case backwardCondition = "backward_condition"
        }
    }

    let target: Double
    let points: [Point]
    let classification: String?
    let roots: [RootJSON]
    let svg: String?
}

/// `vi3nr table --json`.
struct TableJSON: Decodable {
    struct Row: Decodable {
        let name: String
        let line: Int
        let source: String
        let gain2: Double?
        let backwardCondition: EstimateJSON?
        let optimal: OptimalJSON?
        let errors: [String]

        enum CodingKeys: String, CodingKey {
            case name, line, source, gain2, optimal, errors
            case backwardCondition = "backward_condition"
        }
    }

    let file: String
    let sigmaP: Double
    let rows: [Row]
    let failed: Int

    enum CodingKeys: String, CodingKey {
        case file, rows, failed
        case sigmaP = "sigma_p"
    }
}

/// `vi3nr emit pytorch --json`.
struct EmitJSON: Decodable {
    let gain: Double
    let gain2: Double
    let torchExpression: String?
    let untranslatable: String?
    let code: String

    enum CodingKeys: String, CodingKey {
        case gain, gain2, code, untranslatable
        case torchExpression = "torch_expression"
    }
}
