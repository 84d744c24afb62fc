import ParleyModel

/// Reports as stable JSON: the fields documented in the README, keys sorted on output, dates in
/// ISO form, nulls kept. The server's API answers with exactly this JSON.
public struct JSONFormat: ReportFormat {
    public init() {}

    /// The notes as an array of strings.
    static func notes(_ notes: [ReportNote]) -> JSONValue { .array(notes.map { .string($0.text) }) }

    // MARK: - Disputes

    public func render(_ report: DisputesReport) -> JSONValue {
        [
            "as_of": .date(report.asOf), "known_as_of": .optional(report.knownAsOf?.given),
            "recorded": .array(report.recorded.map(Self.entry)),
            "apparent": .array(report.apparent.map(Self.entry)),
            "overdue": .array(report.overdue.map { Self.deadline($0.deadline, title: $0.title) }),
            "closed": .array(
                report.closed.map {
                    [
                        "id": .string($0.id), "title": .string($0.title), "issue": .string($0.issue),
                        "status": .string($0.status), "on": .date($0.on),
                    ]
                }),
            "notes": Self.notes(report.notes),
        ]
    }

    /// A dispute's JSON: its kind, id, title, issues, status and since, and its sides.
    static func entry(_ e: DisputesReport.Entry) -> JSONValue {
        [
            "kind": .string(e.recorded ? "recorded" : "apparent"), "id": .optional(e.id), "title": .string(e.title),
            "issue": .string(e.issue), "issues": .array(e.issues.map { .string($0) }), "status": .string(e.status),
            "since": .date(e.since), "since_is_source_date": .bool(e.sinceIsSourceDate), "stale": .bool(e.stale),
            "sides": .array(
                e.sides.map { side in
                    [
                        "party": .string(side.party),
                        "positions": .array(
                            side.positions.map { held in
                                Self.position(
                                    held.position, movedOn: held.movedOn, age: held.ageDays, stale: held.stale,
                                    move: held.move, movedFrom: held.movedFrom, conditions: held.conditions)
                            }),
                        "claims": .array(side.claims.map(\.jsonValue)),
                    ]
                }),
        ]
    }

    /// The position's JSON, with the date it was adopted when known and, when ages are
    /// measured, its age in days and whether it is stale; every label it holds (the party's
    /// statements of its latest date, `statement` the latest, `alongside` the others), the move by
    /// which it was adopted and from which label, and its statements' conditions.
    static func position(
        _ position: Position, movedOn: DatedStatement?, age: Int?, stale: Bool, move: Move? = nil,
        movedFrom: String? = nil, conditions: [ConditionState] = []
    ) -> JSONValue {
        Self.position(
            position, lastMoved: movedOn.map { ($0.effectiveDate, $0.statement.said == nil) }, age: age, stale: stale,
            move: move, movedFrom: movedFrom, conditions: conditions)
    }

    /// A diff's position: when it was last moved is all it keeps of its adoption.
    static func position(_ position: Position, lastMoved: DiffReport.LastMoved?, age: Int?, stale: Bool) -> JSONValue {
        Self.position(position, lastMoved: lastMoved.map { ($0.on, $0.isSourceDate) }, age: age, stale: stale)
    }

    static func position(
        _ position: Position, lastMoved: (on: CalendarDate, isSourceDate: Bool)?, age: Int?, stale: Bool,
        move: Move? = nil, movedFrom: String? = nil, conditions: [ConditionState] = []
    ) -> JSONValue {
        [
            "party": .string(position.party), "issue": .string(position.issue), "stance": .string(position.stance),
            "labels": .array(position.labels.map { .string($0) }),
            "last_moved": .date(lastMoved?.on),
            "last_moved_is_source_date": lastMoved.map { .bool($0.isSourceDate) } ?? .null,
            "move": .optional(move?.rawValue), "moved_from": .optional(movedFrom),
            "age_days": age.map { .int($0) } ?? .null, "stale": .bool(stale), "statement": position.backing.jsonValue,
            "alongside": .array(position.alongside.map(\.jsonValue)),
            "conditions": .array(
                conditions.map {
                    [
                        "statement": .int(Int($0.statement)), "party": .optional($0.condition.party),
                        "issue": .string($0.condition.issue), "label": .string($0.condition.label),
                        "holds": $0.holds.map { .bool($0) } ?? .null,
                    ]
                }),
        ]
    }

