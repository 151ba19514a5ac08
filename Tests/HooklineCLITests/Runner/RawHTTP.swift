import ConnectorKit
import Foundation

/// One HTTP/1.1 request written byte for byte on a plain socket, for inputs an HTTP client
/// would refuse or mishandle (a server answering a huge header or body before it is all sent).
///
/// Sending and receiving go on together (`poll`), so a server that answers early (413, 431) and
/// stops reading is heard at once instead of leaving the sender blocked on a full socket buffer.
enum RawHTTP {
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String
        /// Bytes of the request written before the answer came (or the server closed).
        var bytesSent: Int
        /// Whether the server closed the connection after answering.
        var closed: Bool
        var json: JSONValue? { try? JSONParser.parse(body) }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Sends `POST path` with `headers` and `body` to 127.0.0.1:`port` (`Connection: close`)
    /// and reads the answer; `nil` when the server closed without one.
    static func post(port: Int, path: String, headers: [(String, String)], body: [UInt8],
                     timeout: Duration = .seconds(15)) async throws -> Reply? {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try exchange(port: port, path: path, headers: headers, body: body, timeout: timeout) })
            }.start()
        }
    }

    private static func exchange(port: Int, path: String, headers: [(String, String)], body: [UInt8], timeout: Duration) throws -> Reply? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HarnessError("connect: errno \(errno)") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)

        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body

        var sent = 0
        var writing = true
        var response: [UInt8] = []
        var closed = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = ContinuousClock.now + timeout
        while !closed, parse(response) == nil {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw HarnessError("no answer within \(timeout) (\(sent) of \(request.count) bytes sent)") }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN) | (writing ? Int16(POLLOUT) : 0), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000, 1000))
            guard poll(&descriptor, 1, max(milliseconds, 1)) >= 0 || errno == EINTR else { throw HarnessError("poll: errno \(errno)") }
            if descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count > 0 {
                    response += buffer[0..<count]
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    closed = true  // EOF, or a reset after the server stopped reading
                }
            }
            if writing, descriptor.revents & Int16(POLLOUT) != 0 {
                let count = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if count > 0 {
                    sent += count
                    if sent == request.count { writing = false }
                } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                    writing = false  // the server closed its side: read what it answered
                }
            }
        }
        guard let (status, headers, bodyStart, _) = parse(response) ?? parse(response, complete: true) else { return nil }
        if !closed {
            // The answer is complete; with `Connection: close` the server closes next.
            closed = waitForClose(fd, deadline: ContinuousClock.now + .seconds(5))
        }
        return Reply(status: status, headers: headers, body: String(decoding: response[bodyStart...], as: UTF8.self), bytesSent: sent, closed: closed)
    }

    /// Status, headers, body offset and length of a complete answer in `bytes` (`nil` until the
    /// head and `Content-Length` bytes of body are in; `complete` takes what is there).
    private static func parse(_ bytes: [UInt8], complete: Bool = false) -> (Int, [(name: String, value: String)], Int, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusLine.dropFirst(9).prefix(3)) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let bodyStart = end + 4
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
        if let length {
            return bytes.count - bodyStart >= length || complete ? (status, headers, bodyStart, length) : nil
        }
        return complete ? (status, headers, bodyStart, bytes.count - bodyStart) : nil
    }

    /// Reads (and drops) until the peer closes; whether it did before `deadline`.
    private static func waitForClose(_ fd: Int32, deadline: ContinuousClock.Instant) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            guard descriptor.revents != 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { return true }
        }
        return false
    }
}
