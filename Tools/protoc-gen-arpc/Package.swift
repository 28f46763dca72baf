// swift-tools-version:6.2
// protoc-gen-arpc: the protoc plugin that writes ARPC/1 client and server
// stubs (and RPCMessage conformances) for proto/. Built by scripts/generate-protos.sh
// only, so the main package never builds SwiftProtobufPluginLibrary.
import PackageDescription

let package = Package(
    name: "protoc-gen-arpc",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
    ],
    targets: [
        .executableTarget(
            name: "protoc-gen-arpc",
            dependencies: [
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "SwiftProtobufPluginLibrary", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
