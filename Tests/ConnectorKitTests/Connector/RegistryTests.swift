import ConnectorKit
import Testing

private struct Echo: Action {
    let id = "echo"
    let inputFields = [FieldSchema(name: "text", type: .string)]
    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue { input }
}

private struct Sample: Connector {
    let id: String
    let version: Int
    let connection = ConnectionSpec.none(baseURL: "https://x.example")
    var actions: [any Action] { [Echo()] }
}

@Suite struct RegistryTests {
    let registry = ConnectorRegistry([Sample(id: "demo", version: 1), Sample(id: "demo", version: 2), Sample(id: "other", version: 1)])

    @Test func looksUpByIdAndVersion() throws {
        #expect(try registry.connector("demo").version == 2)
        #expect(try registry.connector("demo@1").version == 1)
        #expect(try registry.action("demo@2", "echo").action.id == "echo")
    }

    @Test func unknownNamesSuggestTheClosest() {
        #expect(throws: ConnectorLookupError("unknown connector 'dem'", hint: "did you mean 'demo'?")) { try registry.connector("dem") }
        #expect(throws: ConnectorLookupError.self) { try registry.connector("demo@3") }
        #expect(throws: ConnectorLookupError.self) { try registry.connector("demo@x") }
        #expect(throws: ConnectorLookupError("connector demo@2 has no action 'ech'", hint: "did you mean 'echo'?")) { try registry.action("demo", "ech") }
    }

    @Test func defaultsGiveNamesAndVersionedIDs() {
        let connector = Sample(id: "demo", version: 1)
        #expect(connector.versionedID == "demo@1")
        #expect(Echo().name == "Echo")
        #expect(connector.name == "Demo")
    }

    @Test func runChecksInputBeforePerforming() async throws {
        struct Refusing: HTTPTransport {
            func send(_ request: HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> HTTPResponse {
                throw HTTPTransportError(.connection, "no network in this test")
            }
        }
        let context = try Sample(id: "demo", version: 1).context(Connection(), transport: Refusing())
        #expect(try await Echo().run(["text": "hi"], context: context) == ["text": "hi"])
        do {
            _ = try await Echo().run(["text": 5], context: context)
            Issue.record("must fail")
        } catch {
            #expect(error.code == "invalid_input")
            #expect(error.message.contains("/text"))
        }
    }
}
