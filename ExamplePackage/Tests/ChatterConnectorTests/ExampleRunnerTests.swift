import ChatterConnector
import ConnectorKit
import ConnectorTesting
import Foundation
import HooklineConnectors
import HooklineHTTP
import HooklineRuntime
import Logging
import Testing

/// The package's example config, run the way `hookline-examples` runs it: the built-in
/// connectors plus Chatter, `Runner.run` serving on a free loopback port, and Chatter's API
/// played by a loopback server.
@Suite struct ExampleRunnerTests {
    static let configPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/iterable-bounces-to-chatter.yaml").path
    static let registry = BuiltInConnectors.registry(adding: [ChatterConnector()])
    static let secret = "hook-secret-for-the-example-test"
    static let token = "xoxb-example-test-token"

    @Test func theExampleConfigIsValidWithTheExtraConnector() throws {
        let config = try RunnerConfig.load(path: Self.configPath, registry: Self.registry, environment: [:])
        #expect(config.warnings.isEmpty, "\(config.warnings)")
        #expect(config.flows.map(\.id) == ["bounces-to-chatter"])
        // Without Chatter registered the config names an unknown connector.
        #expect(throws: ConfigError.self) { try RunnerConfig.load(path: Self.configPath, registry: BuiltInConnectors.registry, environment: [:]) }
    }

    @Test func aBounceWebhookBecomesAChatterMessage() async throws {
        let chatter = try await LoopbackServer.start()
        chatter.setFallback(.json(200, ["ok": true, "ts": "1718000001.000200", "channel": "C0DELIVER"]))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let config = try RunnerConfig.load(path: Self.configPath, registry: Self.registry, environment: [
            "CHATTER_TOKEN": Self.token, "CHATTER_BASE_URL": chatter.baseURL, "HOOK_SECRET": Self.secret,
        ])
        let store = try await Runner.openStore("sqlite:" + folder.appendingPathComponent("runs.sqlite").path)
        let (bound, listening) = AsyncStream.makeStream(of: ListenAddress.self)
        let runner = Task {
            try await Runner.run(config: config, store: store, listen: ListenAddress("127.0.0.1:0")!, logger: Logger(label: "example-test")) {
                listening.yield($0)
                listening.finish()
            }
        }
        defer { runner.cancel() }
        var addresses = bound.makeAsyncIterator()
        let address = try #require(await addresses.next())

        let event: JSONValue = ["email": "ana@example.com", "eventName": "emailBounce",
                                "dataFields": ["email": "ana@example.com", "campaignId": 5123456, "createdAt": "2026-06-10 14:02:11 +00:00"]]
        var webhook = HTTPRequest.json(.post, "http://\(address)/hooks/bounces-to-chatter", event)
        webhook.headers.replace("X-Hookline-Secret", Self.secret)
        let accepted = try await HTTPClientTransport().send(webhook, timeout: .seconds(10))
        #expect(accepted.status == 202)

        // Delivery is asynchronous: wait (up to 20 s) for the message to reach Chatter.
        for _ in 0..<200 where chatter.requests.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        let message = try #require(chatter.requests.first)
        #expect(message.path == "/api/chat.postMessage")
        #expect(message.headers["Authorization"] == "Bearer \(Self.token)")
        #expect(message.json == ["channel": "#deliverability", "text": "emailBounce: ana@example.com (campaign 5123456)", "username": "Hookline"])

        runner.cancel()
        _ = await runner.result
        try await chatter.shutdown()
    }
}
