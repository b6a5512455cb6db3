/// A JSON value with object keys in the order they were written, so that
/// output is stable from run to run.
///
/// Non-finite numbers have no JSON form: `number` writes them as `null`,
/// and the command that produced them adds a `…_error` key that says why
/// (see `JSONValue.number(_:)`).
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case unsignedInteger(UInt64)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The value as JSON text on one line, ending without a newline.
    ///
    /// Numbers use the shortest form that reads back as the same `Double`;
    /// NaN and infinities become `null`.
    func rendered() -> String {
        var text = ""
        write(into: &text)
        return text
    }
}

// MARK: - Writing

private extension JSONValue {
    func write(into text: inout String) {
        switch self {
        case .null:
            text += "null"
        case .bool(let value):
            text += value ? "true" : "false"
        case .number(let value):
            text += value.isFinite ? NumberText.shortest(value) : "null"
        case .integer(let value):
            text += String(value)
        case .unsignedInteger(let value):
            text += String(value)
        case .string(let value):
            JSONValue.writeString(value, into: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                element.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += ", " }
                JSONValue.writeString(member.key, into: &text)
                text += ": "
                member.value.write(into: &text)
            }
            text += "}"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8.
    static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
