import Foundation
import ParleyCasefile
import ParleyDraft
import ParleyModel
import ParleyReports
import ParleyStore
import Synchronization

extension Parley {
    /// Proposes statements from an article's text, with the case's parties, actors and issues as
    /// the table of who speaks for whom; writes nothing.
    ///
    /// - Parameters:
    ///   - text: the article, plain UTF-8, paragraphs separated by blank lines.
    ///   - article: where it came from, for the draft's header (a path, or "source ID").
    ///   - published: the day it was published; when `source` is in the case, its date (and a
    ///     different one is refused).
    ///   - source: the source the statements cite; when the case lacks it, the draft adds it.
    ///   - fileName: the article's file name, for a source id when `source` is nil.
    public func draft(
        text: String, article: String, published: CalendarDate?, source: String?, fileName: String? = nil
    ) throws -> DraftFile {
        try draftDesk().draft(text: text, article: article, published: published, source: source, fileName: fileName)
    }

    /// The case read once for drafting many articles: drafting from it reads nothing more and
    /// may run on several threads at once.
    public func draftDesk() throws -> DraftDesk {
        try reading { reader in
            DraftDesk(
                parties: try reader.parties(), actors: try reader.actors(), issues: try reader.issues(),
                sources: try reader.sources(includeText: false), today: clock.today)
        }
    }
    /// The stored text of a source and its date, to draft from.
    public func sourceText(_ id: String) throws -> (text: String, published: CalendarDate) {
        let source = try reading { try $0.source(id) }
        guard let text = source.text, !text.isEmpty else {
            throw StoreError.invalid([Problem(.noSourceText(source: id))])
        }
        return (text, source.published)
    }

    /// "drafts/rferl-brussels.txt" → "rferl-brussels": the file's name without its folder and
    /// its extension (as `URL.deletingPathExtension().lastPathComponent`, without building a URL).
    static func stem(_ path: String) -> String {
        var name = Substring(path)
        while name.hasSuffix("/") { name = name.dropLast() }
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }

    /// "rferl-brussels.txt" published 2021-12-16 → "rferl-brussels-2021-12-16".
    static func sourceID(fileName: String?, published: CalendarDate) -> String {
        let stem = (fileName.map(Self.stem) ?? "article").lowercased()
        var slug = ""
        for scalar in stem.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "article" }
        let date = published.description
        let id = slug.hasSuffix(date) ? slug : "\(slug.prefix(150))-\(date)"
        return Identifier.isValid(id) ? id : "article-\(date)"
    }
}

