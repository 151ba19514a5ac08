// BenchServer --port P [--host 127.0.0.1]
// The bare Hummingbird 2 peer for the ingest benchmark:
// every POST reads its whole body and answers 200 `{}`; `GET /stats` answers
// `{"requests":N,"bytes":B,"first":T0,"last":T1}` (POSTs counted since start or the last
// `POST /stats/reset`; T0/T1 are the arrival times of the first and last POST in Unix seconds,
// null before the first).
import BenchTally
import Foundation
import Hummingbird
import NIOCore

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
            tally.record(bytes: body.readableBytes, at: unixNow())
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
