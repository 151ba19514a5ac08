import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// Every secret a config holds (webhook secrets, the admin token, API keys, passwords, bearer
/// tokens, OAuth client credentials and the tokens they fetch) stays out of everything the
/// runner writes or answers, through successes, failures and refused credentials.
@Suite("hookline run: secrets stay secret")
struct RunnerSecretsTests {
    /// Every configured secret, by the environment variable the config reads it from.
    static let secrets: [String: String] = [
        "HOOK_SECRET": "hook-secret-6a1f9c3e5b7d",
        "SIGNING_SECRET": "whsec_" + Data("signing-key-0123456789abcdef".utf8).base64EncodedString(),
        "ADMIN_TOKEN": "admin-token-4e8b2d6f0a1c3e5f",
        "ITERABLE_API_KEY": RunnerSandbox.apiKey,
        "BASIC_USER": "basic-user-7c2e",
        "BASIC_PASSWORD": "basic-password-9d3f1b5a",
        "BEARER_TOKEN": "bearer-token-2b6d0f4a8c",
        "OAUTH_CLIENT_ID": "oauth-client-id-5e9a",
        "OAUTH_CLIENT_SECRET": "oauth-client-secret-1f7b3d",
    ]
    /// The access token the OAuth token endpoint hands out.
    static let accessToken = "oauth-access-token-8a4c0e2b6d"

    /// What must never show up: each secret, the access token, and the encodings sent on the wire.
    static var needles: [String: String] {
        var needles = secrets
        needles["access token"] = accessToken
        needles["Basic credentials"] = Data("\(secrets["BASIC_USER"]!):\(secrets["BASIC_PASSWORD"]!)".utf8).base64EncodedString()
        needles["OAuth client credentials"] = Data("\(secrets["OAUTH_CLIENT_ID"]!):\(secrets["OAUTH_CLIENT_SECRET"]!)".utf8).base64EncodedString()
        needles["signing key"] = String(secrets["SIGNING_SECRET"]!.dropFirst("whsec_".count))
        return needles
    }

    static func config(sinkURL: String) -> String {
        func webhookStep(_ id: String) -> String {
            """
                  - id: \(id)
                    connector: webhook
                    action: send
                    connection: \(id)
                    timeoutSeconds: 1
                    retry: {attempts: 2, delaySeconds: 0.1}
                    mapping: {url: "/\(id)", body: {email: "{{email}}"}}
            """
        }
        return """
            server:
              adminToken: ${ADMIN_TOKEN}
            delivery: {pollSeconds: 0.05, workers: 2}
            connections:
              iterable: {connector: iterable, apiKey: "${ITERABLE_API_KEY}", baseURL: "\(sinkURL)"}
              basic: {connector: webhook, auth: basic, username: "${BASIC_USER}", password: "${BASIC_PASSWORD}", baseURL: "\(sinkURL)"}
              bearer: {connector: webhook, auth: bearer, token: "${BEARER_TOKEN}", baseURL: "\(sinkURL)"}
              oauth:
                connector: webhook
                auth: oauth2-client-credentials
                clientId: ${OAUTH_CLIENT_ID}
                clientSecret: ${OAUTH_CLIENT_SECRET}
                tokenURL: \(sinkURL)/oauth/token
                baseURL: \(sinkURL)
            flows:
              shared:
                trigger: {connector: iterable, trigger: system_webhook, verify: {header: X-Hook-Secret, secret: "${HOOK_SECRET}"}}
                steps:
                  - id: track
                    connector: iterable
                    action: track_event
                    connection: iterable
                    timeoutSeconds: 1
                    retry: {attempts: 2, delaySeconds: 0.1}
                    mapping: {email: "{{email}}", eventName: "{{eventName}}"}
            \(webhookStep("basic"))
            \(webhookStep("bearer"))
            \(webhookStep("oauth"))
              signed:
                trigger: {connector: iterable, trigger: system_webhook, verify: {standardWebhooks: "${SIGNING_SECRET}"}}
                steps:
                  - id: track
                    connector: iterable
                    action: track_event
                    connection: iterable
                    mapping: {email: "{{email}}", eventName: "{{eventName}}"}
            """
    }

    /// A sink answer that echoes every secret back, as a careless API might in an error body.
    static func echo(_ status: Int) -> CannedResponse {
        .status(status, body: "refused: " + needles.values.sorted().joined(separator: " | "))
    }

