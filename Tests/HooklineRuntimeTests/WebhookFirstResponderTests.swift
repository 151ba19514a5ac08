@testable import HooklineRuntime
import Testing

/// Which paths the webhook fast path takes; the router answers the rest.
@Suite struct WebhookFirstResponderTests {
    @Test(arguments: [("/hooks/bench", "bench"), ("/hooks/iterable-journey", "iterable-journey"), ("/hooks/a.b_c", "a.b_c")])
    func aWebhookPathNamesItsFlow(path: String, flow: String) {
        #expect(WebhookPath.flowID(inPath: path) == flow)
    }

    @Test(arguments: ["/hooks/", "/hooks", "/hooks/a/b", "/hooks/a/", "/hooks/a%20b", "/hook/a", "/api/runs", "/", "/hooksx/a"])
    func otherPathsGoToTheRouter(path: String) {
        #expect(WebhookPath.flowID(inPath: path) == nil)
    }
}
