// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Hookline",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ConnectorKit", targets: ["ConnectorKit"]),
        .executable(name: "hookline", targets: ["hookline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The SDK core. It depends on nothing but the toolchain.
        .target(name: "ConnectorKit"),
        .executableTarget(
            name: "hookline",
            dependencies: [
                "ConnectorKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
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
        .testTarget(name: "ConnectorKitTests", dependencies: ["ConnectorKit"]),
        .testTarget(name: "HooklineCLITests", dependencies: ["hookline"]),
    ]
)

// One settings loop for every target (STYLE.md 2).
for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
