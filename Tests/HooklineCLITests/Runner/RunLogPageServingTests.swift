import ConnectorKit
import ConnectorTesting
import Foundation
import HooklineHTTP
import Testing

/// `hookline run` serving the run-log page and `/api/flows/{id}`: content types, the security
/// headers, and the flow detail behind the admin token.
@Suite("hookline run: run-log page and flow API")
struct RunLogPageServingTests {
    private static let transport = HTTPClientTransport()

    private func get(_ url: String) async throws -> HTTPResponse {
        try await Self.transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(15))
    }

    @Test("/ and every file it links are served with their type, a strict CSP, nosniff and no token needed")
    func servesThePageWithItsHeaders() async throws {
        let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: "http://127.0.0.1:9"))
        let runner = try await sandbox.start()
        let page = try await get(runner.baseURL + "/")
        #expect(page.status == 200)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        #expect(page.headers["Content-Security-Policy"] == policy)
        #expect(page.headers["X-Content-Type-Options"] == "nosniff")
        #expect(page.headers["X-Frame-Options"] == "DENY")
        #expect(page.headers["Referrer-Policy"] == "no-referrer")
        let html = page.bodyText
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.contains(RunnerProcess.defaultAdminToken), "the page holds no secret")

        let linked = html.matches(of: /(?:src|href)="(\/ui\/[^"]+)"/).map { String($0.output.1) }
        #expect(Set(linked) == ["/ui/page.css", "/ui/icon.svg", "/ui/common.js", "/ui/runs.js", "/ui/flows.js", "/ui/main.js"])
        let types = [".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"]
        for path in Set(linked) {
            let file = try await get(runner.baseURL + path)
            #expect(file.status == 200, "\(path)")
            #expect(file.headers["Content-Type"] == types.first { path.hasSuffix($0.key) }?.value, "\(path)")
            #expect(file.headers["Content-Security-Policy"] == policy, "\(path)")
            #expect(file.headers["X-Content-Type-Options"] == "nosniff", "\(path)")
            #expect(!file.body.isEmpty, "\(path)")
        }
        #expect(try await get(runner.baseURL + "/ui/missing.js").status == 404)
        #expect(try await runner.terminate() == 0)
    }

    @Test("/api/flows/{id}: trigger fields and each step's action fields and mapping, behind the token")
    func servesAFlowsSchemaAndMappings() async throws {
        let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: "http://127.0.0.1:9"))
        let runner = try await sandbox.start()
        #expect(try await runner.api("flows/opens", token: "not-the-token-000000").status == 401)
        let noToken = try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/api/flows/opens"))
        #expect(noToken.status == 401)

        let reply = try await runner.api("flows/opens")
        #expect(reply.status == 200)
        let flow = try #require(reply.json)
        #expect(flow["id"] == "opens")
        #expect(flow["trigger"]?["connector"] == "iterable@1")
        #expect(flow["trigger"]?["trigger"] == "system_webhook")
        let fields = try #require(flow["trigger"]?["fields"]?.arrayValue)
        let email = try #require(fields.first { $0["name"] == "email" })
        #expect(email["type"] == "string")
        #expect(fields.contains { $0["name"] == "eventName" && $0["optional"] == nil }, "eventName is required")

        let step = try #require(flow["steps"]?.arrayValue?.first)
        #expect(step["id"] == "track")
        #expect(step["action"] == "track_event")
        #expect(step["connection"] == "iterable")
        #expect(step["maxAttempts"] == 3)
        #expect(step["mapping"] == ["email": "{{email}}", "eventName": "webhook_{{eventName}}", "dataFields": ["path": "dataFields"]])
        let inputs = try #require(step["inputFields"]?.arrayValue)
        #expect(inputs.contains { $0["name"] == "eventName" && $0["type"] == "string" })

        let missing = try await runner.api("flows/nope")
        #expect(missing.status == 404)
        #expect(missing.json?["error"] == "no flow 'nope'")
        #expect(try await runner.terminate() == 0)
    }

    @Test("Without server.adminToken the page is served and the flow API says it is off")
    func flowAPIIsOffWithoutAnAdminToken() async throws {
        let config = RunnerConfigs.iterable(sinkURL: "http://127.0.0.1:9")
            .replacingOccurrences(of: "  adminToken: \(RunnerProcess.defaultAdminToken)\n", with: "  maxBodyBytes: 65536\n")
        let sandbox = try RunnerSandbox(config: config)
        let runner = try await RunnerProcess.start(config: sandbox.configPath, store: sandbox.storePath,
                                                   environment: RunnerSandbox.environment, adminToken: nil)
        #expect(try await get(runner.baseURL + "/").status == 200)
        let off = try await runner.api("flows/opens", token: "any-token-0000000000")
        #expect(off.status == 403)
        #expect(off.json?["error"] == "the operator API is off: set server.adminToken in the config")
        #expect(try await runner.terminate() == 0)
    }
}
