import ConnectorKit
import ConnectorTesting
import WebhookConnector
import Testing

@Suite struct WebhookConformanceTests {
    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(WebhookConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(WebhookConnector().versionedID == "webhook@1")
    }
}
