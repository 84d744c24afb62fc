import Testing

@testable import ParleyModel

/// Hand-built statements and snapshots: the diff engine's rules without a database.
private func d(_ text: String) -> CalendarDate {
    (try? CalendarDate(parsing: text)) ?? .earliest
}

private func statement(
    _ party: String, _ issue: String, _ stance: String, said: String, source: String = "s", sourceDate: String? = nil,
    seq: Int64
) -> DatedStatement {
    DatedStatement(
        statement: Statement(
            party: party, issue: issue, kind: .assertion, stance: stance, summary: stance, said: d(said), source: source
        ),
        effectiveDate: d(said), sourceDate: d(sourceDate ?? said), sequence: seq)
}

/// The positions as of `date` from a list of statements, by the same rule the store's SQL uses.
private func snapshot(
    _ statements: [DatedStatement], asOf date: String, agreements: [Agreement] = [], disputes: [Dispute] = []
) -> Snapshot {
    var latest: [PositionKey: DatedStatement] = [:]
    for s in statements where s.effectiveDate.isOnOrBefore(d(date)) {
        let key = PositionKey(party: s.statement.party, issue: s.statement.issue)
        if let current = latest[key], !s.isLater(than: current) { continue }
        latest[key] = s
    }
    return Snapshot(
        asOf: d(date), positions: latest.values.map(Position.init(backing:)), agreements: agreements, disputes: disputes
    )
}

@Suite("Snapshot diff rules")
struct SnapshotDiffTests {
    @Test(
        "no position at the first date is new; another label is a change; the same label restated is reaffirmed"
    )
    func newChangedReaffirmed() {
        let all = [
            statement("a", "dam", "oppose", said: "2016-01-01", seq: 1),
            statement("b", "dam", "build", said: "2016-01-02", seq: 2),
            statement("a", "dam", "accept", said: "2019-01-01", seq: 3),
            statement("b", "dam", "build", said: "2019-01-02", seq: 4),
            statement("c", "dam", "mediate", said: "2019-02-01", seq: 5),
            statement("c", "fish", "quota", said: "2015-01-01", seq: 6),
        ]
        let diff = SnapshotDiff(from: snapshot(all, asOf: "2017-01-01"), to: snapshot(all, asOf: "2020-01-01"))
        let kinds = Dictionary(uniqueKeysWithValues: diff.positions.map { ("\($0.party)/\($0.issue)", $0.kind) })
        #expect(kinds == ["a/dam": .changed, "b/dam": .reaffirmed, "c/dam": .new])
        let change = diff.positions.first { $0.party == "a" }
        #expect(change?.before?.stance == "oppose")
        #expect(change?.after.stance == "accept")
    }

    @Test("a condition is judged against the position it names, among many, and a pair without one has none")
    func conditionsFindTheirPosition() {
        // 40 parties on 30 issues, given in no particular order: the snapshot orders them.
        var all: [DatedStatement] = []
        var seq: Int64 = 0
        for issue in (0..<30).reversed() {
            for party in 0..<40 where (party + issue) % 7 != 0 {
                seq += 1
                all.append(
                    statement(
                        "p\(party)", "i\(issue)", (party + issue) % 2 == 0 ? "yes" : "no", said: "2020-01-01", seq: seq)
                )
            }
        }
        let snapshot = snapshot(all.shuffled(), asOf: "2021-01-01")
        for issue in 0..<30 {
            for party in 0..<40 {
                let found = snapshot.position(party: "p\(party)", issue: "i\(issue)")
                if (party + issue) % 7 == 0 {
                    #expect(found == nil)
                } else {
                    #expect(found?.stance == ((party + issue) % 2 == 0 ? "yes" : "no"))
                    #expect(found?.key == PositionKey(party: "p\(party)", issue: "i\(issue)"))
                }
            }
        }
        #expect(snapshot.holds(Condition(party: "p1", issue: "i3", label: "yes"), of: "p2") == true)
        #expect(snapshot.holds(Condition(party: "p1", issue: "i3", label: "no"), of: "p2") == false)
        #expect(snapshot.holds(Condition(party: "p3", issue: "i4", label: "yes"), of: "p2") == nil)
        #expect(snapshot.holds(Condition(party: nil, issue: "i3", label: "no"), of: "p2") == true)
        #expect(snapshot.position(party: "p1", issue: "i99") == nil)
        #expect(snapshot.position(party: "", issue: "i3") == nil)
    }

