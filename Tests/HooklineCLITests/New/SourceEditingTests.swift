@testable import hookline
import Testing

@Suite struct SourceEditingTests {
    @Test func appendsToOneLineAndMultiLineArrays() throws {
        let oneLine = "public var actions: [any Action] { [A(), B(x: [1, 2])] }"
        #expect(try SourceEditing.appendingToArray(in: oneLine, after: "var actions: [any Action]", element: "C()", file: "f")
            == "public var actions: [any Action] { [A(), B(x: [1, 2]), C()] }")
        let empty = "var actions: [any Action] { [] }"
        #expect(try SourceEditing.appendingToArray(in: empty, after: "var actions: [any Action]", element: "C()", file: "f")
            == "var actions: [any Action] { [C()] }")
        let multiLine = "var actions: [any Action] {\n    [\n        A(),\n        B(\"]\")\n    ]\n}"
        #expect(try SourceEditing.appendingToArray(in: multiLine, after: "var actions: [any Action]", element: "C()", file: "f")
            == "var actions: [any Action] {\n    [\n        A(),\n        B(\"]\"),\n        C(),\n    ]\n}")
        #expect(throws: ScaffoldError("f: found no 'var actions: [any Action]', so C() could not be added; add it by hand")) {
            try SourceEditing.appendingToArray(in: "let x = 1", after: "var actions: [any Action]", element: "C()", file: "f")
        }
    }

    @Test func addsImportsInOrder() {
        #expect(SourceEditing.addingImport("BConnector", to: "import A\nimport C\n\nx") == "import A\nimport BConnector\nimport C\n\nx")
        #expect(SourceEditing.addingImport("Z", to: "import A\n\nx") == "import A\nimport Z\n\nx")
        #expect(SourceEditing.addingImport("A", to: "import A\n") == "import A\n")
    }

    @Test func namesAreDerivedAndChecked() throws {
        let connector = try ConnectorNames("AcmeCrm")
        #expect(connector.id == "acmecrm")
        #expect(connector.target == "AcmeCrmConnector")
        let action = try ActionNames("get_v2_user")
        #expect(action.type == "GetV2User")
        #expect(action.schemaFolder == "get-v2-user")
        #expect(action.samplesMember == "getV2UserSamples")
        #expect(ScaffoldNaming.snakeCase("CreateContact") == "create_contact")
        #expect(ScaffoldNaming.upperCamel("acme-crm") == "AcmeCrm")
        #expect(throws: ScaffoldError.self) { try ActionNames("create__contact") }
        #expect(throws: ScaffoldError.self) { try ActionNames("2fa_reset") }
        #expect(throws: ScaffoldError.self) { try ConnectorNames("") }
    }
}
