import ConnectorKit

/// Where a request's connection goes: scheme, host and port. Connections are pooled per endpoint.
struct HTTP1Endpoint: Hashable, Sendable {
    /// `https`: the connection speaks TLS.
    var usesTLS: Bool
    /// The host to connect to: a name or an IP address (IPv6 without brackets).
    var host: String
    var port: Int
    /// The `Host` header's value: the URL's host, and its port where it is not the scheme's default.
    var hostHeader: String

    init(_ url: RequestURL) {
        usesTLS = url.scheme == "https"
        let defaultPort = usesTLS ? 443 : 80
        port = url.port ?? defaultPort
        if url.host.hasPrefix("["), url.host.hasSuffix("]") {
            host = String(url.host.dropFirst().dropLast())
        } else {
            host = url.host
        }
        hostHeader = url.host + (port == defaultPort ? "" : ":\(port)")
    }

    /// The name sent for TLS server name indication: none for an IP address (SNI takes names only).
    var serverName: String? {
        if host.contains(":") { return nil }
        if host.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return nil }
        return host
    }

    /// `scheme://host:port`, for error messages.
    var description: String { (usesTLS ? "https://" : "http://") + hostHeader }
}
