import Testing
@testable import ConnectorKit
@Test func placeholder() { #expect(JSONValue.integer(1) == 1) }
