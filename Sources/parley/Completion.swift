import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

/// Completing ids from the case itself: `parley add --party a<Tab>` offers the parties whose
/// ids start with "a". The database is the one the command line names (--db or --casefile),
/// else $PARLEY_DB, else ./parley.sqlite, opened read-only; when there is none, nothing is
/// offered.
enum Completion {
    /// A completion of the ids (and, for issues, aliases) of `kind`.
    static func ids(_ kind: RecordKind) -> CompletionKind {
        .custom { words, _, prefix in candidates(kind, words: words, prefix: prefix) }
    }

    static func candidates(_ kind: RecordKind, words: [String], prefix: String) -> [String] {
        func value(of option: String) -> String? {
            guard let index = words.lastIndex(of: option), index + 1 < words.count else { return nil }
            return words[index + 1]
        }
        do {
            let parley: Parley
            if let casefile = value(of: "--casefile") {
                parley = try Parley.open(casefile: casefile)
            } else {
                let path = value(of: "--db") ?? environment("PARLEY_DB") ?? "parley.sqlite"
                guard FileManager.default.fileExists(atPath: path) else { return [] }
                parley = try Parley.open(database: path, for: .read)
            }
            return try parley.ids(kind).filter { $0.hasPrefix(prefix) }
        } catch {
            return []
        }
    }
}