    /// A deadline's JSON: whose, when due, where it stands, and the parties' accounts.
    static func deadline(_ d: Deadline, title: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("agreement", .string(d.agreement)), ("term", .optional(d.term)), ("due", .date(d.due)),
            ("state", .string(d.state.rawValue)), ("implemented", d.implemented.map(Self.step) ?? .null),
            ("compliance_disputed", .bool(d.complianceDisputed)),
            ("accounts", .array(d.accounts.map { ["party": .string($0.party), "step": Self.step($0.step)] })),
        ]
        if let title { members.append(("title", .string(title))) }
        return JSONValue.object(members.map { JSONMember(key: $0.0, value: $0.1) }.sorted { $0.key < $1.key })
    }

    // MARK: - Positions

    public func render(_ report: PositionsReport) -> JSONValue {
        [
            "as_of": .date(report.asOf), "known_as_of": .optional(report.knownAsOf?.given),
            "parties": .array(report.parties.map { .string($0) }),
            "issues": .array(
                report.rows.map { row in
                    [
                        "issue": .string(row.issue), "title": .string(row.title), "diverges": .bool(row.diverges),
                        "positions": .array(
                            row.held.map {
                                Self.position(
                                    $0.position, movedOn: $0.movedOn, age: $0.ageDays, stale: $0.stale, move: $0.move,
                                    movedFrom: $0.movedFrom, conditions: $0.conditions)
                            }),
                    ]
                }),
            "notes": Self.notes(report.notes),
        ]
    }

    // MARK: - Agreements

    public func render(_ report: AgreementsReport) -> JSONValue {
        [
            "as_of": .date(report.asOf), "known_as_of": .optional(report.knownAsOf?.given),
            "agreements": .array(
                report.entries.map { e in
                    let (parties, mediators) = e.agreement.members(asOf: report.asOf)
                    return [
                        "id": .string(e.agreement.id), "title": .string(e.agreement.title),
                        "issue": .string(e.agreement.issue),
                        "issues": .array(e.agreement.issues.map { .string($0) }),
                        "contested": .bool(e.isContested),
                        "accounts": .array(
                            e.accounts.map { ["party": .string($0.party), "step": Self.step($0.step)] }),
                        "terms": .optional(e.agreement.terms),
                        "parties": .array(parties.map { .string($0) }),
                        "mediators": .array(mediators.map { .string($0) }),
                        "status": .string(e.current.status.rawValue),
                        "since": .date(e.since), "since_is_source_date": .bool(e.sinceIsSourceDate),
                        "history": .array(e.history.map(Self.step)),
                        "package": e.package.map {
                            [
                                "id": .string($0.package), "members": .array($0.members.map { .string($0) }),
                                "waiting_for": .array($0.waitingFor.map { .string($0) }), "held": .bool($0.isHeld),
                            ]
                        } ?? .null,
                        "deadlines": .array(e.deadlines.map { Self.deadline($0) }),
                    ]
                }),
            "notes": Self.notes(report.notes),
        ]
    }

    /// A step's JSON.
    static func step<Status>(_ step: Step<Status>) -> JSONValue {
        [
            "status": .string(step.status.rawValue), "on": .date(step.on),
            "on_is_source_date": .bool(step.onIsSourceDate), "according_to": .optional(step.accordingTo),
            "source": .string(step.source),
            "note": .optional(step.note), "add_parties": .array(step.addParties.map { .string($0) }),
            "remove_parties": .array(step.removeParties.map { .string($0) }),
            "add_mediators": .array(step.addMediators.map { .string($0) }),
            "remove_mediators": .array(step.removeMediators.map { .string($0) }),
            "retraction": step.retraction.map(\.jsonValue) ?? .null, "due": .date(step.due),
            "term": .optional(step.term), "recorded": .optional(step.recordedAt),
        ]
    }

    // MARK: - Contradictions

    public func render(_ report: ContradictionsReport) -> JSONValue {
        [
            "as_of": .date(report.asOf), "known_as_of": .optional(report.knownAsOf?.given),
            "issue": .optional(report.issue),
            "contradictions": .array(report.contradictions.map(Self.contradiction)),
            "notes": Self.notes(report.notes),
        ]
    }

    /// A contradiction's JSON: its kind, issue, party, agreement, term and date, and both sides'
    /// evidence.
    static func contradiction(_ c: Contradiction) -> JSONValue {
        func evidence(_ evidence: Contradiction.Evidence) -> JSONValue {
            switch evidence {
            case .statement(let dated): return ["type": "statement", "statement": dated.jsonValue]
            case .step(let step): return ["type": "agreement-step", "step": Self.step(step)]
            }
        }
        return [
            "kind": .string(c.kind.rawValue), "issue": .string(c.issue), "party": .optional(c.party),
            "agreement": .optional(c.agreement), "term": .optional(c.term), "date": .date(c.date),
            "first": evidence(c.first),
            "second": evidence(c.second),
        ]
    }

    // MARK: - History

    public func render(_ report: HistoryReport) -> JSONValue {
        [
            "issue": .string(report.issue), "party": .optional(report.party),
            "known_as_of": .optional(report.knownAsOf?.given),
            "events": .array(
                report.events.map { event in
                    switch event {
                    case .statement(let dated, let change):
                        var previous: JSONValue = .null
                        if case .changed(let from) = change { previous = .string(from) }
                        return [
                            "type": "statement", "date": .date(event.date),
                            "change": .string(report.kind(change, dated)), "previous_stance": previous,
                            "previous_labels": .array(
                                (report.moves[dated.sequence]?.from ?? []).map { .string($0) }),
                            "denied_claim": (report.moves[dated.sequence]?.deniedClaim).map { .int(Int($0.sequence)) }
                                ?? .null,
                            "statement": dated.jsonValue,
                        ]
                    case .agreementStep(let a, let step):
                        return [
                            "type": "agreement-step", "date": .date(step.on), "agreement": .string(a.id),
                            "step": Self.step(step),
                        ]
                    case .disputeStep(let d, let step):
                        return [
                            "type": "dispute-step", "date": .date(step.on), "dispute": .string(d.id),
                            "step": Self.step(step),
                        ]
                    }
                }),
            "notes": Self.notes(report.notes),
        ]
    }

    // MARK: - Diff

    public func render(_ report: DiffReport) -> JSONValue {
        let diff = report.diff
        return [
            "from": .date(diff.from), "to": .date(diff.to), "unchanged": .bool(diff.isEmpty),
            "known_as_of": .optional(report.knownAsOf?.given),
            "moves": JSONValue.object(
                Move.allCases.compactMap { move in
                    let count = diff.moves.filter { $0 == move }.count
                    return count == 0 ? nil : JSONMember(key: move.rawValue, value: .int(count))
                }.sorted { $0.key < $1.key }),
            "became_overdue": .array(diff.becameOverdue.map { Self.deadline($0) }),
            "positions": .array(
                zip(diff.positions, zip(report.movedBefore, report.movedAfter)).map { c, moved in
                    [
                        "change": .string(DiffReport.change(c)), "party": .string(c.party), "issue": .string(c.issue),
                        "denied_claim": c.deniedClaim?.jsonValue ?? .null,
                        "before": c.before.map {
                            Self.position($0, lastMoved: moved.0, age: nil, stale: false)
                        } ?? .null,
                        "after": Self.position(
                            c.after, lastMoved: moved.1,
                            age: report.staleness?.age(of: c.after.backing.effectiveDate),
                            stale: report.isStale(c.after)),
                    ]
                }),
            "agreements": .array(
                diff.agreements.map { c in
                    [
                        "change": .string(c.kind.rawValue), "id": .string(c.agreement.id),
                        "title": .string(c.agreement.title),
                        "before": .optional(c.before?.status.rawValue), "after": .string(c.after.status.rawValue),
                        "steps": .array(c.steps.map(Self.step)),
                    ]
                }),
            "disputes": .array(
                diff.disputes.map { c in
                    [
                        "change": .string(c.kind.rawValue), "id": .string(c.dispute.id),
                        "issue": .string(c.dispute.issue),
                        "before": .optional(c.before?.status.rawValue), "after": .string(c.after.status.rawValue),
                        "on": .date(c.after.on),
                    ]
                }),
            "apparent_appeared": .array(diff.apparentAppeared.map { Self.apparent($0) }),
            "apparent_gone": .array(
                diff.apparentGone.map { Self.apparent($0, wentStale: diff.apparentWentStale.contains($0.issue)) }),
            "notes": Self.notes(report.notes),
        ]
    }

    /// An apparent dispute's JSON; `went_stale` only for one that went away.
    static func apparent(_ a: ApparentDispute, wentStale: Bool? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("issue", .string(a.issue)),
            ("positions", .array(a.positions.map { ["party": .string($0.party), "stance": .string($0.stance)] })),
        ]
        if let wentStale { members.append(("went_stale", .bool(wentStale))) }
        return JSONValue.object(members.map { JSONMember(key: $0.0, value: $0.1) }.sorted { $0.key < $1.key })
    }

    // MARK: - Source diff

    public func render(_ report: SourceDiffReport) -> JSONValue {
        let diff = report.diff
        return [
            "first_source": .string(diff.firstSource), "second_source": .string(diff.secondSource),
            "agree": .bool(diff.isEmpty), "known_as_of": .optional(report.knownAsOf?.given),
            "entries": .array(
                diff.entries.map { e in
                    [
                        "party": .string(e.party), "about": .optional(e.about), "issue": .string(e.issue),
                        "comparison": .string(e.kind.rawValue),
                        "first": e.first?.jsonValue ?? .null, "second": e.second?.jsonValue ?? .null,
                    ]
                }),
        ]
    }

    // MARK: - Statements

    public func render(_ report: StatementsReport) -> JSONValue { .array(report.statements.map(\.jsonValue)) }

    // MARK: - Search

    public func render(_ report: SearchReport) -> JSONValue {
        [
            "query": .string(report.query),
            "hits": .array(
                report.hits.enumerated().map { index, hit in
                    [
                        "rank": .int(index + 1), "kind": .string(hit.kind), "record": Self.record(hit),
                        "matches": .array(
                            hit.matches.map {
                                [
                                    "field": .string($0.field), "text": .string($0.plain),
                                    "words": .array($0.words.map { .string($0) }),
                                ]
                            }),
                    ]
                }),
            "notes": Self.notes(report.notes),
        ]
    }

    /// The record a search hit found, as its listing's JSON.
    static func record(_ hit: SearchHit) -> JSONValue {
        switch hit.record {
        case .statement(let dated): return dated.jsonValue
        case .source(let source): return source.jsonValue
        case .party(let party): return party.jsonValue
        case .actor(let actor): return actor.jsonValue
        case .issue(let issue): return issue.jsonValue
        }
    }

    // MARK: - Change log

    public func render(_ report: LogReport) -> JSONValue {
        [
            "since": .date(report.since),
            "entries": .array(
                report.entries.map { entry in
                    [
                        "number": .int(Int(entry.number)), "at": .string(entry.at), "by": .string(entry.by),
                        "action": .string(entry.action.rawValue), "kind": .optional(entry.kind?.rawValue),
                        "record": .optional(entry.record), "reason": .optional(entry.reason),
                        "changes": .array(
                            entry.changes.map {
                                ["field": .string($0.field), "old": .optional($0.old), "new": .optional($0.new)]
                            }),
                    ]
                }),
        ]
    }

    // MARK: - Quotations

    public func render(_ report: QuoteCheckReport) -> JSONValue {
        [
            "checked": .int(report.checked),
            "found": .int(report.checked - report.misquotes.count),
            "misquotes": .array(
                report.misquotes.map { m in
                    [
                        "number": .int(Int(m.number)), "party": .string(m.party), "actor": .optional(m.actor),
                        "source": .string(m.source), "quote": .string(m.quote), "matches": .string(m.matches),
                    ]
                }),
            "unchecked": .array(report.unchecked.map { ["source": .string($0.source), "count": .int($0.count)] }),
        ]
    }

    // MARK: - Listings

    public func render<Record: Listable>(_ report: RecordList<Record>) -> JSONValue {
        .array(report.records.map(\.jsonValue))
    }
}

