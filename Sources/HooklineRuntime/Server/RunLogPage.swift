import Hummingbird
import NIOCore

/// The run-log page `hookline run` serves at `/`: plain HTML, CSS and a few small scripts,
/// compiled into the binary (no files at runtime, no build step, nothing from the network).
///
/// The page holds no data. Its scripts read the operator API with the admin token the
/// operator types in (kept in `sessionStorage`, sent only as `Authorization: Bearer`), so
/// everything it shows stays behind `server.adminToken`. Data reaches the DOM only as text
/// (`textContent`), and a strict Content-Security-Policy allows nothing but this origin's own
/// scripts, styles and API.
public enum RunLogPage {
    /// One file of the page.
    public struct Asset: Sendable {
        /// Where it is served (`/` for the page, `/ui/...` for its files).
        public let path: String
        /// Its `Content-Type`.
        public let contentType: String
        /// The file itself.
        public let body: String
    }

    /// Same-origin scripts, styles, images and API calls only; no inline code, no frames, no
    /// form submissions (the token form is handled by script, so a broken script cannot put the
    /// token in a URL).
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page and its files, by path.
    public static let assets: [Asset] = [
        Asset(path: "/", contentType: "text/html; charset=utf-8", body: html),
        Asset(path: "/ui/page.css", contentType: "text/css; charset=utf-8", body: css),
        Asset(path: "/ui/icon.svg", contentType: "image/svg+xml", body: icon),
        Asset(path: "/ui/common.js", contentType: "text/javascript; charset=utf-8", body: commonScript),
        Asset(path: "/ui/runs.js", contentType: "text/javascript; charset=utf-8", body: runsScript),
        Asset(path: "/ui/flows.js", contentType: "text/javascript; charset=utf-8", body: flowsScript),
        Asset(path: "/ui/main.js", contentType: "text/javascript; charset=utf-8", body: mainScript),
    ]

    /// Serves every asset with its type, the policy and headers that keep it out of frames,
    /// caches and content sniffing.
    static func addRoutes(to router: Router<BasicRequestContext>) {
        for asset in assets {
            let headers: HTTPFields = [
                .contentType: asset.contentType,
                .cacheControl: "no-cache",
                .contentSecurityPolicy: contentSecurityPolicy,
                .xContentTypeOptions: "nosniff",
                .init("X-Frame-Options")!: "DENY",
                .init("Referrer-Policy")!: "no-referrer",
            ]
            let body = ByteBuffer(string: asset.body)
            router.get(RouterPath(asset.path)) { _, _ -> Response in
                Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
            }
        }
    }

    static let icon = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f4e79"/>\#
        <path d="M11 7v11a5 5 0 0 0 10 0v-2" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>\#
        <path d="M17 14l4-4 4 4" fill="none" stroke="#9fd3ff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>
        """#
}
