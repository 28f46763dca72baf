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
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        // grpc-swift-2 peer (grpc-swift-echo): the same echo service over HTTP/2 and mTLS.
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
    ],
    targets: [
        .executableTarget(
            name: "attrbench",
            dependencies: [
                .product(name: "RPCClient", package: "attribution-integrations"),
                .product(name: "RPCServer", package: "attribution-integrations"),
                .product(name: "Protos", package: "attribution-integrations"),
                .product(name: "TLS", package: "attribution-integrations"),
                .product(name: "Wire", package: "attribution-integrations"),
                .product(name: "Secrets", package: "attribution-integrations"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // A peer server: arpc.test.v1.TestService on grpc-swift-2 (HTTP/2, mTLS).
        .executableTarget(
            name: "grpc-swift-echo",
            dependencies: [
                .product(name: "Protos", package: "attribution-integrations"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/GRPCSwiftEcho",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
