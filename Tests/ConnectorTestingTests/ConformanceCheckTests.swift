import ConnectorKit
import ConnectorTesting
import Testing

private struct BadAction: Action {
    let id = "Bad-Action"
    let inputFields = [FieldSchema(name: "email", type: .string, format: .email), FieldSchema(name: "email", type: .string)]
    var samples: [JSONValue] { [["email": 5]] }
    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue { input }
}

private struct SilentTrigger: Trigger {
    let id = "silent"
    let outputSchema = FieldSchema(name: "", type: .object, properties: [FieldSchema(name: "n", type: .integer)])
}

private struct SampledTrigger: Trigger {
    let id = "sampled"
    let outputSchema = FieldSchema(name: "", type: .object, properties: [FieldSchema(name: "n", type: .integer)])
    var samples: [JSONValue] { [["n": 1], ["n": "two"]] }
}

private struct Broken: Connector {
    let id = "Broken_1"
    let connection = ConnectionSpec(auth: [.none], baseURL: "ftp://nowhere")
    var triggers: [any Trigger] { [SilentTrigger(), SampledTrigger()] }
    var actions: [any Action] { [BadAction()] }
}

@Suite struct ConformanceCheckTests {
    @Test func reportsEveryBreachWithItsPlace() {
        let problems = ConnectorConformance.check(Broken())
        let text = problems.map(\.description).joined(separator: "\n")
        for fragment in ["connector id 'Broken_1'", "base URL 'ftp://nowhere'", "action id 'Bad-Action' is not snake_case",
                         "field 'email' is declared twice", "Bad-Action/samples/0/email", "triggers/silent",
                         "ships no sample events", "triggers/sampled/samples/1/n"] {
            #expect(text.contains(fragment), "missing \(fragment) in:\n\(text)")
        }
        #expect(!text.contains("triggers/sampled/samples/0"), "a valid sample is not reported")
    }
}

private struct Echoing: Connector {
    let id = "echoing"
    let connection = ConnectionSpec.none(baseURL: "https://echo.invalid")
    var actions: [any Action] { [Checked(), Unchecked()] }

    /// Refuses an empty `text` before sending.
    struct Checked: Action {
        let id = "checked"
        let inputFields = [FieldSchema(name: "text", type: .string)]
        func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
            guard input["text"] != "" else { throw ConnectorError.invalidInput("text is empty") }
            return try await context.sendJSON(.post, "echo", body: input)
        }
    }

    /// Sends first, complains after: what `refusal` must catch.
    struct Unchecked: Action {
        let id = "unchecked"
        let inputFields = [FieldSchema(name: "text", type: .string)]
        func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
            _ = try await context.sendJSON(.post, "echo", body: input)
            throw ConnectorError.invalidInput("text is empty")
        }
    }
}

@Suite struct RefusalTests {
    @Test func passesOnlyForAnInvalidInputErrorWithNothingSent() async throws {
        try await withConnectorTestKit(Echoing()) { kit in
            let error = try await kit.refusal("checked", ["text": ""])
            #expect(error.message == "text is empty")
            await #expect(throws: ConnectorTestKitError.self) { _ = try await kit.refusal("checked", ["text": "hi"]) }
            await #expect(throws: ConnectorTestKitError.self) { _ = try await kit.refusal("unchecked", ["text": ""]) }
        }
    }
}
