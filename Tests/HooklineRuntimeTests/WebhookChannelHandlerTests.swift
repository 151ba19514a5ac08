import ConnectorKit
import HTTPTypes
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
@testable import HooklineRuntime
import Testing

/// The webhook channel handler on an embedded channel: which requests it answers, what it passes
/// on to Hummingbird, and HTTP/1.1's order, limits and connection handling.
@Suite struct WebhookChannelHandlerTests {
    /// The webhooks the handler took, each with its `later` callback.
    final class Receiver: Sendable {
        struct Taken: Sendable {
            let flow: String
            let fields: HTTPFields
            let body: String
            let later: @Sendable (@escaping WebhookChannelHandler.Answer) -> Void
        }
        let taken = NIOLockedValueBox<[Taken]>([])
        /// Flows answered at once (as an unknown flow is), with this status.
        let immediate: [String: Int]

        init(immediate: [String: Int] = [:]) { self.immediate = immediate }

        var receive: WebhookChannelHandler.Receive {
            { [self] flow, fields, body, later in
                taken.withLockedValue { $0.append(Taken(flow: flow, fields: fields, body: String(decoding: body, as: UTF8.self), later: later)) }
                return immediate[flow].map { WebhookIngest.Reply(status: $0, body: ["error": "now"]) }
            }
        }

        /// Answers the `index`th webhook taken with 202 and its body back.
        func answer(_ index: Int, on channel: EmbeddedChannel) {
            let taken = taken.withLockedValue { $0[index] }
            taken.later { WebhookIngest.Reply(status: 202, body: ["runId": .string("run-\(index)"), "body": .string(taken.body)]) }
            channel.embeddedEventLoop.run()
        }
    }

