import Foundation
import Testing

/// The front ends (the command line in `Sources/parley`, the server in `Server/Sources`) reach the
/// case only through the use cases: they import ParleyKit and ParleyModel, never a module below
/// them. SwiftPM lets a target import any module its dependencies depend on, so the target
/// dependencies alone do not hold the line; this test does, by reading every front end's imports.
@Suite("The use-case boundary")
struct BoundaryTests {
    /// Modules behind the use cases: a front end that imports one has gone around ParleyKit.
    static let behindTheUseCases: Set<String> = [
        "ParleyStore", "ParleyCasefile", "ParleyDraft", "ParleyReports", "GRDB", "GRDBSQLite", "Yams",
    ]

    /// Parley's own modules a front end may import; any other `Parley…` module (one added later,
    /// such as another store) is behind the use cases too.
    static let frontEndModules: Set<String> = ["ParleyKit", "ParleyModel", "ParleyServer"]

    /// Whether a front end importing `module` goes around ParleyKit.
    static func isBehindTheUseCases(_ module: String) -> Bool {
        behindTheUseCases.contains(module) || (module.hasPrefix("Parley") && !frontEndModules.contains(module))
    }

    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under `folder` (relative to the root), with its imported modules.
    static func imports(under folder: String) throws -> [(file: String, modules: [String])] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [(file: String, modules: [String])] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            found.append((String(url.path.dropFirst(root.path.count + 1)), importedModules(in: text)))
        }
        return found
    }

    /// The modules a Swift file imports: `import M`, `@attribute import M`, `import struct M.T`.
    static func importedModules(in text: String) -> [String] {
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"]
        return text.split(separator: "\n").compactMap { line in
            var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { return nil }
            let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            return String(path.split(separator: ".").first ?? "")
        }
    }

    @Test("the reader of imports sees every form of import")
    func readsImports() {
        let text = """
            import Foundation
            @testable import ParleyStore
            @_exported import ParleyReports
            @preconcurrency import struct GRDB.Row
            // import Yams
            let important = 1
            """
        #expect(Self.importedModules(in: text) == ["Foundation", "ParleyStore", "ParleyReports", "GRDB"])
    }

    @Test("a Parley module added later is behind the use cases unless it is named as a front end's")
    func laterModules() {
        #expect(Self.isBehindTheUseCases("ParleyPostgres"))
        #expect(Self.isBehindTheUseCases("GRDB"))
        #expect(!Self.isBehindTheUseCases("ParleyKit") && !Self.isBehindTheUseCases("Hummingbird"))
    }

    @Test("the modules named here are the project's own (a renamed module does not slip past)")
    func modulesExist() {
        for module in Self.behindTheUseCases where module.hasPrefix("Parley") {
            let folder = Self.root.appendingPathComponent("Sources/\(module)").path
            #expect(FileManager.default.fileExists(atPath: folder), "no Sources/\(module)")
        }
    }

    @Test(
        "front ends import ParleyKit and ParleyModel, nothing below them",
        arguments: ["Sources/parley", "Server/Sources"])
    func frontEndImports(folder: String) throws {
        let files = try Self.imports(under: folder)
        #expect(files.count > 3, "\(folder) holds \(files.count) Swift files")
        #expect(files.contains { $0.modules.contains("ParleyKit") }, "\(folder) does not use ParleyKit")
        for (file, modules) in files {
            let behind = modules.filter(Self.isBehindTheUseCases)
            #expect(behind.isEmpty, "\(file) imports \(behind.joined(separator: ", ")): go through ParleyKit")
        }
    }

    @Test("the front ends' targets depend on ParleyKit and ParleyModel only, of Parley's modules")
    func targetDependencies() throws {
        let root = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let server = try String(contentsOf: Self.root.appendingPathComponent("Server/Package.swift"), encoding: .utf8)
        for module in Self.behindTheUseCases where module.hasPrefix("Parley") {
            #expect(!server.contains("\"\(module)\""), "Server/Package.swift names \(module)")
        }
        // The parley executable's target: from its name to the end of its dependency list.
        let target = try #require(root.range(of: "name: \"parley\","))
        let list = root[target.upperBound...].prefix { $0 != "]" }
        for module in Self.behindTheUseCases where module.hasPrefix("Parley") {
            #expect(!list.contains("\"\(module)\""), "the parley target depends on \(module)")
        }
    }
}
