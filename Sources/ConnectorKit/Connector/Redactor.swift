/// ``Redaction`` prepared once for a fixed set of secrets: what a runner applies to every request,
/// response excerpt and error it records. The secrets (as they are and percent-encoded, longest
/// first) are kept as bytes, and text that holds none of them is returned as it is, without a copy.
public struct Redactor: Sendable {
    /// Each secret's byte forms, in the order they are replaced.
    private let needles: [[UInt8]]
    private static let marker = Array(Redaction.marker.utf8)

    /// Prepares redaction of `secrets` (those shorter than ``Redaction/minimumLength`` are ignored).
    public init(secrets: [Secret]) {
        var needles: [[UInt8]] = []
        for secret in secrets.map(\.exposed).filter({ $0.count >= Redaction.minimumLength }).sorted(by: { $0.count > $1.count }) {
            needles.append(Array(secret.utf8))
            let encoded = URLEncoding.component(secret)
            if encoded != secret { needles.append(Array(encoded.utf8)) }
        }
        self.needles = needles
    }

    /// `text` with every occurrence of each secret, as is or percent-encoded, replaced by
    /// ``Redaction/marker``; longer secrets first, so a secret containing another is replaced whole.
    public func redact(_ text: String) -> String {
        guard !needles.isEmpty else { return text }
        var bytes: [UInt8]? = nil
        for needle in needles {
            if let current = bytes {
                if let replaced = Self.replacing(needle, in: current) { bytes = replaced }
            } else {
                let replaced = text.utf8.withContiguousStorageIfAvailable { Self.replacing(needle, in: $0) }
                    ?? Self.replacing(needle, in: Array(text.utf8))
                if let replaced { bytes = replaced }
            }
        }
        guard let bytes else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `request` safe to show: credential headers replaced, every secret removed from the URL,
    /// the other headers and the body.
    public func redacted(_ request: HTTPRequest) -> HTTPRequest {
        var copy = request
        copy.url = redact(request.url)
        var headers = HTTPHeaders()
        for field in request.headers {
            headers.add(field.name, Redaction.isSensitiveHeader(field.name) ? Redaction.marker : redact(field.value))
        }
        copy.headers = headers
        if let body = request.body, let text = request.bodyText {
            let redactedText = redact(text)
            if redactedText.utf8.count != body.count || !redactedText.utf8.elementsEqual(body) { copy.body = Array(redactedText.utf8) }
        }
        return copy
    }

    /// `haystack` with each occurrence of `needle` replaced by the marker; nil when there is none.
    private static func replacing<Bytes: RandomAccessCollection>(_ needle: [UInt8], in haystack: Bytes) -> [UInt8]?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var output: [UInt8]? = nil
        var copied = haystack.startIndex
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) {
                if output == nil { output = []; output!.reserveCapacity(haystack.count) }
                output!.append(contentsOf: haystack[copied..<index])
                output!.append(contentsOf: marker)
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard var output else { return nil }
        output.append(contentsOf: haystack[copied...])
        return output
    }
}