extension Parley {
    /// Looks up every recorded quotation (of statements that stand) in its source's stored text,
    /// on either backend.
    public func checkQuotes(source: String? = nil) throws -> QuoteCheckReport {
        try reading { reader in
            let statements = try reader.statements(StatementFilter(source: source)).filter {
                $0.statement.quote?.isEmpty == false
            }
            let sourceIDs = Set(statements.map(\.statement.source))
            var matchers: [String: QuoteMatcher] = [:]
            for id in sourceIDs.sorted() {
                if let text = try reader.source(id).text, !text.isEmpty { matchers[id] = QuoteMatcher(text: text) }
            }
            var misquotes: [QuoteCheckReport.Misquote] = []
            var unchecked: [String: Int] = [:]
            var checked = 0
            for dated in statements {
                let s = dated.statement
                guard let matcher = matchers[s.source] else {
                    unchecked[s.source, default: 0] += 1
                    continue
                }
                checked += 1
                if let quote = s.quote, let matches = matcher.longestMatch(quote) {
                    misquotes.append(
                        QuoteCheckReport.Misquote(
                            number: dated.sequence, party: s.party, actor: s.actor, source: s.source, quote: quote,
                            matches: matches))
                }
            }
            return QuoteCheckReport(
                checked: checked, misquotes: misquotes.sorted { $0.number < $1.number },
                unchecked: unchecked.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}

extension Parley {
    /// Drafts many articles side by side, one per core, from one read of the case (a
    /// ``DraftDesk``): `articles` are their file names and paths, `read` gives an article's text
    /// from its path, and each is dated `published` or, without it, by the first YYYY-MM-DD in
    /// its file's name. `each` gets the article's place in `articles`, its draft (or why it could
    /// not be drafted), and the size of its text, on the thread that drafted it.
    public func draftArticles(
        _ articles: [(name: String, path: String)], published: CalendarDate?,
        read: @Sendable (String) throws -> String,
        each: @Sendable (_ index: Int, _ draft: Result<DraftFile, Error>, _ bytes: Int) -> Void
    ) throws {
        let desk = try draftDesk()
        DispatchQueue.concurrentPerform(iterations: articles.count) { index in
            let (name, path) = articles[index]
            var bytes = 0
            let draft = Result<DraftFile, Error> {
                let text = try read(path)
                bytes = text.utf8.count
                guard let date = published ?? Self.date(inName: name) else { throw ModelError.undatedArticle(name) }
                return try desk.draft(text: text, article: path, published: date, source: nil, fileName: name)
            }
            each(index, draft, bytes)
        }
    }

    /// The first YYYY-MM-DD in a file's name that is a date: an article's publication date.
    public static func date(inName name: String) -> CalendarDate? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 10 else { return nil }
        func digit(_ i: Int) -> Bool { (48...57).contains(bytes[i]) }
        for start in 0...(bytes.count - 10) {
            let shape = (0..<10).allSatisfy { k in k == 4 || k == 7 ? bytes[start + k] == 45 : digit(start + k) }
            if shape, let date = try? CalendarDate(parsing: String(decoding: bytes[start..<start + 10], as: UTF8.self))
            {
                return date
            }
        }
        return nil
    }
}

/// What drafting needs from the case, read once: the table of speakers and issues, and the
/// sources already recorded.
public struct DraftDesk: Sendable {
    let parties: [Party]
    let actors: [Actor]
    let issues: [Issue]
    let sources: [String: Source]
    let today: CalendarDate
    let drafter: Drafter
    /// Each record's YAML, written once and used for every article that names it.
    private let written = WrittenRecords()

    init(parties: [Party], actors: [Actor], issues: [Issue], sources: [Source], today: CalendarDate) {
        self.parties = parties
        self.actors = actors
        self.issues = issues
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.today = today
        drafter = Drafter(parties: parties, actors: actors, issues: issues)
    }

    /// Drafts one article; see ``Parley/draft(text:article:published:source:fileName:)``.
    public func draft(
        text: String, article: String, published: CalendarDate?, source: String?, fileName: String? = nil
    ) throws -> DraftFile {
        let existing = source.flatMap { sources[$0] }
        let date: CalendarDate
        if let existing {
            if let published, published != existing.published {
                throw StoreError.invalid([
                    Problem(.publishedDiffers(source: existing.id, published: existing.published, given: published))
                ])
            }
            date = existing.published
        } else if let published {
            date = published
        } else {
            throw StoreError.invalid([
                Problem(.missingField("published (the day the article was published, YYYY-MM-DD)"))
            ])
        }
        if date.startKey > today.endKey {
            throw StoreError.invalid([Problem(.inFuture(field: "published", date: date, today: today))])
        }
        let id = source ?? Parley.sourceID(fileName: fileName, published: date)
        if !Identifier.isValid(id) { throw StoreError.invalid([Problem(.invalidIdentifier(id, kind: .source))]) }
        let read = drafter.read(text, published: date)
        let drafts = read.drafts
        let newSource =
            existing == nil
            ? Source(id: id, title: read.headline ?? "review: the source's title", published: date) : nil
        // The records the drafts name, so that the reviewed file imports on its own terms.
        let actorIDs = Set(drafts.compactMap(\.actor))
        let named = actors.filter { actorIDs.contains($0.id) }
        let partyIDs = Set(drafts.compactMap(\.party) + named.map(\.party))
        var issueIDs = Set<String>()
        for draft in drafts {
            var issue = draft.issue
            while let id = issue, issueIDs.insert(id).inserted { issue = Identifier.parentIssue(of: id) }
        }
        // The casefile sections of those records, as `CasefileWriter` writes them together.
        var records = ""
        func section(_ name: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            records += "\(name):\n" + items.joined()
        }
        section(
            "parties",
            try parties.filter { partyIDs.contains($0.id) }.map { p in
                try written.item("party \(p.id)", section: "parties") { Casefile(parties: [p]) }
            })
        section(
            "actors",
            try named.map { a in try written.item("actor \(a.id)", section: "actors") { Casefile(actors: [a]) } })
        section(
            "issues",
            try issues.filter { issueIDs.contains($0.id) }.map { i in
                try written.item("issue \(i.id)", section: "issues") { Casefile(issues: [i]) }
            })
        if let newSource { records += try CasefileWriter.yaml(Casefile(sources: [newSource])) }
        return DraftFile(
            article: article, published: date, source: id, newSource: newSource, drafts: drafts, records: records)
    }
}

/// Records' YAML, each written once (a casefile of one record, less its section's name) and kept
/// for the next article that names it; articles drafted side by side share it.
private final class WrittenRecords: Sendable {
    private let items = Mutex<[String: String]>([:])

    /// The YAML item ("- id: …" and its fields) of the one record in `casefile()`.
    func item(_ key: String, section: String, _ casefile: () -> Casefile) throws -> String {
        if let item = items.withLock({ $0[key] }) { return item }
        let yaml = try CasefileWriter.yaml(casefile())
        let item = String(yaml.dropFirst(section.count + 2))  // "parties:\n"
        items.withLock { $0[key] = item }
        return item
    }
}
