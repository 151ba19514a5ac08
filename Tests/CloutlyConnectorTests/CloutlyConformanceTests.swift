import ConnectorKit
import ConnectorTesting
import CloutlyConnector
import Testing

@Suite struct CloutlyConformanceTests {
    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(CloutlyConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(CloutlyConnector().versionedID == "cloutly@1")
    }
}
