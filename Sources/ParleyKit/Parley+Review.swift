import ParleyDraft
import ParleyModel
import ParleyReports
import ParleyStore

/// An article reviewed by a person: the statements they accepted from its drafts (edited or not,
/// and any they added), and the source they cite, new (with the article's text) or recorded.
public struct ReviewedArticle: Sendable {
    /// One accepted statement; `newLabelConfirmed` says the reviewer confirmed that a new stance
    /// label close to one already used is a different position.
    public struct Accepted: Sendable {
        public var statement: NewStatement
        public var newLabelConfirmed: Bool

        public init(_ statement: NewStatement, newLabelConfirmed: Bool = false) {
            self.statement = statement
            self.newLabelConfirmed = newLabelConfirmed
        }
    }

    /// The source to add first, when the case does not have it; nil when the statements cite a
    /// recorded one.
    public var newSource: Source?
    public var statements: [Accepted]

    public init(newSource: Source?, statements: [Accepted]) {
        self.newSource = newSource
        self.statements = statements
    }
}

/// Why a reviewed article was not recorded: the problem of its source, and each accepted
/// statement's, by its place in ``ReviewedArticle/statements``. Nothing was written.
public struct ReviewError: Error, Sendable {
    /// What was wrong with the new source, if anything.
    public var source: (any Error)?
    /// Each statement's problem, by its place among the accepted ones.
    public var statements: [Int: any Error]

    /// Whether a statement was refused only because its new label is close to one already used.
    public func isNearMiss(_ index: Int) -> Bool {
        guard case .invalid(let problems)? = statements[index] as? StoreError else { return false }
        return problems.allSatisfy { if case .labelCloseTo = $0.error { true } else { false } }
    }
}

extension Parley {
    /// Records a reviewed article in one transaction, as this case's user: its new source (with
    /// its text), then each accepted statement, with the same checks as ``record(_:newLabelConfirmed:)``.
    /// Every problem is found before anything is kept: if any statement (or the source) is
    /// refused, nothing is written and the ``ReviewError`` lists them all.
    @discardableResult
    public func record(_ article: ReviewedArticle) throws -> [StatementReceipt] {
        let recordedAt = clock.timestamp
        let today = clock.today
        return try writing { writer in
            var failure = ReviewError(source: nil, statements: [:])
            if let source = article.newSource {
                do {
                    try writer.addSource(source, today: today)
                    try writer.log(added(.source, source.id, source.fields))
                } catch {
                    failure.source = error
                }
            }
            let recorded = record(
                article.statements.lazy.map { ($0.statement, $0.newLabelConfirmed) }, recordedAt: recordedAt,
                by: writer)
            failure.statements = Dictionary(uniqueKeysWithValues: recorded.problems.map { ($0.index, $0.error) })
            if failure.source != nil || !failure.statements.isEmpty { throw failure }
            return recorded.receipts
        }
    }
}

/// A statement with what its page shows: its change log, and the stance labels used on its issue
/// by other statements that stand (so that a page can say whether its label was new there).
public struct StatementRecord: Sendable {
    public var statement: DatedStatement
    /// The change-log entries about it, oldest first: its recording, amendments, retraction.
    public var log: [LogEntry]
    /// The labels that other standing statements on the same issue use, most used first.
    public var otherLabels: [String]
    /// When its label is used by no other statement on the issue, the labels there it is close
    /// to (a likely typo, confirmed when it was recorded).
    public var nearMisses: [String]

    /// Whether no other statement on its issue uses its label.
    public var hasNewLabel: Bool { !otherLabels.contains(statement.statement.stance) }
}

extension Parley {
    /// Statement `number` (retracted or not), its change log, and the labels used beside it.
    public func statementRecord(number: Int64) throws -> StatementRecord {
        try lookingUp { reader in
            let dated = try reader.statement(number: number)
            let record = "#\(number)"
            let log = try reader.log(of: .statement, record: record)
            let labels = try reader.stanceLabels(issue: dated.statement.issue, except: number)
            let stance = dated.statement.stance
            let close = labels.contains(stance) ? [] : StoreWriter.nearMisses(stance, among: labels)
            return StatementRecord(statement: dated, log: log, otherLabels: labels, nearMisses: close)
        }
    }

    /// The statements matching `filter` whose kind is one of `kinds` (all kinds when empty), in
    /// date order.
    public func statements(_ filter: StatementFilter, kinds: Set<StatementKind>) throws -> StatementsReport {
        let report = try statements(filter)
        guard !kinds.isEmpty else { return report }
        return StatementsReport(statements: report.statements.filter { kinds.contains($0.statement.kind) })
    }

    /// The stance labels in use, by issue (sub-issues apart), most used first: what a form offers.
    public func labelsByIssue() throws -> [String: [String]] {
        let use = try reading { reader in
            try reader.issues().filter { !$0.id.contains("/") }.flatMap { try reader.labelUse(issue: $0.id) }
        }
        var labels: [String: [String]] = [:]
        for entry in use { labels[entry.issue, default: []].append(entry.label) }
        return labels
    }
}