/// Statements as JSON Lines, one object per line: the statements listing only.
public struct JSONLinesFormat: ReportFormat {
    public init() {}

    public func render(_ report: StatementsReport) -> [JSONValue]? { report.statements.map(\.jsonValue) }

    public func render(_ report: DisputesReport) -> [JSONValue]? { nil }
    public func render(_ report: PositionsReport) -> [JSONValue]? { nil }
    public func render(_ report: AgreementsReport) -> [JSONValue]? { nil }
    public func render(_ report: ContradictionsReport) -> [JSONValue]? { nil }
    public func render(_ report: HistoryReport) -> [JSONValue]? { nil }
    public func render(_ report: DiffReport) -> [JSONValue]? { nil }
    public func render(_ report: SourceDiffReport) -> [JSONValue]? { nil }
    public func render(_ report: SearchReport) -> [JSONValue]? { nil }
    public func render(_ report: LogReport) -> [JSONValue]? { nil }
    public func render(_ report: QuoteCheckReport) -> [JSONValue]? { nil }
    public func render<Record: Listable>(_ report: RecordList<Record>) -> [JSONValue]? { nil }
}

extension DatedStatement {
    /// The statement's documented JSON fields.
    public var jsonValue: JSONValue {
        let s = statement
        return [
            "party": .string(s.party), "actor": .optional(s.actor), "issue": .string(s.issue),
            "kind": .string(s.kind.rawValue), "stance": .string(s.stance), "summary": .string(s.summary),
            "quote": .optional(s.quote), "said": .date(effectiveDate), "said_is_source_date": .bool(s.said == nil),
            "source": .string(s.source), "source_date": .date(sourceDate), "recorded": .optional(s.recordedAt),
            "number": .int(Int(sequence)), "retraction": s.retraction.map(\.jsonValue) ?? .null,
            "via": .optional(s.via), "about": .optional(s.about),
            "conditions": .array(
                s.conditions.map {
                    ["party": .string($0.party ?? s.party), "issue": .string($0.issue), "label": .string($0.label)]
                }),
        ]
    }
}

extension Retraction {
    /// The retraction's documented JSON fields.
    public var jsonValue: JSONValue { ["at": .string(at), "by": .string(by), "reason": .string(reason)] }
}
