import Testing
@testable import ConnectorKit

/// Uniting schemas: a trigger's schema with a flow's own samples.
@Suite struct FieldSchemaUnionTests {
    static let trigger = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "email", type: .string, format: .email),
        FieldSchema(name: "workflowId", type: .integer),
        FieldSchema(name: "total", type: .integer),
        FieldSchema(name: "signup", type: .date),
        FieldSchema(name: "tags", type: .array, of: FieldSchema(name: "", type: .string)),
        FieldSchema(name: "profile", type: .object, properties: [FieldSchema(name: "city", type: .string)]),
    ])

    static let samples = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "email", type: .string, format: .email),
        FieldSchema(name: "total", type: .number),
        FieldSchema(name: "signup", type: .string, nullable: true),
        FieldSchema(name: "tags", type: .array, of: FieldSchema(name: "", type: .integer)),
        FieldSchema(name: "profile", type: .object, properties: [FieldSchema(name: "zip", type: .string)]),
        FieldSchema(name: "lastName", type: .string),
    ])

    @Test func membersOnOneSideBecomeOptionalAndTypesWiden() throws {
        let united = Self.trigger.union(Self.samples)
        #expect(united.properties?.map(\.name) == ["email", "workflowId", "total", "signup", "tags", "profile", "lastName"])
        #expect(united.property(named: "email") == FieldSchema(name: "email", type: .string, format: .email))
        #expect(united.property(named: "workflowId")?.optional == true)
        #expect(united.property(named: "lastName")?.optional == true)
        #expect(united.property(named: "total")?.type == .number)
        let signup = try #require(united.property(named: "signup"))
        #expect(signup.type == .string && signup.nullable)
        #expect(united.property(named: "tags")?.of?.value.type == .any)
        let profile = try #require(united.property(named: "profile"))
        #expect(profile.properties?.map(\.name) == ["city", "zip"])
        #expect(profile.properties?.allSatisfy(\.optional) == true)
    }

    @Test func theUnionAcceptsWhatEitherSideAccepts() {
        let united = Self.trigger.union(Self.samples)
        let fromTrigger: JSONValue = ["email": "a@example.com", "workflowId": 7, "total": 3, "signup": "2026-01-02", "tags": ["x"], "profile": ["city": "Austin"]]
        let fromSamples: JSONValue = ["email": "b@example.com", "total": 2.5, "signup": .null, "tags": [1], "profile": ["zip": "78701"], "lastName": "Lima"]
        #expect(Self.trigger.validate(fromTrigger).isEmpty)
        #expect(Self.samples.validate(fromSamples).isEmpty)
        #expect(united.validate(fromTrigger).isEmpty)
        #expect(united.validate(fromSamples).isEmpty)
        #expect(!Self.trigger.validate(fromSamples).isEmpty, "the trigger alone refuses the samples' event")
    }

    @Test func formatsAndPickListsStayOnlyWhereBothAgree() {
        let left = FieldSchema(name: "", type: .string, format: .email, pickList: ["a", "b"])
        #expect(left.union(FieldSchema(name: "", type: .string, format: .uri, pickList: ["c"])) == FieldSchema(name: "", type: .string, pickList: ["a", "b", "c"]))
        #expect(left.union(FieldSchema(name: "", type: .string)).pickList == nil)
        #expect(FieldSchema(name: "", type: .boolean).union(FieldSchema(name: "", type: .object, properties: [])).type == .any)
    }

    @Test func theUnionIsCommutativeUpToOrderAndIdempotent() {
        let forth = Self.trigger.union(Self.samples)
        let back = Self.samples.union(Self.trigger)
        #expect(Self.membersSorted(forth) == Self.membersSorted(back))
        #expect(forth.union(forth) == forth)
    }

    /// `schema` with every object's members sorted by name (the union keeps the left side's order).
    static func membersSorted(_ schema: FieldSchema) -> FieldSchema {
        var sorted = schema
        sorted.properties = schema.properties?.map(membersSorted).sorted { $0.name < $1.name }
        sorted.of = schema.of.map { Box(membersSorted($0.value)) }
        return sorted
    }

    @Test func extendingLetsTheSamplesDecideWhatIsRequired() throws {
        let extended = Self.trigger.extended(with: Self.samples)
        #expect(extended.property(named: "lastName")?.optional == false, "every sample has it")
        #expect(extended.property(named: "workflowId")?.optional == true, "no sample has it")
        #expect(extended.property(named: "email")?.optional == false)
        let optionalInSamples = FieldSchema(name: "", type: .object, properties: [FieldSchema(name: "email", type: .string, optional: true)])
        #expect(Self.trigger.extended(with: optionalInSamples).property(named: "email")?.optional == true)
    }
}