    /// Counts the reads that get past the webhook handler.
    final class ReadCounter: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = Any
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    struct Setup {
        let channel = EmbeddedChannel()
        let receiver: Receiver
        let reads = ReadCounter()

        init(maxBody: Int = 100, immediate: [String: Int] = [:]) throws {
            receiver = Receiver(immediate: immediate)
            try channel.pipeline.syncOperations.addHandler(reads)
            try channel.pipeline.syncOperations.addHandler(WebhookChannelHandler(maxBody: maxBody, receive: receiver.receive))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        func send(_ method: HTTPTypes.HTTPRequest.Method, _ path: String, body: String? = nil, fields: HTTPFields = [:], contentLength: Bool = true) throws {
            var fields = fields
            if let body, contentLength { fields[.contentLength] = String(body.utf8.count) }
            try channel.writeInbound(HTTPRequestPart.head(HTTPTypes.HTTPRequest(method: method, scheme: nil, authority: "x", path: path, headerFields: fields)))
            if let body { try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: body))) }
            try channel.writeInbound(HTTPRequestPart.end(nil))
        }

        /// The parts passed on to Hummingbird.
        func forwarded() throws -> [HTTPRequestPart] {
            var parts: [HTTPRequestPart] = []
            while let part = try channel.readInbound(as: HTTPRequestPart.self) { parts.append(part) }
            return parts
        }

        /// The responses written (head and body of each).
        func responses() throws -> [(head: HTTPTypes.HTTPResponse, body: String)] {
            var responses: [(head: HTTPTypes.HTTPResponse, body: String)] = []
            var head: HTTPTypes.HTTPResponse?
            var body = ""
            while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
                switch part {
                case .head(let response): head = response
                case .body(let buffer): body += String(buffer: buffer)
                case .end:
                    responses.append((try #require(head), body))
                    body = ""
                }
            }
            return responses
        }

        /// Hummingbird's answer to a request passed on to it.
        func hummingbirdAnswers(_ status: HTTPTypes.HTTPResponse.Status) throws {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPTypes.HTTPResponse(status: status)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
    }

    @Test func aWebhookIsAnsweredHereOnceStored() throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/bench", body: #"{"a":1}"#, fields: [.contentType: "application/json"])
        #expect(try setup.forwarded().isEmpty)
        let taken = setup.receiver.taken.withLockedValue { $0 }
        #expect(taken.map(\.flow) == ["bench"])
        #expect(taken.first?.body == #"{"a":1}"#)
        #expect(taken.first?.fields[.contentType] == "application/json")
        #expect(try setup.responses().isEmpty, "no answer before the store's")

        setup.receiver.answer(0, on: setup.channel)
        let responses = try setup.responses()
        #expect(responses.count == 1)
        let head = try #require(responses.first?.head)
        #expect(head.status == .accepted)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.contentLength] == String(responses[0].body.utf8.count))
        #expect(head.headerFields[.server] == "hookline")
        #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
        #expect(head.headerFields[.connection] == nil)
        #expect(try JSONParser.parse(responses[0].body) == ["runId": "run-0", "body": #"{"a":1}"#])
        #expect(setup.channel.isActive)
    }

    @Test(arguments: ["/healthz", "/hooks/a/b", "/hooks/a%20b", "/hooks/bench?x=1", "/api/runs"])
    func everyOtherRequestGoesToHummingbird(path: String) throws {
        let setup = try Setup()
        try setup.send(.post, path, body: "{}")
        try setup.send(.get, "/hooks/bench")
        let forwarded = try setup.forwarded()
        #expect(forwarded.count == 5, "both requests: head, body and end, then head and end")
        guard case .head(let head) = forwarded.first else { Issue.record("no head"); return }
        #expect(head.path == path)
        #expect(setup.receiver.taken.withLockedValue { $0.isEmpty })
    }

    @Test func requestsPipelinedBehindAWebhookWaitForItsAnswer() throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/one", body: "1")
        try setup.send(.get, "/healthz")
        try setup.send(.post, "/hooks/two", body: "2")
        #expect(try setup.forwarded().isEmpty, "the GET waits behind the first webhook")
        #expect(setup.receiver.taken.withLockedValue { $0.map(\.flow) } == ["one"])

        setup.receiver.answer(0, on: setup.channel)
        #expect(try setup.responses().map(\.head.status) == [.accepted])
        // The second webhook follows a request Hummingbird has to answer: it goes there too, in order.
        let forwarded = try setup.forwarded()
        #expect(forwarded.count == 5, "the GET (head, end) and the second webhook (head, body, end): \(forwarded)")
        guard case .head(let last) = forwarded[2] else { Issue.record("\(forwarded)"); return }
        #expect(last.path == "/hooks/two")
        #expect(setup.receiver.taken.withLockedValue { $0.count } == 1)
        try setup.hummingbirdAnswers(.ok)
        try setup.hummingbirdAnswers(.accepted)
        #expect(try setup.responses().map(\.head.status) == [.ok, .accepted])
        try setup.send(.post, "/hooks/three", body: "3")
        #expect(try setup.forwarded().isEmpty, "with Hummingbird's answers written, the next webhook is answered here")
        #expect(setup.receiver.taken.withLockedValue { $0.map(\.flow) } == ["one", "three"])
    }

    @Test func aWebhookAfterHummingbirdsAnswerIsAnsweredHere() throws {
        let setup = try Setup()
        try setup.send(.get, "/healthz")
        #expect(try setup.forwarded().count == 2)
        try setup.hummingbirdAnswers(.ok)
        try setup.send(.post, "/hooks/bench", body: "{}")
        #expect(try setup.forwarded().isEmpty)
        #expect(setup.receiver.taken.withLockedValue { $0.count } == 1)
    }

    @Test func nothingMoreIsReadWhileAWebhookWaitsForItsAnswer() throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/bench", body: "{}")
        let before = setup.reads.reads
        setup.channel.read()
        #expect(setup.reads.reads == before, "the read is held")
        setup.receiver.answer(0, on: setup.channel)
        #expect(setup.reads.reads == before + 1, "and made once the answer is written")
        setup.channel.read()
        #expect(setup.reads.reads == before + 2)
    }

    @Test func aDeclaredBodyOverTheLimitIsRefusedAtOnceAndTheConnectionServesOn() throws {
        let setup = try Setup(maxBody: 10)
        var fields = HTTPFields()
        fields[.contentLength] = "5000"
        try setup.channel.writeInbound(HTTPRequestPart.head(HTTPTypes.HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/hooks/bench", headerFields: fields)))
        let refused = try setup.responses()
        #expect(refused.map(\.head.status) == [.contentTooLarge])
        #expect(try JSONParser.parse(refused[0].body) == ["error": "the body is 5000 bytes; the limit is 10"])
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: String(repeating: "x", count: 5000))))
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(setup.receiver.taken.withLockedValue { $0.isEmpty }, "the body was dropped")
        try setup.send(.post, "/hooks/bench", body: "{}")
        #expect(setup.receiver.taken.withLockedValue { $0.map(\.body) } == ["{}"])
        #expect(setup.channel.isActive)
    }

    @Test func aRefusalWithConnectionCloseClosesOnlyOnceTheBodyIsRead() throws {
        let setup = try Setup(maxBody: 10)
        var fields = HTTPFields()
        fields[.contentLength] = "5000"
        fields[.connection] = "close"
        try setup.channel.writeInbound(HTTPRequestPart.head(HTTPTypes.HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/hooks/bench", headerFields: fields)))
        let refused = try setup.responses()
        #expect(refused.map(\.head.status) == [.contentTooLarge])
        #expect(refused.first?.head.headerFields[.connection] == "close")
        #expect(setup.channel.isActive, "the unread body would make the kernel reset the connection")
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: String(repeating: "x", count: 5000))))
        #expect(setup.channel.isActive)
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(!setup.channel.isActive)
    }

    @Test func theEndOfInputWaitsForTheWebhooksAnswer() throws {
        /// Sees the events that get past the webhook handler.
        final class EventRecorder: ChannelInboundHandler, @unchecked Sendable {
            typealias InboundIn = HTTPRequestPart
            var inputClosed = 0
            func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
                if case ChannelEvent.inputClosed? = event as? ChannelEvent { inputClosed += 1 }
                context.fireUserInboundEventTriggered(event)
            }
            func channelRead(context: ChannelHandlerContext, data: NIOAny) { context.fireChannelRead(data) }
        }
        let setup = try Setup()
        let recorder = EventRecorder()
        try setup.channel.pipeline.syncOperations.addHandler(recorder)
        try setup.send(.post, "/hooks/bench", body: "{}")
        try setup.send(.get, "/healthz")
        setup.channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(recorder.inputClosed == 0, "Hummingbird would end the connection before the answer")
        setup.receiver.answer(0, on: setup.channel)
        #expect(try setup.responses().map(\.head.status) == [.accepted])
        #expect(try setup.forwarded().count == 2, "the pipelined GET goes on first")
        #expect(recorder.inputClosed == 1, "then the end of input")
    }

    @Test func aBodyThatGrowsOverTheLimitIsRefused() throws {
        let setup = try Setup(maxBody: 10)
        try setup.channel.writeInbound(HTTPRequestPart.head(HTTPTypes.HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/hooks/bench", headerFields: [:])))
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "123456")))
        #expect(try setup.responses().isEmpty)
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "789012")))
        let refused = try setup.responses()
        #expect(refused.map(\.head.status) == [.contentTooLarge])
        #expect(try JSONParser.parse(refused[0].body) == ["error": "the body is over the 10-byte limit"])
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "more")))
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(setup.receiver.taken.withLockedValue { $0.isEmpty })
        try setup.send(.post, "/hooks/bench", body: "1234567890")
        #expect(setup.receiver.taken.withLockedValue { $0.map(\.body) } == ["1234567890"], "exactly the limit is taken")
    }

    @Test func aBodyInPartsIsTakenWhole() throws {
        let setup = try Setup()
        try setup.channel.writeInbound(HTTPRequestPart.head(HTTPTypes.HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/hooks/bench", headerFields: [:])))
        for piece in [#"{"a""#, ":", "[1,2]}"] { try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: piece))) }
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(setup.receiver.taken.withLockedValue { $0.map(\.body) } == [#"{"a":[1,2]}"#])
    }

    @Test(arguments: ["close", "Close", "keep-alive, close"])
    func connectionCloseClosesAfterTheAnswer(value: String) throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/bench", body: "{}", fields: [.connection: value])
        #expect(setup.channel.isActive)
        setup.receiver.answer(0, on: setup.channel)
        #expect(try setup.responses().first?.head.headerFields[.connection] == "close")
        #expect(!setup.channel.isActive)
    }

    @Test func anAnswerMadeAtOnceIsWrittenAtOnce() throws {
        let setup = try Setup(immediate: ["nope": 404])
        try setup.send(.post, "/hooks/nope", body: "{}")
        try setup.send(.post, "/hooks/nope", body: "{}")
        #expect(try setup.responses().map(\.head.status) == [.notFound, .notFound])
        try setup.send(.post, "/hooks/bench", body: "{}")
        #expect(setup.receiver.taken.withLockedValue { $0.count } == 3)
    }

    @Test func aGracefulShutdownClosesOnceTheWebhookInHandIsAnswered() throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/bench", body: "{}")
        try setup.send(.get, "/healthz")
        setup.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(setup.channel.isActive, "not before the webhook's answer")
        setup.receiver.answer(0, on: setup.channel)
        let responses = try setup.responses()
        #expect(responses.map(\.head.status) == [.accepted])
        #expect(responses.first?.head.headerFields[.connection] == "close")
        #expect(!setup.channel.isActive)
        #expect(try setup.forwarded().isEmpty, "the pipelined GET is not started")
    }

    @Test func aShutdownWithNoWebhookInHandIsHummingbirdsToHandle() throws {
        let setup = try Setup()
        setup.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(setup.channel.isActive, "passed on: this handler does not close an idle connection itself")
    }

    @Test func anAnswerForAClosedConnectionIsDropped() throws {
        let setup = try Setup()
        try setup.send(.post, "/hooks/bench", body: "{}")
        _ = try setup.channel.finish()
        setup.receiver.answer(0, on: setup.channel)
        #expect(try setup.responses().isEmpty)
    }
}

@Suite struct HTTPDateTests {
    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (1_795_948_167, "Sun, 29 Nov 2026 10:29:27 GMT"),
                      (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"), (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
                      (-1, "Wed, 31 Dec 1969 23:59:59 GMT")])
    func formatsIMFFixdate(seconds: Int, text: String) {
        #expect(HTTPDate.format(seconds) == text)
    }
}
