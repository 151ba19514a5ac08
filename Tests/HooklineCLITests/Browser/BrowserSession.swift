import ConnectorKit
import Foundation
import HooklineHTTP

/// A headless Chromium (Debian's `chromium`) driven by Debian's `chromedriver` over the W3C
/// WebDriver protocol, which is plain HTTP and JSON: real page loads, real clicks and key
/// presses, screenshots and the browser's console. chromedriver listens on 127.0.0.1 only.
///
/// ``quit()`` ends the browser; the driver process is also killed when the value goes away.
final class BrowserSession: @unchecked Sendable {
    /// An element found on the page (its WebDriver reference).
    struct Element: Sendable {
        let id: String
        /// What the test looked for, for errors.
        var what = "an element"
    }

    /// `chromium` and `chromedriver` from PATH, when both are installed.
    static let programs: (chromium: String, chromedriver: String)? = {
        guard let chromium = executable("chromium") ?? executable("chromium-browser"),
              let chromedriver = executable("chromedriver")
        else { return nil }
        return (chromium, chromedriver)
    }()

    /// Whether browser tests must run: with `HOOKLINE_REQUIRE_BROWSER=1` (CI) a missing Chromium
    /// fails them instead of skipping them.
    static let isRequired = ProcessInfo.processInfo.environment["HOOKLINE_REQUIRE_BROWSER"] == "1"

    /// Run the browser tests when Chromium is here, or when it must be (then they fail without it).
    static let shouldRun = programs != nil || isRequired

    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    private static let transport = HTTPClientTransport()
    private let driver: BackgroundProcess
    private let session: String

    private init(driver: BackgroundProcess, session: String) {
        self.driver = driver
        self.session = session
    }

