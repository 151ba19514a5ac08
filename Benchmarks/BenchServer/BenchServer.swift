// BenchServer --port P [--host 127.0.0.1]
// The bare Hummingbird 2 peer for the ingest benchmark and the loopback sink for e2e:
// every POST reads its whole body and answers 200 `{}`; `GET /stats` answers
// `{"requests":N,"bytes":B,"first":T0,"last":T1}` (POSTs counted since start or the last
// `POST /stats/reset`; T0/T1 are the arrival times of the first and last POST in Unix seconds,
// null before the first).
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// What the server has seen; one lock, held for a few instructions per request.
final class Tally: Sendable {
    private struct State {
        var requests = 0
        var bytes = 0
        var first: Double?
        var last: Double?
    }
    private let state = NIOLockedValueBox(State())

    func record(bytes: Int, at now: Double) {
        state.withLockedValue { state in
            state.requests += 1
            state.bytes += bytes
            if state.first == nil { state.first = now }
            state.last = now
        }
    }

    func reset() { state.withLockedValue { $0 = State() } }

    func statsJSON() -> String {
        state.withLockedValue { state in
            "{\"requests\":\(state.requests),\"bytes\":\(state.bytes),\"first\":\(state.first.map { "\($0)" } ?? "null"),"
                + "\"last\":\(state.last.map { "\($0)" } ?? "null")}"
        }
    }
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

@main
struct BenchServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        guard let port = option("--port").flatMap(Int.init) else {
            FileHandle.standardError.write(Data("usage: BenchServer --port P [--host 127.0.0.1]\n".utf8))
            exit(2)
        }
        let host = option("--host") ?? "127.0.0.1"
        let tally = Tally()
        let router = Router(context: BasicRequestContext.self)
        router.get("/stats") { _, _ in jsonResponse(tally.statsJSON()) }
        router.post("/stats/reset") { _, _ in
            tally.reset()
            return jsonResponse("{}")
        }
        let countPost: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 64 << 20)
            tally.record(bytes: body.readableBytes, at: now())
            return jsonResponse("{}")
        }
        router.post("/**", use: countPost)
        router.post("/", use: countPost)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "BenchServer"))
        try await app.runService()
    }
}

func jsonResponse(_ text: String) -> Response {
    Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
}
