// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyModel", targets: ["ParleyModel"]),
        .library(name: "ParleyStore", targets: ["ParleyStore"]),
        .library(name: "ParleyReports", targets: ["ParleyReports"]),
        .library(name: "ParleyKit", targets: ["ParleyKit"]),
        .library(name: "ParleyDraft", targets: ["ParleyDraft"]),
    ],
    // PostgreSQL is a second backend for teams that outgrow one machine (README, "PostgreSQL").
    // It is off by default, so that the first `swift run` and `swift test` never build
    // postgres-nio and its SwiftNIO stack: `swift build --traits PostgreSQL` turns it on.
    traits: [
        .trait(
            name: "PostgreSQL",
            description: "The PostgreSQL backend: --db postgres://user@host/dbname (postgres-nio)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Value types, validation, dates and snapshot diffing. Foundation only.
        .target(name: "ParleyModel"),
        // The YAML casefile: parsing with line-numbered problems, and deterministic output.
        .target(
            name: "ParleyCasefile",
            dependencies: ["ParleyModel", .product(name: "Yams", package: "Yams")]
        ),
        // The only target that talks to SQLite.
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The bulk importer binds values with SQLite's C API in its hot loop.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL backend: the only target that talks to PostgreSQL. Empty unless the
        // PostgreSQL trait is on (its sources are inside `#if PostgreSQL`).
        .target(
            name: "ParleyPostgres",
            dependencies: [
                "ParleyModel", "ParleyStore",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        // Report values, and one type per format that writes every report. Never touches the database.
        .target(name: "ParleyReports", dependencies: ["ParleyModel"]),
        // Drafting statements from an article's text: sentences, quotations, speakers, dates.
        .target(name: "ParleyDraft", dependencies: ["ParleyModel", .product(name: "Yams", package: "Yams")]),
        // The use cases: one function per question or write, called by every front end.
        .target(
            name: "ParleyKit",
            dependencies: [
                "ParleyModel", "ParleyCasefile", "ParleyStore", "ParleyReports", "ParleyDraft",
                .target(name: "ParleyPostgres", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        // The command line: parse, call one use case, render, print.
        .executableTarget(
            name: "parley",
            dependencies: [
                // The use cases and the model only: nothing below the use cases.
                "ParleyKit", "ParleyModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark support: a deterministic synthetic-data generator (see BENCHMARKS.md).
        .executableTarget(
            name: "parley-bench",
            dependencies: [
                "ParleyModel", "ParleyCasefile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ParleyModelTests", dependencies: ["ParleyModel"]),
        .testTarget(name: "ParleyCasefileTests", dependencies: ["ParleyCasefile", "ParleyModel"]),
        .testTarget(name: "ParleyStoreTests", dependencies: ["ParleyModel", "ParleyStore", "ParleyCasefile"]),
        .testTarget(
            name: "ParleyReportsTests",
            dependencies: ["ParleyModel", "ParleyReports", "ParleyStore", "ParleyKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ParleyKitTests", dependencies: ["ParleyKit", "ParleyModel", "ParleyStore", "ParleyReports", "ParleyCasefile"]),
        .testTarget(name: "ParleyCLITests", dependencies: ["parley"]),
        // The PostgreSQL backend against a real server (PARLEY_TEST_POSTGRES); skipped, with the
        // reason shown, when the trait is off or no server is given.
        .testTarget(
            name: "ParleyPostgresTests",
            dependencies: ["ParleyPostgres", "ParleyKit", "ParleyModel", "ParleyStore", "ParleyReports", "ParleyCasefile"]
        ),
        .testTarget(
            name: "ParleyDraftTests",
            dependencies: ["ParleyDraft", "ParleyModel", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
