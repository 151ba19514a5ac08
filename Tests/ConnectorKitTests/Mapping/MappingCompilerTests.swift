import Testing
@testable import ConnectorKit

/// Compile-time checks against source and target schemas.
@Suite struct MappingCompilerTests {
    /// The source: as inferred from Iterable journey webhook samples.
    static let source = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "email", type: .string, format: .email),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, format: .phone),
        FieldSchema(name: "firstName", type: .string),
        FieldSchema(name: "workflowId", type: .integer),
        FieldSchema(name: "profile", type: .object, properties: [FieldSchema(name: "city", type: .string, nullable: true)]),
        FieldSchema(name: "items", type: .array, optional: true, of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "sku", type: .string), FieldSchema(name: "price", type: .number),
        ])),
        FieldSchema(name: "extra", type: .any),
    ])

    /// The target: Cloutly's review automation contact.
    static let target = [
        FieldSchema(name: "email", type: .string, optional: true, format: .email, requiredGroup: "contact"),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, format: .phone, requiredGroup: "contact"),
        FieldSchema(name: "firstName", type: .string, optional: true),
        FieldSchema(name: "locationIdentifier", type: .string),
        FieldSchema(name: "lines", type: .array, optional: true, of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "code", type: .string), FieldSchema(name: "amount", type: .number, optional: true),
        ])),
    ]

    private func diagnostics(_ spec: JSONValue) -> [String] {
        MappingCompiler(source: Self.source, target: Self.target).compile(spec).diagnostics.map(\.description)
    }

    @Test func aGoodMappingCompilesClean() {
        let result = MappingCompiler(source: Self.source, target: Self.target).compile([
            "email": "{{email}}", "firstName": "{{firstName}}", "locationIdentifier": "loc-{{workflowId}}",
            "lines": ["each": "items", "map": ["code": "{{sku}}", "amount": "{{price}}"]],
        ])
        #expect(result.mapping != nil)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func unknownSourcePathsSuggestTheCloseName() {
        let found = diagnostics(["email": "{{emial}}", "firstName": "{{profile.ctiy}}", "locationIdentifier": "{{extra.anything.goes}}"])
        #expect(found.contains("error at /email: unknown source path 'emial': the event has no member 'emial' (hint: did you mean 'email'?)"))
        #expect(found.contains("error at /firstName: unknown source path 'profile.ctiy': 'profile' has no member 'ctiy' (hint: did you mean 'profile.city'?)"))
        #expect(found.count == 2, "\(found)")
    }

    @Test func templatesAndEachAreCheckedInside() {
        let found = diagnostics([
            "email": "{{email}}", "locationIdentifier": "{{lowercase firstNme}}-{{#each items}}{{anything}}{{/each}}",
            "lines": ["each": "items", "map": ["code": "{{skuu}}", "amount": "{{workflowId}}"]],
        ])
        #expect(found.contains { $0.hasPrefix("error at /locationIdentifier: unknown source path 'firstNme'") })
        #expect(found.contains { $0.hasPrefix("error at /lines/map/code: unknown source path 'skuu': the event has no member 'skuu' (hint: did you mean 'sku'?)") })
        #expect(found.count == 2, "\(found)")
    }

    @Test func targetChecks() {
        let found = diagnostics(["firstNam": "{{firstName}}"])
        #expect(found.contains("error at /firstNam: unknown target field 'firstNam' (hint: did you mean 'firstName'?)"))
        #expect(found.contains("error at (mapping): missing required field 'locationIdentifier' (hint: map 'locationIdentifier' (string))"))
        #expect(found.contains("error at (mapping): map at least one of email, phoneNumber (hint: the action needs one of them (group 'contact'))"))
    }

    @Test func impossibleCoercionsAndWarnings() {
        let found = diagnostics(["email": "{{profile}}", "phoneNumber": "{{phoneNumber}}", "locationIdentifier": "{{items}}",
                                 "lines": "{{firstName}}", "firstName": "{{profile.city}}"])
        #expect(found.contains("error at /email: 'profile' is an object and cannot become the string field 'email'"))
        #expect(found.contains("error at /locationIdentifier: 'items' is an array and cannot become the string field 'locationIdentifier'"))
        #expect(found.contains("error at /lines: 'firstName' is a string and cannot become the array field 'lines'"))
        #expect(found.contains("warning at /firstName: 'profile.city' may be null but 'firstName' is not nullable"))
        #expect(found.first?.hasPrefix("error") == true, "errors come first")
    }

    @Test func specErrors() {
        let found = diagnostics([
            "email": ["path": "email", "onMissing": "skip"], "phoneNumber": ["pth": "x", "path": "phoneNumber"],
            "locationIdentifier": "{{#if email}}x", "firstName": ["default": "x", "onMissing": "default"],
            "lines": ["each": "items"],
        ])
        #expect(found.contains("error at /email/onMissing: onMissing must be one of omit, null, default, fail"))
        #expect(found.contains("error at /phoneNumber/pth: unknown key 'pth' in a mapping expression (hint: did you mean 'path'?)"))
        #expect(found.contains { $0.hasPrefix("error at /locationIdentifier: template: {{#if}} is never closed: add {{/if}} at 1:1") })
        #expect(found.contains("error at /lines: each needs map: {field: expression, ...} for each element"))
    }

    @Test func locationsComeFromTheFile() {
        let compiler = MappingCompiler(source: Self.source, target: nil, locate: { pointer in pointer == "/email" ? "m.yaml:3:8" : nil })
        let found = compiler.compile(["email": "{{emial}}"]).diagnostics.map(\.description)
        #expect(found == ["error at m.yaml:3:8 (/email): unknown source path 'emial': the event has no member 'emial' (hint: did you mean 'email'?)"])
    }
}

