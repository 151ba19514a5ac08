import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableConformanceTests {
    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(IterableConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(IterableConnector().versionedID == "iterable@1")
    }
}
