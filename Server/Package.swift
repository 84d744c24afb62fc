// swift-tools-version: 6.1
import PackageDescription

// parley-server: Parley for a team, in the browser and over HTTP. A package of its own, so that
// the command-line tool never links the server stack (its start-up time is benchmarked) and the
// root package's `swift test` stays fast. It calls the same use cases (ParleyKit) as the CLI.
let package = Package(
    name: "ParleyServer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley-server", targets: ["parley-server"])
    ],
    // PostgreSQL turns on Parley's own PostgreSQL trait (README, "PostgreSQL"): `--db postgres://...`
    // for the server. Off by default, so the default server build never compiles postgres-nio.
    traits: [
        .trait(
            name: "PostgreSQL",
            description: "Serve a PostgreSQL database: --db postgres://user@host/dbname (Parley's PostgreSQL trait)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(
            name: "Parley", path: "..",
            traits: [.trait(name: "PostgreSQL", condition: .when(traits: ["PostgreSQL"]))]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own layers below it: connections (for the per-client limits) and headers.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Routes, pages, the JSON API, access control and the defences of a public service.
        .target(
            name: "ParleyServer",
            dependencies: [
                // The use cases and the model only: nothing below the use cases.
                .product(name: "ParleyKit", package: "Parley"),
                .product(name: "ParleyModel", package: "Parley"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "parley-server",
            dependencies: [
                "ParleyServer",
                .product(name: "ParleyKit", package: "Parley"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Start the real binaries: the server, and `parley` to make cases and tokens.
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer", "parley-server", .product(name: "parley", package: "Parley"),
                // The fictional case of the OpenAPI tests is written through the use cases.
                .product(name: "ParleyKit", package: "Parley"), .product(name: "ParleyModel", package: "Parley"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