/// Sources the sender composes, and targets that take any extra key.
@Suite struct MappingCompilerOpenSchemaTests {
    @Test func anOpenSourceWarnsWhereAClosedOneFails() throws {
        let spec: JSONValue = ["locationIdentifier": "{{lastName}}", "email": "{{emial}}"]
        let closed = MappingCompiler(source: MappingCompilerTests.source, target: MappingCompilerTests.target).compile(spec)
        #expect(closed.mapping == nil)
        #expect(closed.diagnostics.filter { $0.severity == .error }.count == 2)

        var compiler = MappingCompiler(source: MappingCompilerTests.source, target: MappingCompilerTests.target)
        compiler.sourceIsOpen = true
        compiler.openSourceHint = "add a sample"
        let open = compiler.compile(spec)
        #expect(open.mapping != nil)
        #expect(open.diagnostics.map(\.description) == [
            "warning at /locationIdentifier: unknown source path 'lastName': the event has no member 'lastName' (hint: add a sample)",
            "warning at /email: unknown source path 'emial': the event has no member 'emial' (hint: did you mean 'email'? Otherwise add a sample)",
        ])
        // Known paths keep their checks on an open source.
        let typed = compiler.compile(["locationIdentifier": "x", "lines": "{{firstName}}"])
        #expect(typed.mapping == nil)
    }

    @Test func anOpenTargetObjectTakesUnknownKeysAndChecksKnownOnes() throws {
        let traits = FieldSchema(name: "traits", type: .object, properties: [
            FieldSchema(name: "phone", type: .string, optional: true, format: .phone),
            FieldSchema(name: "vip", type: .boolean, optional: true),
        ], additionalProperties: FieldSchema(name: "", type: .any))
        let compiler = MappingCompiler(source: MappingCompilerTests.source, target: [traits])
        let result = compiler.compile(["traits": ["custom1": "{{firstName}}", "custom2": ["path": "workflowId"], "vip": "true"]])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let mapping = try #require(result.mapping)
        let output = try mapping.apply(to: ["firstName": "Ana", "workflowId": 42, "email": "a@example.com"])
        #expect(output == ["traits": ["custom1": "Ana", "custom2": 42, "vip": true]])

        let bad = compiler.compile(["traits": ["vip": ["literal": [1]], "custom1": "{{nope}}"]])
        #expect(bad.mapping == nil)
        #expect(bad.diagnostics.contains { $0.description.contains("unknown source path 'nope'") })
        #expect(bad.diagnostics.contains { $0.description.contains("/traits/vip") })

        let closed = FieldSchema(name: "traits", type: .object, properties: traits.properties)
        let refused = MappingCompiler(source: MappingCompilerTests.source, target: [closed]).compile(["traits": ["custom1": "x"]])
        #expect(refused.diagnostics.map(\.message) == ["unknown target field 'custom1'"])
    }
}