    /// Starts chromedriver on a free port and a headless Chromium with a `width`×`height` window.
    static func start(width: Int = 1280, height: Int = 900) async throws -> BrowserSession {
        guard let programs else {
            throw HarnessError("Chromium is not installed: apt-get install -y chromium chromium-driver (HOOKLINE_REQUIRE_BROWSER=1 requires it)")
        }
        let (driver, port) = try await startDriver(programs.chromedriver)
        let arguments: [JSONValue] = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", .string("--window-size=\(width),\(height)"),
            "--force-device-scale-factor=1", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US",
        ]
        let capabilities: JSONValue = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": .string(programs.chromium), "args": .array(arguments)],
            "goog:loggingPrefs": ["browser": "ALL"],
        ]]]
        // Chromium's start can fail on a loaded machine (chromedriver then answers without a
        // session); it is tried three times before the test fails with what chromedriver said.
        var failures: [String] = []
        for _ in 1...3 {
            do {
                let answer = try await send(.post, "http://127.0.0.1:\(port)/session", capabilities, timeout: .seconds(90))
                if let session = answer["sessionId"]?.stringValue {
                    return BrowserSession(driver: driver, session: "http://127.0.0.1:\(port)/session/\(session)")
                }
                failures.append(answer.serialized())
            } catch {
                failures.append("\(error)")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        driver.stop()
        throw HarnessError("chromedriver started no session: \(failures.joined(separator: "; "))\n\(driver.stderr.text)")
    }

    /// chromedriver on a port it picks. With `--port=0` it takes a free IPv6 port and then exits
    /// when the same IPv4 port is taken ("IPv4 port not available"): it is started again, up to
    /// five times.
    private static func startDriver(_ path: String) async throws -> (BackgroundProcess, Int) {
        var lastError: (any Error)?
        for _ in 1...5 {
            let driver = try BackgroundProcess(URL(fileURLWithPath: path), ["--port=0"])
            do {
                let port = try await driverPort(driver)
                // chromedriver may get its port on ::1 only while another test's server holds it on
                // 127.0.0.1 (seen: every session request answered by a runner's 404): ask /status,
                // which only chromedriver answers with a "ready" value, and start another if not.
                let status = try? await send(.get, "http://127.0.0.1:\(port)/status", nil, timeout: .seconds(10))
                guard status?["value"]?["ready"] != nil else {
                    driver.stop()
                    lastError = HarnessError("127.0.0.1:\(port) is not chromedriver's (/status answered \(status?.serialized() ?? "nothing"))")
                    continue
                }
                return (driver, port)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? HarnessError("chromedriver did not start")
    }

    /// The port in chromedriver's "ChromeDriver was started successfully on port N."
    private static func driverPort(_ driver: BackgroundProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let output = driver.stdout.text
            if let range = output.range(of: "started successfully on port ") {
                let digits = output[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), output[range.upperBound...].dropFirst(digits.count).hasPrefix(".") { return port }
            }
            guard driver.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        driver.stop()
        throw HarnessError("chromedriver did not start:\n\(driver.stdout.text)\n\(driver.stderr.text)")
    }

    // MARK: - Commands

    /// Loads `url` and waits for the page to finish loading.
    func open(_ url: String) async throws {
        _ = try await command(.post, "/url", ["url": .string(url)])
    }

    /// The page's URL now.
    func currentURL() async throws -> String {
        try await command(.get, "/url").stringValue ?? ""
    }

    /// The elements matching the CSS `selector`.
    func elements(_ selector: String) async throws -> [Element] {
        let found = try await command(.post, "/elements", ["using": "css selector", "value": .string(selector)])
        return (found.arrayValue ?? []).compactMap { $0[Self.elementKey]?.stringValue.map { Element(id: $0) } }
    }

    /// The first displayed element matching `selector` whose text satisfies `matches`, waiting up
    /// to `timeout` for it. The error names what was awaited and shows the page's text.
    @discardableResult
    func waitFor(_ selector: String, timeout: Duration = .seconds(15), text matches: @escaping (String) -> Bool = { _ in true },
                 _ what: String) async throws -> Element {
        let deadline = ContinuousClock.now + timeout
        var seen: [String] = []
        while true {
            seen = []
            for var element in try await elements(selector) {
                element.what = what
                // An element redrawn by the page's refresh between finding and reading is skipped.
                do {
                    let text = try await text(element)
                    let displayed = try await command(.get, "/element/\(element.id)/displayed") == .bool(true)
                    if displayed, matches(text) { return element }
                    seen.append(displayed ? text : "(hidden) " + text)
                } catch {
                    seen.append("(\(error))")
                }
            }
            if ContinuousClock.now > deadline {
                let page = (try? await execute("return document.body.innerText").stringValue) ?? "?"
                throw HarnessError("the page never showed \(what) (\(selector) matched \(seen.count): \(seen)); it shows:\n\(page)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The element's rendered text (empty when hidden).
    func text(_ element: Element) async throws -> String {
        try await command(.get, "/element/\(element.id)/text").stringValue ?? ""
    }

    /// Clicks the element as a user would (scrolled into view; fails if something covers it).
    func click(_ element: Element) async throws {
        do {
            _ = try await command(.post, "/element/\(element.id)/click", [:])
        } catch {
            throw HarnessError("clicking \(element.what): \(error)")
        }
    }

    /// Types `text` into the element, key by key.
    func type(_ text: String, into element: Element) async throws {
        _ = try await command(.post, "/element/\(element.id)/value", ["text": .string(text)])
    }

    /// Runs `script` (a function body) in the page and returns its result.
    func execute(_ script: String) async throws -> JSONValue {
        try await command(.post, "/execute/sync", ["script": .string(script), "args": []])
    }

    /// A PNG of the window.
    func screenshot() async throws -> Data {
        guard let base64 = try await command(.get, "/screenshot").stringValue, let png = Data(base64Encoded: base64) else {
            throw HarnessError("chromedriver sent no screenshot")
        }
        return png
    }

    /// The console messages since the last call: `[{level, message, ...}]`.
    func consoleLog() async throws -> [JSONValue] {
        try await command(.post, "/se/log", ["type": "browser"]).arrayValue ?? []
    }

    /// Ends the session (the browser) and the driver.
    func quit() async {
        _ = try? await command(.delete, "")
        driver.stop()
    }

    private func command(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let answer = try await Self.send(method, session + path, body, timeout: .seconds(60))
        return answer["value"] ?? .null
    }

    private static func send(_ method: HTTPMethod, _ url: String, _ body: JSONValue?, timeout: Duration) async throws -> JSONValue {
        let request = HTTPRequest(method: method, url: url, headers: ["Content-Type": "application/json"],
                                  body: body.map { Array($0.serialized().utf8) } ?? [])
        let response = try await transport.send(request, timeout: timeout)
        guard let json = response.json else { throw HarnessError("chromedriver answered \(response.status): \(response.bodyText)") }
        if let error = json["value"]?["error"]?.stringValue {
            throw HarnessError("WebDriver \(method) \(url): \(error): \(json["value"]?["message"]?.stringValue ?? "")")
        }
        if method == .post, url.hasSuffix("/session") { return json["value"] ?? .null }
        return json
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    deinit { driver.stop() }
}
