import Logging
import NIOConcurrencyHelpers
import Testing
@testable import HooklineRuntime

@Suite struct TextLogHandlerTests {
    private static func capture(level: Logger.Level, _ body: (inout Logger) -> Void) -> [String] {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "hookline") { label in
            TextLogHandler(label: label, level: level) { line in lines.withLockedValue { $0.append(line) } }
        }
        body(&logger)
        return lines.withLockedValue { $0 }
    }

    @Test func writesStreamLogHandlersFormatWithMetadataSorted() throws {
        struct Broken: Error {}
        let lines = Self.capture(level: .info) { logger in
            logger[metadataKey: "zeta"] = "1"
            logger[metadataKey: "alpha"] = "a"
            logger.info("hello", metadata: ["mid": "m", "zeta": "2"], source: "src")
            logger.debug("not shown")
            logger.warning("plain", source: "s")
            logger.error("failed", error: Broken(), source: "s")
        }
        #expect(lines.count == 3)
        let first = try #require(lines.first)
        #expect(first.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info hookline: alpha=a mid=m zeta=2 \[src\] hello\n/) != nil, "\(first)")
        #expect(lines[1].hasSuffix(" warning hookline: alpha=a zeta=1 [s] plain\n"), "the call's metadata does not stick")
        #expect(lines[2].contains("error.message=Broken()") && lines[2].contains("error.type="))
    }

    @Test func aLoggerWithoutMetadataHasNoMetadataField() {
        let lines = Self.capture(level: .trace) { logger in logger.notice("bare", source: "s") }
        #expect(lines.count == 1)
        #expect(lines[0].hasSuffix(" notice hookline: [s] bare\n"))
    }
}
