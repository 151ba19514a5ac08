// swift-tools-version: 6.1
// A third-party package built on Hookline: its own connector (Chatter, a Slack-like incoming
// webhook service) and its own runner executable with the built-in connectors plus Chatter.
import PackageDescription

let package = Package(
    name: "HooklineExamples",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Hookline itself, by path; a real project would use its Git URL and a version.
        .package(name: "Hookline", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The connector, written against ConnectorKit only.
        .target(name: "ChatterConnector", dependencies: [.product(name: "ConnectorKit", package: "Hookline")]),
        // `hookline-examples CONFIG`: the Hookline runner with the built-in connectors and Chatter.
        .executableTarget(
            name: "hookline-examples",
            dependencies: [
                "ChatterConnector",
                .product(name: "HooklineConnectors", package: "Hookline"),
                .product(name: "HooklineRuntime", package: "Hookline"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ChatterConnectorTests",
            dependencies: [
                "ChatterConnector",
                .product(name: "ConnectorKit", package: "Hookline"),
                .product(name: "ConnectorTesting", package: "Hookline"),
                .product(name: "HooklineConnectors", package: "Hookline"),
                .product(name: "HooklineHTTP", package: "Hookline"),
                .product(name: "HooklineRuntime", package: "Hookline"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
