// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Hookline",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ConnectorKit", targets: ["ConnectorKit"]),
        .library(name: "ConnectorTesting", targets: ["ConnectorTesting"]),
        .library(name: "HooklineHTTP", targets: ["HooklineHTTP"]),
        .library(name: "HooklineConnectors", targets: ["HooklineConnectors"]),
        .library(name: "HooklineRuntime", targets: ["HooklineRuntime"]),
        .executable(name: "hookline", targets: ["hookline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The SDK core. It depends on nothing but the toolchain.
        .target(name: "ConnectorKit"),
        // ConnectorKit's HTTPTransport over AsyncHTTPClient (pooled, TLS), and a lean HTTP/1.1 one over SwiftNIO.
        .target(
            name: "HooklineHTTP",
            dependencies: [
                "ConnectorKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        // The test kit for connector authors: a loopback recording server, canned responses,
        // assertions and the conformance check.
        .target(
            name: "ConnectorTesting",
            dependencies: [
                "ConnectorKit",
                "HooklineHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Sample payloads (Schemas/<connector>/<schema>/*.sample.json) compiled into Swift field
        // schemas at build time: the generator, its command-line tool and the build-tool plugin.
        .target(name: "SchemaCodegen", dependencies: ["ConnectorKit"]),
        .executableTarget(
            name: "hookline-schemagen",
            dependencies: ["SchemaCodegen", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .plugin(name: "SchemaCodegenPlugin", capability: .buildTool(), dependencies: ["hookline-schemagen"]),
        // Built-in connectors, one target each.
        .target(name: "IterableConnector", dependencies: ["ConnectorKit"], path: "Connectors/Iterable", plugins: ["SchemaCodegenPlugin"]),
        .target(name: "RegalConnector", dependencies: ["ConnectorKit"], path: "Connectors/Regal", plugins: ["SchemaCodegenPlugin"]),
        .target(name: "CloutlyConnector", dependencies: ["ConnectorKit"], path: "Connectors/Cloutly", plugins: ["SchemaCodegenPlugin"]),
        .target(name: "WebhookConnector", dependencies: ["ConnectorKit"], path: "Connectors/Webhook", plugins: ["SchemaCodegenPlugin"]),
        // The registry of built-in connectors the CLI and runner are given.
        .target(
            name: "HooklineConnectors",
            dependencies: ["ConnectorKit", "IterableConnector", "RegalConnector", "CloutlyConnector", "WebhookConnector"]
        ),
        // The runner: config, flows, the durable queue, delivery, the webhook server, run logs.
        .target(
            name: "HooklineRuntime",
            dependencies: [
                "ConnectorKit",
                "HooklineHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "hookline",
            dependencies: [
                "ConnectorKit",
                "HooklineConnectors",
                "HooklineHTTP",
                "HooklineRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "JSONBench",
            dependencies: ["ConnectorKit"],
            path: "Benchmarks/JSONBench"
        ),
        .executableTarget(
            name: "TemplateBench",
            dependencies: ["ConnectorKit"],
            path: "Benchmarks/TemplateBench"
        ),
        // What BenchServer and BenchSink count.
        .target(
            name: "BenchTally",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            path: "Benchmarks/BenchTally"
        ),
        // The bare Hummingbird 2 peer for the ingest benchmark.
        .executableTarget(
            name: "BenchServer",
            dependencies: [
                "BenchTally",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/BenchServer"
        ),
        // The e2e benchmark's loopback sink: BenchServer's API on SwiftNIO's HTTP/1.1 pipeline alone.
        .executableTarget(
            name: "BenchSink",
            dependencies: [
                "BenchTally",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/BenchSink"
        ),
        // libFuzzer targets (RELIABILITY.md): `Tests/reliability/fuzz.sh` builds them with
        // `-sanitize=fuzzer,address -DFUZZING`; a plain build replays input files through them.
        .target(name: "FuzzSupport", dependencies: ["ConnectorKit"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzJSON", dependencies: ["ConnectorKit", "FuzzSupport"], path: "Fuzz/FuzzJSON"),
        .executableTarget(name: "FuzzTemplate", dependencies: ["ConnectorKit", "FuzzSupport"], path: "Fuzz/FuzzTemplate"),
        .executableTarget(name: "FuzzMapping", dependencies: ["ConnectorKit", "FuzzSupport"], path: "Fuzz/FuzzMapping"),
        .testTarget(name: "ConnectorKitTests", dependencies: ["ConnectorKit"]),
        .testTarget(name: "ConnectorTestingTests", dependencies: ["ConnectorTesting"]),
        .testTarget(
            name: "HooklineHTTPTests",
            dependencies: [
                "HooklineHTTP",
                "ConnectorTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "IterableConnectorTests", dependencies: ["IterableConnector", "ConnectorTesting"]),
        .testTarget(name: "RegalConnectorTests", dependencies: ["RegalConnector", "ConnectorTesting"]),
        .testTarget(name: "CloutlyConnectorTests", dependencies: ["CloutlyConnector", "ConnectorTesting"]),
        .testTarget(name: "WebhookConnectorTests", dependencies: ["WebhookConnector", "ConnectorTesting"]),
        .testTarget(
            name: "HooklineRuntimeTests",
            dependencies: ["HooklineRuntime", "HooklineConnectors", "ConnectorTesting", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                           .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .testTarget(
            name: "HooklineCLITests",
            dependencies: ["hookline", "ConnectorTesting", "HooklineHTTP", "HooklineRuntime", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "SchemaCodegenTests", dependencies: ["SchemaCodegen", "hookline-schemagen"], exclude: ["Fixtures"]),
        // Compiles the generator's golden output (Generated/) and checks it against inference.
        .testTarget(name: "SchemaCodegenGoldenTests", dependencies: ["ConnectorKit"]),
        // The DocC catalog's tests: the "Write your first connector" tutorial followed step by step
        // (its final files are the AcmeConnector target and AcmeConnectorTests, symlinked from
        // ConnectorKit.docc/Resources), the template reference's examples and the retry table.
        .target(name: "AcmeConnector", dependencies: ["ConnectorKit"], path: "Tests/TutorialAcmeConnector"),
        .testTarget(
            name: "ConnectorKitDocsTests",
            dependencies: ["AcmeConnector", "ConnectorKit", "ConnectorTesting", "HooklineConnectors", "HooklineRuntime"]
        ),
    ]
)

// One settings loop for every target (STYLE.md 2).
for target in package.targets where target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