    @Test("After successes, failures (with secrets echoed by the API) and refused credentials, no secret is in output, logs, the store or any answer")
    func noSecretAnywhere() async throws {
        try await withSink { sink in
            sink.setFallback(.json(200, ["access_token": .string(Self.accessToken), "token_type": "Bearer", "expires_in": 3600]), path: "/oauth/token")
            let sandbox = try RunnerSandbox(config: Self.config(sinkURL: sink.baseURL))
            let runner = try await sandbox.start(environment: Self.secrets, arguments: ["--log-level", "trace"], adminToken: Self.secrets["ADMIN_TOKEN"])
            var answers: [String] = []
            let hookHeaders: HTTPHeaders = ["X-Hook-Secret": Self.secrets["HOOK_SECRET"]!]

            // Success through every connection (the OAuth token is fetched).
            let ok = try await runner.post("shared", event: RunnerConfigs.event(1), headers: hookHeaders)
            #expect(ok.status == 202, "\(ok.text)")
            let okRun = try await runner.finishedRun(try #require(ok.json?["runId"]?.stringValue))
            #expect(okRun["status"] == "succeeded", "\(okRun)")
            #expect(sink.requests(to: "/oauth/token").count == 1)
            #expect(sink.requests(to: "/basic").first?.headers["Authorization"] == "Basic " + Self.needles["Basic credentials"]!)
            #expect(sink.requests(to: "/oauth").first?.headers["Authorization"] == "Bearer " + Self.accessToken)
            let okID = try #require(okRun["id"]?.stringValue)
            for step in ["basic", "bearer", "oauth"] {
                #expect(sink.requests(to: "/\(step)").first?.headers["Idempotency-Key"] == "\(okID):\(step)", "every delivery carries its key")
            }

            // Failures whose bodies echo every secret, one run at a time: permanent (400), retried
            // until the attempts run out (503, 503), refused credentials (401 for Basic; 401s for
            // OAuth, which fetches new tokens first).
            var failedRuns: [String] = []
            for (n, responses, path) in [(2, [Self.echo(400)], "/api/events/track"), (3, [Self.echo(503), Self.echo(503)], "/bearer"),
                                         (4, [Self.echo(401)], "/basic"), (5, Array(repeating: Self.echo(401), count: 8), "/oauth")] {
                for response in responses { sink.enqueue(response, path: path) }
                let reply = try await runner.post("shared", event: RunnerConfigs.event(n), headers: hookHeaders)
                let id = try #require(reply.json?["runId"]?.stringValue)
                let run = try await runner.finishedRun(id)
                #expect(run["status"] == "failed", "event \(n): \(run)")
                failedRuns.append(id)
                answers.append(run.serialized())
            }
            #expect(sink.requests(to: "/oauth/token").count > 1, "a 401 made the OAuth connection fetch a new token")

            // Refused senders and operators.
            for headers: HTTPHeaders in [[:], ["X-Hook-Secret": Self.secrets["HOOK_SECRET"]! + "x"], ["X-Hook-Secret": String(Self.secrets["HOOK_SECRET"]!.dropLast())]] {
                let reply = try await runner.post("shared", event: RunnerConfigs.event(5), headers: headers)
                #expect(reply.status == 401)
                answers.append(reply.text)
            }
            let forged = try await runner.post("signed", event: RunnerConfigs.event(6),
                                               headers: ["webhook-id": "msg_1", "webhook-timestamp": String(Int(Date().timeIntervalSince1970)), "webhook-signature": "v1,AAAA"])
            #expect(forged.status == 401)
            answers.append(forged.text)
            for token in [Self.secrets["ADMIN_TOKEN"]! + "x", Self.secrets["HOOK_SECRET"]!] {
                let reply = try await runner.api("runs", token: token)
                #expect(reply.status == 401)
                answers.append(reply.text)
            }
            for path in ["flows", "runs?limit=1000"] + (failedRuns + [okRun["id"]?.stringValue ?? ""]).map({ "runs/\($0)" }) {
                let reply = try await runner.api(path)
                #expect(reply.status == 200)
                answers.append(reply.text)
            }
            #expect(try await runner.terminate() == 0)

            // A config error next to the secrets, and the CLI's commands on the store.
            var brokenConfig = Self.config(sinkURL: sink.baseURL).replacingOccurrences(of: "auth: bearer,", with: "auth: bearer, tokn: x,")
                .replacingOccurrences(of: "trigger: system_webhook, verify: {standardWebhooks", with: "trigger: system_webhok, verify: {standardWebhooks")
            for (name, secret) in Self.secrets { brokenConfig = brokenConfig.replacingOccurrences(of: "${\(name)}", with: secret) }
            let broken = try CLIHarness.write(brokenConfig, "broken.yaml", in: sandbox.directory)
            let validate = try await CLIHarness.run(CLIHarness.hooklineBinary, ["validate", broken])
            #expect(validate.status != 0)
            answers += [validate.stdout, validate.stderr]
            let replay = try await sandbox.hooklineLogs(["--status", "failed", "--json"])
            answers.append(replay.stdout + replay.stderr)

            let places = [
                ("runner stdout", runner.stdout.text), ("runner stderr (trace)", runner.stderr.text),
                ("hookline logs", try await sandbox.hooklineLogs([]).stdout), ("hookline logs --json", try await sandbox.hooklineLogs(["--json"]).stdout),
                ("the store's files", sandbox.storeText()), ("answers and error messages", answers.joined(separator: "\n")),
            ]
            for (place, text) in places {
                #expect(!text.isEmpty, "\(place) is empty: nothing was checked")
                for (name, secret) in Self.needles.sorted(by: { $0.key < $1.key }) {
                    #expect(!text.contains(secret), "\(name) in \(place)")
                }
            }
            #expect(runner.stderr.text.contains("trace") || runner.stderr.text.contains("debug"), "trace logging was on")
        }
    }
}
