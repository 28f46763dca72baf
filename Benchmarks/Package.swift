// swift-tools-version:6.2
// Benchmarks: their own package, so the main build stays lean. See docs/BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "attribution-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "attribution-integrations", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "attrbench",
            dependencies: [
                .product(name: "RPCClient", package: "attribution-integrations"),
                .product(name: "Protos", package: "attribution-integrations"),
                .product(name: "TLS", package: "attribution-integrations"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
