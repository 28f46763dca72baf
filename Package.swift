// swift-tools-version:6.2
import PackageDescription

/// Upcoming language features every target opts into (see docs/ARCHITECTURE.md).
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "attribution-integrations",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "attrd", targets: ["attrd"]),
        .executable(name: "attrctl", targets: ["attrctl"]),
        // For Benchmarks/ (its own package) and other tools built on the runtime.
        .library(name: "RPCClient", targets: ["RPCClient"]),
        .library(name: "RPCServer", targets: ["RPCServer"]),
        .library(name: "Protos", targets: ["Protos"]),
        .library(name: "TLS", targets: ["TLS"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "Secrets", targets: ["Secrets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: C libraries from Debian, used directly.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // MARK: Libraries.
        .target(
            name: "Identity",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Wire",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RPCServer",
            dependencies: [
                "Identity",
                "TLS",
                "Wire",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RPCClient",
            dependencies: [
                "TLS",
                "Wire",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Protos",
            dependencies: [
                "RPCClient",
                "RPCServer",
                "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CoreServices",
            dependencies: [
                "Protos", "RPCServer", "Wire",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "InteropService",
            dependencies: ["Identity", "Protos", "RPCServer", "Wire"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TLS",
            dependencies: [
                "COpenSSL",
                "Identity",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Secrets",
            dependencies: ["COpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Integrations",
            dependencies: [
                "CCurl",
                "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Jobs",
            dependencies: [
                "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Observability",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LayeredConfig",
            swiftSettings: strictSettings
        ),
        .target(
            name: "AttributionCore",
            dependencies: ["COpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AttributionStore",
            dependencies: ["AttributionCore", "Jobs", "Secrets", "Storage"],
            swiftSettings: strictSettings
        ),
        // MARK: Product services (Sources/Services): a kit, then one target per service.
        .target(
            name: "ServiceKit",
            dependencies: [
                "AttributionCore", "Identity", "Integrations", "Jobs", "LayeredConfig", "Protos", "RPCServer", "Secrets", "Storage",
                "Wire",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Services/ServiceKit",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Authorization",
            dependencies: [
                "AttributionStore", "Identity", "RPCServer", "ServiceKit", "Storage", "Wire",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Services/Authorization",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "AttributionCore", "AttributionStore", "LayeredConfig", "Protos", "RPCServer", "ServiceKit", "Storage", "Wire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Services/Ingest",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Pixels",
            dependencies: [
                "AttributionCore", "AttributionStore", "Integrations", "Jobs", "LayeredConfig", "Protos", "RPCServer", "Secrets",
                "ServiceKit", "Storage", "Wire",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Services/Pixels",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Dashboards",
            dependencies: [
                "AttributionStore", "Authorization", "Identity", "Protos", "RPCServer", "ServiceKit", "Storage", "Wire",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Services/Dashboards",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Influencers",
            dependencies: [
                "AttributionCore", "AttributionStore", "Jobs", "Protos", "RPCServer", "ServiceKit", "Storage", "Wire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Services/Influencers",
            swiftSettings: strictSettings
        ),
        .target(
            name: "AttrdCore",
            dependencies: [
                "AttributionStore",
                "Integrations",
                "CoreServices",
                "Authorization",
                "Jobs",
                "Dashboards",
                "Influencers",
                "Ingest",
                "Pixels",
                "ServiceKit",
                "InteropService",
                "Protos",
                "RPCServer",
                "Identity",
                "LayeredConfig",
                "Observability",
                "Secrets",
                "Storage",
                "TLS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AttrctlCore",
            dependencies: [
                "LayeredConfig",
                "Protos",
                "RPCClient",
                "Wire",
                "TLS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Executables: thin mains over the libraries above.
        .executableTarget(
            name: "attrd",
            dependencies: [
                "AttrdCore", "Identity", "Jobs", "LayeredConfig", "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "attrctl",
            dependencies: [
                "AttrctlCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests.
        .target(
            name: "TestSupport",
            dependencies: [
                "Integrations", "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            // The fakes' scripts are run from the source tree (#filePath), not bundled.
            exclude: ["Fakes/Scripts"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: ["Identity"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IntegrationsTests",
            dependencies: [
                "Integrations", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RPCTests",
            dependencies: [
                "CoreServices", "Identity", "InteropService", "Protos", "RPCClient", "RPCServer", "TLS", "TestSupport", "Wire",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TLSTests",
            dependencies: [
                "TLS", "Identity", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Secrets", "ServiceKit", "Storage", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AttributionStoreTests",
            dependencies: ["AttributionCore", "AttributionStore", "Storage", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JobsTests",
            dependencies: [
                "Jobs", "Storage", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AttributionCoreTests",
            dependencies: ["AttributionCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServicesTests",
            dependencies: [
                "AttrctlCore", "AttrdCore", "AttributionCore", "AttributionStore", "Identity", "Integrations", "Jobs", "LayeredConfig",
                "Protos",
                "RPCClient",
                "Authorization", "Dashboards", "Ingest", "Pixels", "RPCServer", "Secrets", "ServiceKit", "Storage", "TestSupport",
                "TLS", "Wire", "Influencers",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ObservabilityTests",
            dependencies: [
                "Observability", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LayeredConfigTests",
            dependencies: ["LayeredConfig"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AttrdCoreTests",
            dependencies: [
                "AttrdCore", "AttributionStore", "Identity", "Ingest", "Integrations", "Jobs", "LayeredConfig", "Pixels", "Protos",
                "RPCClient", "Secrets", "ServiceKit", "Storage", "TestSupport", "TLS", "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AttrctlCoreTests",
            dependencies: [
                "AttrctlCore", "LayeredConfig", "Protos", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