    @Test("a change keeps every field of its positions' statements as they were given")
    func changesKeepEveryField() {
        // Every field set, text beyond ASCII, a month-precise date said and a year-precise source.
        let full = DatedStatement(
            statement: Statement(
                number: 0, party: "ostrana", actor: "foreign-ministry", issue: "border/crossings", kind: .denial,
                stance: "closed-crossings", summary: "Ostrana «ferme» les points de passage 🚧.",
                quote: "Nous n’ouvrirons rien.", said: d("2018-06"), source: "gazette",
                recordedAt: "2026-01-01T00:00:00Z",
                retraction: Retraction(at: "2026-02-01T00:00:00Z", by: "desk", reason: "wrong date"),
                via: "Charles Michel", about: "valdoria",
                conditions: [
                    Condition(issue: "border/customs", label: "national"),
                    Condition(party: "valdoria", issue: "rail", label: "open"),
                ]),
            effectiveDate: d("2018-06"), sourceDate: d("2019"), sequence: 7)
        var alongside = full
        alongside.sequence = 6
        alongside.statement.number = nil
        alongside.statement.stance = "guarded-crossings"
        let before = Position(backing: full, alongside: [alongside])
        var later = statement("ostrana", "border/crossings", "open-crossings", said: "2020-03-04", seq: 9)
        later.statement.quote = ""
        let after = Position(backing: later)
        let diff = SnapshotDiff(
            from: Snapshot(asOf: d("2019-01-01"), positions: [before], agreements: [Agreement](), disputes: []),
            to: Snapshot(asOf: d("2021-01-01"), positions: [after], agreements: [Agreement](), disputes: []))
        #expect(diff.positions.count == 1)
        #expect(diff.positions.first?.before == before)
        #expect(diff.positions.first?.after == after)
        #expect(diff.positions.first?.kind == .changed)
    }

    @Test("nothing said between the dates: the diff is empty")
    func unchanged() {
        let all = [statement("a", "dam", "oppose", said: "2016-01-01", seq: 1)]
        #expect(SnapshotDiff(from: snapshot(all, asOf: "2017"), to: snapshot(all, asOf: "2018")).isEmpty)
    }

    @Test("ties on the said date go to the later source, then to the later recording")
    func ties() {
        let early = statement(
            "a", "dam", "accept", said: "2019-06-01", source: "herald", sourceDate: "2019-06-02", seq: 9)
        let late = statement(
            "a", "dam", "conditional", said: "2019-06-01", source: "courier", sourceDate: "2019-06-03", seq: 1)
        #expect(snapshot([early, late], asOf: "2019-12").positions.first?.stance == "conditional")
        let first = statement("a", "dam", "x", said: "2019-06-01", seq: 1)
        let second = statement("a", "dam", "y", said: "2019-06-01", seq: 2)
        #expect(snapshot([second, first], asOf: "2019-12").positions.first?.stance == "y")
    }

    @Test(
        "a month-precise statement is not before a day inside its month, and beats a day-precise one there"
    )
    func monthPrecision() {
        let month = statement("a", "dam", "late", said: "2019-06", seq: 1)
        let day = statement("a", "dam", "early", said: "2019-06-20", seq: 2)
        #expect(snapshot([month, day], asOf: "2019-06-25").positions.first?.stance == "early")
        #expect(snapshot([month, day], asOf: "2019-06").positions.first?.stance == "late")
        #expect(snapshot([month], asOf: "2019-06-30").positions.first?.stance == "late")
        let year = statement("b", "dam", "y", said: "2019", seq: 3)
        #expect(snapshot([year], asOf: "2019-12-30").positions.isEmpty)
    }

    @Test("agreements: new, status changed, or restated with new steps in the window")
    func agreements() {
        let signedThenBroken = Agreement(
            id: "truce", title: "Truce", issue: "war", parties: ["a", "b"],
            history: [
                AgreementStep(status: .signed, on: d("2016-04-01"), source: "s"),
                AgreementStep(status: .broken, on: d("2017-03"), source: "s"),
            ])
        let reaffirmed = Agreement(
            id: "rail", title: "Rail", issue: "rail", parties: ["a", "b"],
            history: [
                AgreementStep(status: .reaffirmed, on: d("2016-01-01"), source: "s"),
                AgreementStep(status: .reaffirmed, on: d("2018-01-01"), source: "s"),
            ])
        let fresh = Agreement(
            id: "fish", title: "Fish", issue: "fish", parties: ["a", "b"],
            history: [
                AgreementStep(status: .proposed, on: d("2018-09"), source: "s"),
                AgreementStep(status: .signed, on: d("2018-09-10"), source: "s"),
            ])
        let diff = SnapshotDiff(
            from: snapshot([], asOf: "2016-06-01", agreements: [signedThenBroken, reaffirmed, fresh]),
            to: snapshot([], asOf: "2019", agreements: [signedThenBroken, reaffirmed, fresh]))
        let kinds = Dictionary(uniqueKeysWithValues: diff.agreements.map { ($0.agreement.id, $0.kind) })
        #expect(kinds == ["truce": .statusChanged, "rail": .restated, "fish": .new])
        #expect(diff.agreements.first { $0.agreement.id == "fish" }?.after.status == .signed)
        #expect(fresh.step(asOf: d("2018-09-15"))?.status == .signed)
    }