extension Parley {
    /// Source `id`, with its stored text if it has one.
    public func source(_ id: String) throws -> Source {
        try reading { try $0.source(id) }
    }
}

extension Parley {
    /// The agreement or dispute `id` (by the status type asked for), its whole history: as it was
    /// recorded by `knownAsOf` (nil: as it is), as the reports see it then: steps recorded after
    /// it absent, retractions made after it not yet made. A record none of whose steps was
    /// recorded by then has an empty history; an unknown id is a `notFound` error.
    public func tracked<Status: StepStatus>(
        _ status: Status.Type, id: String, knownAsOf: KnownAsOf? = nil
    ) throws -> Tracked<Status> {
        var record = try lookingUp { try $0.tracked(status, id: id) }
        guard knownAsOf != nil else { return record }
        if let known = try reading({
            try $0.knowing(knownAsOf).tracked(status, issue: nil, party: nil, ids: [id]).first
        }) {
            return known
        }
        record.history = []
        return record
    }
}

/// An article laid out for review in a browser: its text, the source its statements will cite
/// (a recorded one, or one to add with the text), and each draft with the fields it proposes
/// and where its words are in the text.
public struct ReviewSheet: Sendable {
    /// One draft: the statement's fields as proposed (the stance is the reviewer's to give), the
    /// span of the text it comes from, and why the drafter read it so.
    public struct Row: Sendable {
        /// Proposed values by field; absent where the drafter has no proposal.
        public var values: [Statement.Field: String]
        /// Where the draft's words are in ``ReviewSheet/text``, in Unicode scalars.
        public var span: Range<Int>
        /// The speaker as the article writes them.
        public var speaker: String?
        /// How the speaker was resolved, or why not; why the issue.
        public var resolution: String
        public var issueEvidence: String
        /// Other issues that fit.
        public var issueCandidates: [String]
        /// 0...1.
        public var confidence: Double
    }

    public var text: String
    public var published: CalendarDate
    /// The id of the source the statements cite.
    public var source: String
    /// The source to add with the statements, when the case does not have it yet.
    public var newSource: Source?
    public var rows: [Row]
}

extension Parley {
    /// Drafts `text` for review; writes nothing. With `source` a recorded source, its date
    /// (and stored text when `text` is nil); otherwise a new source dated `published`, titled
    /// `title` (or the article's headline) with the id `source` (or one made from the title and
    /// the date).
    public func reviewSheet(
        text: String?, published: CalendarDate?, source: String?, title: String? = nil
    ) throws -> ReviewSheet {
        var text = text
        var published = published
        let recorded = try source.flatMap { id in try reading { reader in try? reader.source(id) } }
        if let recorded, text.map(Statement.isBlank) ?? true {
            let stored = try sourceText(recorded.id)
            text = stored.text
            published = published ?? stored.published
        }
        guard let text, !Statement.isBlank(text) else {
            throw StoreError.invalid([Problem(.missingField("text (paste the article, or upload it as a .txt file)"))])
        }
        let fileName = title.flatMap { $0.isEmpty ? nil : $0 }
        let file = try draft(text: text, article: "review", published: published, source: source, fileName: fileName)
        var newSource = file.newSource.map { source -> Source in
            var source = source
            if let fileName { source.title = fileName }
            source.text = text
            return source
        }
        if newSource != nil, fileName == nil, let headline = file.newSource?.title,
            headline.hasPrefix(DraftFile.reviewPrefix)
        {
            newSource?.title = "Article of \(file.published)"
        }
        // Without an id given, a new source's id comes from its title (the headline when none is
        // given), so that two articles of one day do not both get `article-DATE`.
        if source == nil, let title = newSource?.title, !title.hasPrefix("Article of ") {
            let words = String(title.map { $0 == "." || $0 == "/" ? " " : $0 }).split(separator: " ").prefix(6)
            newSource?.id = Self.sourceID(fileName: words.joined(separator: " "), published: file.published)
        }
        let sourceID = newSource?.id ?? file.source
        let rows = file.drafts.map { draft -> ReviewSheet.Row in
            var values: [Statement.Field: String] = [.kind: draft.kind.rawValue, .source: sourceID]
            values[.party] = draft.party
            values[.actor] = draft.actor
            values[.issue] = draft.issue
            values[.quote] = draft.quote
            values[.said] = draft.said?.description
            values[.via] = draft.via
            let summary = draft.summaryStart.isEmpty ? draft.spanText : draft.summaryStart
            values[.summary] = summary
            return ReviewSheet.Row(
                values: values, span: draft.span, speaker: draft.speaker, resolution: draft.resolution,
                issueEvidence: draft.issueEvidence, issueCandidates: draft.issueCandidates,
                confidence: draft.confidence)
        }
        return ReviewSheet(
            text: text, published: file.published, source: sourceID, newSource: newSource, rows: rows)
    }
}
