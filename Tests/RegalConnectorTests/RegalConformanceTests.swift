import ConnectorKit
import ConnectorTesting
import RegalConnector
import Testing

@Suite struct RegalConformanceTests {
    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(RegalConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(RegalConnector().versionedID == "regal@1")
    }
}
