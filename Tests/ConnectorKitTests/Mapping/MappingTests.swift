import Testing
@testable import ConnectorKit

/// Mappings: expressions, typed references, Iterable's missing-field rule, coercion.
@Suite struct MappingTests {
    let event: JSONValue = [
        "email": "ana@example.com", "eventName": "emailOpen",
        "dataFields": ["promotionId": 42, "vip": "true", "total": "12.50", "locale": .null, "empty": "",
                       "createdAt": "2026-06-10 14:02:11 +00:00", "items": [["sku": "A-1", "qty": 2], ["sku": "B-2", "qty": "1"]]],
    ]

    private func apply(_ spec: JSONValue, target: [FieldSchema]? = nil) throws -> JSONValue {
        let (mapping, diagnostics) = MappingCompiler(target: target).compile(spec)
        let compiled = try #require(mapping, "\(diagnostics)")
        return try compiled.apply(to: event)
    }

    @Test func expressionForms() throws {
        let result = try apply([
            "email": "{{email}}",
            "promo": "{{dataFields.promotionId}}",
            "promoText": "promo-{{dataFields.promotionId}}",
            "asPath": ["path": "dataFields.items[0].sku"],
            "fixed": ["literal": ["a": 1]],
            "forcedText": ["template": "{{dataFields.promotionId}}"],
            "tier": ["if": "{{eq dataFields.vip \"true\"}}", "then": "gold", "else": "basic"],
            "skus": ["each": "dataFields.items", "map": ["sku": "{{sku}}", "who": "{{email}}"]],
            "name": ["coalesce": ["{{dataFields.locale}}", "{{dataFields.empty}}", "{{eventName}}"]],
            "nested": ["a": "{{email}}", "list": ["{{eventName}}", "{{nothing}}", 3]],
            "count": 7,
        ])
        #expect(result == [
            "email": "ana@example.com", "promo": 42, "promoText": "promo-42", "asPath": "A-1", "fixed": ["a": 1],
            "forcedText": "42", "tier": "gold",
            "skus": [["sku": "A-1", "who": "ana@example.com"], ["sku": "B-2", "who": "ana@example.com"]],
            "name": "emailOpen", "nested": ["a": "ana@example.com", "list": ["emailOpen", 3]], "count": 7,
        ])
    }

    @Test func missingReferencesAreLeftOutByDefault() throws {
        let result = try apply(["a": "{{nothing}}", "b": "{{dataFields.locale}}", "c": "x{{nothing}}y", "d": ["path": "no.such"]])
        #expect(result == ["b": .null, "c": "xy"])
    }

    @Test func onMissingModes() throws {
        let result = try apply([
            "omitted": ["path": "nothing", "onMissing": "omit"],
            "nulled": ["path": "nothing", "onMissing": "null"],
            "defaulted": ["path": "nothing", "default": "n/a"],
        ])
        #expect(result == ["nulled": .null, "defaulted": "n/a"])
        let (mapping, _) = MappingCompiler().compile(["must": ["path": "nothing", "onMissing": "fail"], "other": ["path": "alsoNothing", "onMissing": "fail"]])
        let compiled = try #require(mapping)
        do {
            _ = try compiled.apply(to: event)
            Issue.record("applied")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "error at /must: 'must' has no value: its source is missing (hint: onMissing is fail; give the event the field, or choose omit, null or default)",
                "error at /other: 'other' has no value: its source is missing (hint: onMissing is fail; give the event the field, or choose omit, null or default)",
            ])
        }
    }

    @Test func valuesAreCoercedToTheTargetType() throws {
        let target = [
            FieldSchema(name: "vip", type: .boolean), FieldSchema(name: "total", type: .number), FieldSchema(name: "promo", type: .string),
            FieldSchema(name: "when", type: .dateTime), FieldSchema(name: "day", type: .date), FieldSchema(name: "qty", type: .integer),
            FieldSchema(name: "empty", type: .integer, optional: true),
        ]
        let result = try apply([
            "vip": "{{dataFields.vip}}", "total": "{{dataFields.total}}", "promo": "{{dataFields.promotionId}}",
            "when": "{{dataFields.createdAt}}", "day": "{{dataFields.createdAt}}", "qty": "{{dataFields.items.1.qty}}", "empty": "{{dataFields.empty}}",
        ], target: target)
        #expect(result == ["vip": true, "total": .number(JSONNumber(uncheckedLiteral: "12.50")), "promo": "42",
                           "when": "2026-06-10T14:02:11Z", "day": "2026-06-10", "qty": 1])
    }

    @Test func impossibleCoercionsAtRunTimeAreErrors() throws {
        let target = [FieldSchema(name: "n", type: .integer), FieldSchema(name: "b", type: .boolean)]
        let (mapping, _) = MappingCompiler(target: target).compile(["n": "{{email}}", "b": "{{eventName}}"])
        let compiled = try #require(mapping)
        do {
            _ = try compiled.apply(to: event)
            Issue.record("applied")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "'n': the value \"ana@example.com\" is not an integer (target type integer)",
                "'b': the value \"emailOpen\" is not true/false/yes/no/1/0 (target type boolean)",
            ])
        }
    }
}
