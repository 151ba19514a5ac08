import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// The run-log page of a real `hookline run`, used in headless Chromium as an operator would:
/// the token form, a failed run's attempts, replay, the flows view. Skipped without Chromium
/// unless `HOOKLINE_REQUIRE_BROWSER=1`.
@Suite("Run-log page in headless Chromium", .serialized, .enabled(if: BrowserSession.shouldRun, "needs chromium and chromedriver"))
struct RunLogBrowserTests {
    @Test("Load /, enter the token, see the failed run and its redacted request, replay it, see it succeed")
    func replaysAFailedRunFromThePage() async throws {
        try await withSink { sink in
            // A permanent failure until the test makes the sink answer 200.
            sink.setFallback(.json(400, ["msg": "Invalid email: ana@", "code": "InvalidEmailAddressError"]))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let runID = try #require(try await runner.post("opens", event: RunnerConfigs.event(7)).json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(runID)["status"] == "failed")

            let browser = try await BrowserSession.start(height: 1500)
            do {
                try await operate(browser, runner: runner, sink: sink, runID: runID)
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            #expect(try await runner.terminate() == 0)
        }
    }

    private func operate(_ browser: BrowserSession, runner: RunnerProcess, sink: LoopbackServer, runID: String) async throws {
        try await browser.open(runner.baseURL + "/")
        // Without a token the page asks for one and shows nothing.
        try await browser.waitFor("#notice", text: { $0.contains("Enter the admin token") }, "the request for the token")
        #expect(try await browser.elements("#run-rows tr").isEmpty)

        // A wrong token is refused, saying so.
        try await browser.type("wrong-token-0000000000000000", into: browser.waitFor("#token", "the token field"))
        try await browser.click(browser.waitFor("#token-use", "the Use token button"))
        try await browser.waitFor("#notice", text: { $0.contains("The admin token was refused") }, "the refusal")
        #expect(try await browser.elements("#run-rows tr").isEmpty)

        // The right token lists the failed run.
        try await browser.type(RunnerProcess.defaultAdminToken, into: browser.waitFor("#token", "the token field"))
        try await browser.click(browser.waitFor("#token-use", "the Use token button"))
        let row = try await browser.waitFor("#run-rows tr[data-run='\(runID)']", text: { $0.contains("failed") }, "the failed run in the list")
        #expect(try await browser.text(row).contains("opens"))
        #expect(try await browser.execute("return sessionStorage.getItem('hookline.adminToken')") == .string(RunnerProcess.defaultAdminToken))
        #expect(!(try await browser.currentURL()).contains(RunnerProcess.defaultAdminToken), "the token never goes into a URL")

        // The status filter keeps it; the succeeded filter hides it.
        try await choose("Succeeded", in: "#filter-status", browser)
        try await browser.waitFor("#runs-empty", text: { $0.contains("No runs match") }, "an empty list for succeeded runs")
        try await choose("Failed", in: "#filter-status", browser)
        try await browser.click(browser.waitFor("#run-rows tr[data-run='\(runID)'] button", "the failed run's button"))

        // Its attempt: status, error, the request exactly as stored (the API key redacted).
        let detail = try await browser.waitFor("#run-detail", text: { $0.contains("HTTP 400") }, "the failed attempt")
        let text = try await browser.text(detail)
        for expected in ["Run \(runID)", "failed", "Attempt 1", "InvalidEmailAddressError", "POST \(sink.baseURL)/api/events/track",
                         "Api-Key", "<redacted>", "Idempotency-Key", "\(runID):track", "\"eventName\": \"webhook_emailOpen\"", "Replay run"] {
            #expect(text.contains(expected), "the run's detail shows \(expected)")
        }
        let source = try await browser.execute("return document.documentElement.outerHTML").stringValue ?? ""
        #expect(!source.contains(RunnerSandbox.apiKey), "the API key is nowhere on the page")
        try await saveScreenshot(browser, "run-log-failed")

        // Replay once the sink answers 200: the run succeeds on its second attempt.
        sink.setFallback(RunnerConfigs.success)
        try await browser.click(browser.waitFor("#replay", "the replay button"))
        try await browser.waitFor("#run-detail .detail-head .badge", timeout: .seconds(30), text: { $0 == "succeeded" }, "the replayed run succeeded")
        let replayed = try await browser.text(browser.waitFor("#run-detail", text: { $0.contains("HTTP 200") }, "the second attempt"))
        #expect(replayed.contains("Attempt 2"))
        #expect(!replayed.contains("Replay run"), "only failed runs offer replay")
        try await browser.waitFor("#notice", text: { $0.contains("succeeded after replay") }, "the replay's outcome")
        #expect(sink.requests.count == 2)
        #expect(sink.requests.last?.json == RunnerConfigs.trackBody(7))
        try await choose("Any status", in: "#filter-status", browser)
        try await browser.waitFor("#run-rows tr[data-run='\(runID)']", text: { $0.contains("succeeded") }, "the run listed as succeeded")
        try await saveScreenshot(browser, "run-log-replayed")

        // The flows view: the trigger's fields and the step's mapping.
        try await browser.click(browser.waitFor("#tab-flows", "the Flows tab"))
        let flow = try await browser.waitFor("#flow-list [data-flow='opens']", text: { $0.contains("track_event") }, "the flow 'opens'")
        let flowText = try await browser.text(flow)
        for expected in ["iterable@1 · system_webhook", "Event fields", "eventName", "required", "Step 1: track", "{{email}}",
                         "webhook_{{eventName}}", #"{"path":"dataFields"}"#, "connection iterable", "at most 3 attempts"] {
            #expect(flowText.contains(expected), "the flow view shows \(expected)")
        }
        try await saveScreenshot(browser, "run-log-flows")
        try await expectCleanConsole(browser)
    }

    @Test("Without server.adminToken the page says that the operator API is off")
    func saysWhenTheRunnerHasNoAdminToken() async throws {
        let config = RunnerConfigs.iterable(sinkURL: "http://127.0.0.1:9")
            .replacingOccurrences(of: "  adminToken: \(RunnerProcess.defaultAdminToken)\n", with: "  maxBodyBytes: 65536\n")
        #expect(!config.contains("adminToken"))
        let sandbox = try RunnerSandbox(config: config)
        let runner = try await RunnerProcess.start(config: sandbox.configPath, store: sandbox.storePath,
                                                   environment: RunnerSandbox.environment, adminToken: nil)
        let browser = try await BrowserSession.start()
        do {
            try await browser.open(runner.baseURL + "/")
            try await browser.waitFor("#notice", text: { $0.contains("no server.adminToken in its config") }, "that the API is off")
            // A token does not help: the runner has none to compare with.
            try await browser.type("some-token-0000000000000000", into: browser.waitFor("#token", "the token field"))
            try await browser.click(browser.waitFor("#token-use", "the Use token button"))
            try await browser.waitFor("#notice", text: { $0.contains("The operator API is off") }, "that the API is still off")
            #expect(try await browser.elements("#run-rows tr").isEmpty)
            try await saveScreenshot(browser, "run-log-api-off")
            await browser.quit()
        } catch {
            await browser.quit()
            throw error
        }
        #expect(try await runner.terminate() == 0)
    }

    /// Picks the option labelled `label` in the select `selector` from the keyboard (Home, then
    /// arrow down to it), as a user tabbing through the filters would, and checks the select took it.
    private func choose(_ label: String, in selector: String, _ browser: BrowserSession) async throws {
        let labels = try await browser.execute("return [...document.querySelector(\"\(selector)\").options].map((o) => o.text)")
        let index = try #require(labels.arrayValue?.firstIndex(of: .string(label)), "\(selector) offers \(label)")
        let home = "\u{E011}", down = "\u{E015}"
        try await browser.type(home + String(repeating: down, count: index), into: browser.waitFor(selector, "the select \(selector)"))
        let chosen = try await browser.execute("const s = document.querySelector(\"\(selector)\"); return s.options[s.selectedIndex].text")
        #expect(chosen == .string(label), "\(selector) shows \(label)")
    }

    /// Writes a PNG of the window to `.build/test-artifacts/NAME.png` and prints its path.
    private func saveScreenshot(_ browser: BrowserSession, _ name: String) async throws {
        let directory = CLIHarness.packageRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name + ".png")
        let png = try await browser.screenshot()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        try png.write(to: file)
        print("run-log page screenshot: \(file.path)")
    }

    /// No script errors and no Content-Security-Policy violations; the only failed loads are
    /// the 401s of the missing and the wrong token.
    private func expectCleanConsole(_ browser: BrowserSession) async throws {
        let problems = try await browser.consoleLog().filter { entry in
            let message = entry["message"]?.stringValue ?? ""
            return entry["level"]?.stringValue == "SEVERE" && !message.contains("status of 401")
        }
        #expect(problems.isEmpty, "the browser console: \(problems.map { $0.serialized() })")
    }
}