    @Test("disputes: opened, status changed, closed; reopening counts from the reopening")
    func disputes() {
        let opened = Dispute(
            id: "x", title: "X", issue: "x", parties: ["a", "b"],
            history: [DisputeStep(status: .open, on: d("2018"), source: "s")])
        let narrowed = Dispute(
            id: "y", title: "Y", issue: "y", parties: ["a", "b"],
            history: [
                DisputeStep(status: .open, on: d("2015"), source: "s"),
                DisputeStep(status: .narrowed, on: d("2018"), source: "s"),
            ])
        let resolved = Dispute(
            id: "z", title: "Z", issue: "z", parties: ["a", "b"],
            history: [
                DisputeStep(status: .open, on: d("2015"), source: "s"),
                DisputeStep(status: .resolved, on: d("2018"), source: "s"),
                DisputeStep(status: .open, on: d("2020-03"), source: "s"),
            ])
        let diff = SnapshotDiff(
            from: snapshot([], asOf: "2016", disputes: [opened, narrowed, resolved]),
            to: snapshot([], asOf: "2019", disputes: [opened, narrowed, resolved]))
        let kinds = Dictionary(uniqueKeysWithValues: diff.disputes.map { ($0.dispute.id, $0.kind) })
        #expect(kinds == ["x": .opened, "y": .statusChanged, "z": .closed])
        #expect(resolved.liveSince(asOf: d("2021"))?.description == "2020-03")
        #expect(resolved.liveSince(asOf: d("2019")) == nil)
    }

    @Test(
        "an apparent dispute appears when labels diverge with no live recorded dispute covering the issue or a parent")
    func apparent() {
        let all = [
            statement("a", "border/crossings", "open", said: "2020-02-10", seq: 1),
            statement("b", "border/crossings", "closed", said: "2020-02-11", seq: 2),
            statement("a", "river/dam", "build", said: "2020-01-01", seq: 3),
            statement("b", "river/dam", "oppose", said: "2020-01-01", seq: 4),
        ]
        let covering = Dispute(
            id: "river", title: "River", issue: "river", parties: ["a", "b"],
            history: [DisputeStep(status: .open, on: d("2019"), source: "s")])
        let diff = SnapshotDiff(
            from: snapshot(all, asOf: "2019", disputes: [covering]),
            to: snapshot(all, asOf: "2021", disputes: [covering]))
        #expect(diff.apparentAppeared.map(\.issue) == ["border/crossings"])
        #expect(diff.apparentGone.isEmpty)
    }

    @Test("a statement's stance changes are marked per party and issue in position order")
    func historyMarks() {
        let marked = IssueHistory.markChanges([
            statement("a", "dam", "accept", said: "2019", seq: 3),
            statement("a", "dam", "oppose", said: "2016-02-03", seq: 1),
            statement("a", "dam", "oppose", said: "2017-01-01", seq: 2),
            statement("b", "dam", "build", said: "2016-01-01", seq: 4),
        ]).map { "\($0.0.statement.party):\($0.0.statement.stance):\($0.1)" }
        #expect(
            marked == ["b:build:first", "a:oppose:first", "a:oppose:restated", "a:accept:changed(from: \"oppose\")"])
    }

    @Test("a source diff pairs what two readouts say on each party and issue")
    func sourceDiff() {
        let herald = [
            statement("a", "dam", "accept", said: "2019-06-01", source: "herald", seq: 1),
            statement("b", "dam", "build", said: "2019-06-01", source: "herald", seq: 2),
        ]
        let courier = [
            statement("a", "dam", "conditional", said: "2019-06-01", source: "courier", seq: 3),
            statement("b", "dam", "build", said: "2019-06-01", source: "courier", seq: 4),
            statement("b", "funding", "pay", said: "2019-06-01", source: "courier", seq: 5),
        ]
        let diff = SourceDiff(first: "herald", second: "courier", firstStatements: herald, secondStatements: courier)
        #expect(
            diff.entries.map { "\($0.party)/\($0.issue):\($0.kind.rawValue)" } == [
                "a/dam:different", "b/dam:same", "b/funding:only-second",
            ])
        #expect(!diff.isEmpty)
    }
}
