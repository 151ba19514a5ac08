import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

/// Credentials the runner only meets while running (OAuth tokens) and credentials in the form
/// they are sent (Basic pairs, a Standard Webhooks key) are redacted like the config's secrets.
@Suite struct RuntimeSecretsTests {
    static let oauthConfig = sinkConfig(baseURL: "https://sink.invalid").replacingOccurrences(
        of: "    apiKey: ${SINK_KEY}\n",
        with: "    auth: oauth2-client-credentials\n    clientId: client-id-0123\n    clientSecret: client-secret-4567\n"
            + "    tokenURL: https://auth.invalid/token\n")

    @Test func aFetchedAccessTokenIsRedactedFromTheRecordedRequestsAndLearned() async throws {
        #expect(Self.oauthConfig.contains("tokenURL"))
        let config = try loadConfig(Self.oauthConfig, environment: [:])
        let flow = try #require(config.flow("f"))
        #expect(config.runtimeSecrets.all.isEmpty)
        let dryRun = await DryRun.run(flow, event: ["email": "ana@example.com", "n": 1], config: config)
        let requests = try #require(dryRun.steps.first?.requests.arrayValue)
        #expect(requests.count == 2, "the token grant, then the post")
        let recorded = dryRun.steps.map { $0.requests.serialized() }.joined()
        #expect(!recorded.contains("dry-run-token"), "\(recorded)")
        #expect(requests.first?["response"]?.stringValue?.contains(#""access_token":"<redacted>""#) == true, "\(recorded)")
        #expect(config.runtimeSecrets.all.map(\.exposed).contains("dry-run-token"))
        // Learned once, it is redacted from anything after, e.g. another step's error text.
        let secrets = config.secrets + config.runtimeSecrets.all
        #expect(Redaction.redact("echo: Bearer dry-run-token", secrets: secrets) == "echo: <redacted>", "the whole header value was sent, so learned")
        #expect(Redaction.redact("token=dry-run-token;", secrets: secrets) == "token=<redacted>;")
    }

    @Test func basicPairsAndTheStandardWebhooksKeyAreSecretsAsSent() throws {
        let connection = Connection(auth: .basic, credentials: ["username": Secret("user-0123"), "password": Secret("password-4567")])
        #expect(connection.secrets.map(\.exposed).contains(Data("user-0123:password-4567".utf8).base64EncodedString()))

        let key = Data("signing-key-0123456789abcdef".utf8).base64EncodedString()
        let config = try loadConfig(sinkConfig(baseURL: "https://sink.invalid", verify: "      verify: {standardWebhooks: whsec_\(key)}"))
        #expect(config.secrets.map(\.exposed).contains(key))
    }
}
