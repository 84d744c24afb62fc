import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// A fictional negotiation told by several sources over five years, the way real articles tell
/// one: agreements each side describes differently, statements relayed and claims about the
/// other side, sources that disagree, labels that differ without disagreeing, and evidence that
/// has gone stale. Every report is checked in text, Markdown and JSON.
@Suite("Real cases, told faithfully")
struct RealCaseTests {
    /// The case: Northland and Southland negotiate a transit route, with the River League
    /// mediating and Eastmark, a neighbour, heard from once, years ago.
    static func riverCase() throws -> Parley {
        let parley = try Parley.inMemory(clock: testClock, user: "analyst")
        for (id, name) in [("north", "Northland"), ("south", "Southland"), ("east", "Eastmark")] {
            try parley.add(Party(id: id, name: name, kind: .state))
        }
        try parley.add(Party(id: "league", name: "River League", kind: .organisation))
        try parley.add(Actor(id: "nadia", name: "Nadia Nord", party: "north", role: "President"))
        try parley.add(Actor(id: "nils", name: "Nils Nord", party: "north", role: "Foreign minister"))
        try parley.add(Actor(id: "sven", name: "Sven Sud", party: "south", role: "Prime minister"))
        for (id, title) in [
            ("transit", "Transit between the two countries"), ("transit/route", "The transit route"),
            ("transit/tolls", "Tolls on the route"), ("transit/observers", "An observer mission on the route"),
            ("border", "Where the border runs"),
        ] {
            try parley.add(Issue(id: id, title: title))
        }
        for (id, published) in [
            ("courier-2019", "2019-03-01"), ("herald-2023", "2023-05-10"), ("wire-2023", "2023-05-11"),
            ("post-2023", "2023-06-01"), ("bulletin-2024", "2024-01-15"),
        ] {
            try parley.add(Source(id: id, title: id, published: try date(published)))
        }
        func say(
            _ party: String?, _ actor: String? = nil, _ issue: String, _ kind: StatementKind, _ stance: String,
            said: String?, _ source: String, via: String? = nil, about: String? = nil
        ) throws {
            try parley.record(
                NewStatement(
                    party: party, actor: actor, issue: issue, kind: kind, stance: stance, summary: "\(stance).",
                    said: try said.map(date), source: source, via: via, about: about))
        }
        // 2019: the first round; Eastmark objects to observers; the border row opens.
        try say(nil, "nadia", "transit/route", .proposal, "open-route", said: "2019-02-20", "courier-2019")  // #1
        // #2
        try say("east", nil, "transit/observers", .rejection, "oppose-mission", said: "2019-02-25", "courier-2019")
        try say("north", nil, "border", .demand, "river-line", said: "2019-02-26", "courier-2019")  // #3
        try say("south", nil, "border", .demand, "ridge-line", said: "2019-02-27", "courier-2019")  // #4
        try parley.add(
            Dispute(
                id: "border-row", title: "Where the border runs", issue: "border", parties: ["north", "south"],
                history: [DisputeStep(status: .open, on: try date("2019-02-27"), source: "courier-2019")]))
        // 2023: both ministers of Northland back the route in one article, one through the League.
        try say(nil, "nadia", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023")  // #5
        try say(
            nil, "nils", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023",
            via: "the League envoy")  // #6
        // Northland says Southland accepted the route; Southland's own words the next day reject it,
        // and two sources report that day differently.
        // #7
        try say(
            nil, "nadia", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023", about: "south")
        try say(nil, "sven", "transit/route", .rejection, "reject-route", said: "2023-05-11", "wire-2023")  // #8
        try say("south", nil, "transit/route", .proposal, "conditional-route", said: "2023-05-11", "post-2023")  // #9
        // Tolls: a second issue of the route dispute.
        try say("north", nil, "transit/tolls", .demand, "no-tolls", said: "2023-05-09", "herald-2023")  // #10
        try say("south", nil, "transit/tolls", .demand, "tolls", said: "2023-05-11", "wire-2023")  // #11
        // Observers: two labels for one position.
        try say("north", nil, "transit/observers", .commitment, "facilitate-mission", said: nil, "post-2023")  // #12
        try say("south", nil, "transit/observers", .commitment, "cooperate-mission", said: nil, "post-2023")  // #13
        try parley.add(
            Dispute(
                id: "route-row", title: "The route and its tolls", issue: "transit/route",
                moreIssues: ["transit/tolls"],
                parties: ["north", "south"],
                history: [DisputeStep(status: .open, on: try date("2023-05-10"), source: "herald-2023")]))
        // Restated a month later: the dispute is still open since its first step.
        try parley.appendStep(
            DisputeStep(status: .open, on: try date("2023-06-01"), source: "post-2023"), to: "route-row")
        // The route deal: proposed; Baku-style announcement that it was agreed, denied the next day.
        try parley.add(
            Agreement(
                id: "route-deal", title: "Opening the transit route", issue: "transit/route",
                terms: "The route opens to freight.", parties: ["north", "south"], mediators: ["league"],
                history: [AgreementStep(status: .proposed, on: try date("2023-04"), source: "herald-2023")]))
        try parley.appendStep(
            AgreementStep(
                status: .claimed, on: .earliest, source: "herald-2023", note: "North: both sides agreed to open it.",
                accordingTo: "north", onIsSourceDate: true), to: "route-deal")
        try parley.appendStep(
            AgreementStep(
                status: .disputed, on: try date("2023-05-11"), source: "wire-2023",
                note: "South: no such agreement was reached.", accordingTo: "south"), to: "route-deal")
        // 2024: the latest source, so ages are counted from 2024-01-15.
        try say("north", nil, "transit", .assessment, "talks-continue", said: nil, "bulletin-2024")  // #14
        return parley
    }

    static func json(_ report: some Report) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
    }

    static func errors(_ body: () throws -> Void) -> [ModelError] {
        do {
            try body()
        } catch StoreError.invalid(let problems) {
            return problems.map(\.error)
        } catch let error as ModelError {
            return [error]
        } catch let error as StoreError {
            Issue.record("unexpected \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
        return []
    }

    @Test("an agreement the sides tell differently: each side's account side by side, as a contradiction too")
    func contestedAgreement() throws {
        let parley = try Self.riverCase()
        let report = try parley.agreementsReport(asOf: nil)
        let entry = try #require(report.entries.first { $0.agreement.id == "route-deal" })
        #expect(entry.isContested)
        #expect(entry.accounts.map(\.party) == ["north", "south"])
        #expect(entry.accounts.map(\.step.status) == [.claimed, .disputed])
        let claimed = try #require(entry.accounts.first?.step)
        #expect(claimed.on == (try date("2023-05-10")))
        #expect(claimed.onIsSourceDate)

        let text = report.rendered(as: .text)
        #expect(text.contains("status proposed since 2023-04"))
        #expect(text.contains("Accounts differ:"))
        #expect(text.contains("north: claimed on 2023-05-10*, source herald-2023 - North: both sides agreed"))
        #expect(text.contains("south: disputed on 2023-05-11, source wire-2023 - South: no such agreement"))
        #expect(text.contains("* marks a date taken from the source's publication date"))
        let markdown = report.rendered(as: .markdown)
        #expect(markdown.contains("**Accounts differ:**"))
        #expect(markdown.contains("  - north: claimed on 2023-05-10\\*, source herald-2023"))
        let json = try Self.json(report)
        let agreement = try #require(
            (json["agreements"] as? [[String: Any]])?.first { $0["id"] as? String == "route-deal" })
        #expect(agreement["contested"] as? Bool == true)
        let accounts = try #require(agreement["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["party"] as? String } == ["north", "south"])
        let step = try #require(accounts.first?["step"] as? [String: Any])
        #expect(step["according_to"] as? String == "north")
        #expect(step["on_is_source_date"] as? Bool == true)
    }

    @Test("contradictions: sources that differ, a claim its subject's own words contradict, accounts that differ")
    func contradictions() throws {
        let parley = try Self.riverCase()
        let report = try parley.contradictions(asOf: nil)
        #expect(
            report.contradictions.map(\.kind) == [
                .sourcesDiffer, .claimContradicted, .claimContradicted, .accountsDiffer,
            ])
        let sources = try #require(report.contradictions.first { $0.kind == .sourcesDiffer })
        #expect(sources.party == "south")
        #expect(sources.issue == "transit/route")

        let text = report.rendered(as: .text)
        #expect(text.contains("SOURCES DIFFER  south on transit/route, said 2023-05-11"))
        #expect(
            text.contains("source wire-2023: reject-route (#8 rejection by sven, said 2023-05-11, source wire-2023)"))
        #expect(text.contains("source post-2023: conditional-route (#9 proposal, said 2023-05-11, source post-2023)"))
        #expect(text.contains("CLAIM CONTRADICTED  south on transit/route"))
        #expect(text.contains("south according to north: open-route (#7 assertion by nadia about south"))
        #expect(text.contains("south itself: reject-route (#8"))
        #expect(text.contains("ACCOUNTS DIFFER  agreement route-deal on transit/route, 2023-05-11"))
        let markdown = report.rendered(as: .markdown)
        for heading in ["## Sources differ", "## Claim contradicted", "## Accounts differ"] {
            #expect(markdown.contains(heading))
        }
        let json = try Self.json(report)
        let entries = try #require(json["contradictions"] as? [[String: Any]])
        #expect(
            entries.map { $0["kind"] as? String } == [
                "sources-differ", "claim-contradicted", "claim-contradicted", "accounts-differ",
            ])
        let first = try #require(entries[1]["first"] as? [String: Any])
        #expect(first["type"] as? String == "statement")
        #expect((first["statement"] as? [String: Any])?["about"] as? String == "south")

        // Narrowed by issue and date: before Southland answered, nothing contradicts.
        #expect(try parley.contradictions(asOf: try date("2023-05-10")).contradictions.isEmpty)
        #expect(try parley.contradictions(asOf: nil, issue: "border").contradictions.isEmpty)
        // Two labels recorded as compatible do not contradict.
        try parley.relate(LabelRelation(issue: "transit/route", "reject-route", "conditional-route", kind: .compatible))
        #expect(!(try parley.contradictions(asOf: nil).contradictions.contains { $0.kind == .sourcesDiffer }))
    }

    @Test("a claim about another party is never its position; it shows as 'according to' in reports and history")
    func claimsAboutOthers() throws {
        let parley = try Self.riverCase()
        let positions = try parley.positionsReport(asOf: nil, issue: "transit/route")
        let south = try #require(positions.rows.first?.held.first { $0.position.party == "south" })
        #expect(south.position.stance == "conditional-route")
        #expect(south.position.backing.statement.about == nil)

        let disputes = try parley.disputesReport(asOf: nil)
        let row = try #require(disputes.recorded.first { $0.id == "route-row" })
        let southSide = try #require(row.sides.first { $0.party == "south" })
        #expect(southSide.claims.map(\.sequence) == [7])
        #expect(
            disputes.rendered(as: .text).contains(
                "according to north (nadia): open-route (#7 assertion by nadia about south, said 2023-05-09"))
        #expect(
            disputes.rendered(as: .markdown).contains("| south | transit/route | open-route (according to north) |"))
        let json = try Self.json(disputes)
        let recorded = try #require(json["recorded"] as? [[String: Any]])
        let sides = try #require(recorded.first { $0["id"] as? String == "route-row" }?["sides"] as? [[String: Any]])
        let claims = try #require(sides.first { $0["party"] as? String == "south" }?["claims"] as? [[String: Any]])
        #expect(claims.first?["number"] as? Int == 7)

        let history = try parley.history(issue: "transit/route", party: "south")
        let text = history.rendered(as: .text)
        #expect(text.contains("#7 south according to north (nadia) on transit/route: assertion, claimed position:"))
        #expect(text.contains("2023-05-10* agreement route-deal: claimed according to north"))
        // South's first word on the route denies what North said it held.
        #expect(
            text.contains("#8 south (sven) on transit/route: rejection, claim denied: reject-route (#7: north says"))
        #expect(history.rendered(as: .json).contains("\"change\" : \"claim-denied\""))
        // Relayed statements say through whom.
        #expect(
            try parley.statements(StatementFilter(party: "north", issue: "transit/route")).rendered(as: .text).contains(
                "north (nils via the League envoy)"))
    }

    @Test("labels that agree make no apparent dispute; stale positions alone make none; stale disputes are listed")
    func honestApparentDisputes() throws {
        let parley = try Self.riverCase()
        var report = try parley.disputesReport(asOf: nil)
        // Facilitate vs cooperate is an apparent dispute until the labels are related; Eastmark's
        // 2019 objection is stale and changes nothing either way.
        #expect(report.apparent.map(\.issue) == ["transit/observers"])
        let east = try #require(report.apparent.first?.sides.first { $0.party == "east" }?.positions.first)
        #expect(east.stale)
        #expect(east.ageDays == 1785)
        try parley.relate(
            LabelRelation(issue: "transit/observers", "facilitate-mission", "cooperate-mission", kind: .compatible))
        report = try parley.disputesReport(asOf: nil)
        #expect(report.apparent.isEmpty)

        // The border row has had no evidence since 2019: it is listed as stale, not as open.
        #expect(report.recorded.map { "\($0.id ?? "") \($0.stale)" } == ["border-row true", "route-row false"])
        let text = report.rendered(as: .text)
        #expect(text.contains("Stale disputes"))
        #expect(text.contains("STALE border-row: Where the border runs"))
        #expect(text.contains("river-line (since 2019-02-26) - stale (1784 days)"))
        #expect(text.contains("(the latest date in the case)"))
        #expect(report.rendered(as: .markdown).contains("## Stale: Where the border runs (`border-row`)"))
        let json = try Self.json(report)
        let border = try #require((json["recorded"] as? [[String: Any]])?.first { $0["id"] as? String == "border-row" })
        #expect(border["stale"] as? Bool == true)

        // A wider window, on the report or on the issue, brings it back.
        #expect(
            try parley.disputesReport(asOf: nil, staleAfter: StaleWindow(parsing: "6y")).recorded.allSatisfy {
                !$0.stale
            })
        try parley.editIssue("border") { $0.staleAfter = try StaleWindow(parsing: "400d") }
        #expect(try parley.disputesReport(asOf: nil).recorded.first { $0.id == "border-row" }?.stale == true)
        try parley.editIssue("border") { $0.staleAfter = try StaleWindow(parsing: "5y") }
        #expect(try parley.disputesReport(asOf: nil).recorded.first { $0.id == "border-row" }?.stale == false)

        // As of 2019, nothing is stale and Eastmark's objection makes an apparent dispute on its own terms.
        let early = try parley.disputesReport(asOf: try date("2019-12"))
        #expect(early.recorded.map(\.stale) == [false])

        // Positions carry their age; the labels listing shows the relation, sub-issues included.
        let positions = try parley.positionsReport(asOf: nil, issue: "transit/observers")
        #expect(positions.rows.first?.diverges == false)
        #expect(positions.rows.first?.held.map(\.position.party) == ["east", "north", "south"])
        #expect(positions.rows.first?.held.map(\.stale) == [true, false, false])
        let labels = try parley.labels(issue: "transit")
        let facilitate = try #require(labels.records.first { $0.label == "facilitate-mission" })
        #expect(facilitate.issue == "transit/observers")
        #expect(facilitate.compatible == ["cooperate-mission"])
        #expect(Set(labels.records.map(\.issue)) == ["transit", "transit/observers", "transit/route", "transit/tolls"])
        #expect(labels.rendered(as: .text).contains("same side as"))
    }

    @Test("a recorded dispute over several issues looks its sides' positions up on all of them")
    func disputeOverSeveralIssues() throws {
        let parley = try Self.riverCase()
        let row = try #require(try parley.disputesReport(asOf: nil).recorded.first { $0.id == "route-row" })
        #expect(row.issues == ["transit/route", "transit/tolls"])
        let north = try #require(row.sides.first { $0.party == "north" })
        #expect(north.positions.map(\.position.issue) == ["transit/route", "transit/tolls"])
        // No apparent dispute on tolls: the recorded dispute covers it.
        #expect(!(try parley.disputesReport(asOf: nil).apparent.contains { $0.issue == "transit/tolls" }))
        #expect(
            try parley.history(issue: "transit/tolls").events.contains { event in
                if case .disputeStep(let dispute, _) = event { return dispute.id == "route-row" }
                return false
            })
        let exported = try parley.exportYAML()
        #expect(exported.contains("issues: [transit/route, transit/tolls]"))
    }

    @Test("'since' agrees everywhere, and positions say when a side adopted its stance")
    func sinceAndLastMoved() throws {
        let parley = try Self.riverCase()
        // The dispute was restated on 2023-06-01; it has been open since 2023-05-10.
        let listed = try #require(try parley.list(DisputeStatus.self).records.first { $0.id == "route-row" })
        #expect(listed.cells[2] == "2023-05-10")
        let reported = try #require(try parley.disputesReport(asOf: nil).recorded.first { $0.id == "route-row" })
        #expect(reported.since == (try date("2023-05-10")))
        // Northland has held open-route since 2019, restated in 2023.
        let positions = try parley.positionsReport(asOf: nil, party: "north", issue: "transit/route")
        let held = try #require(positions.rows.first?.held.first)
        #expect(held.movedOn?.effectiveDate == (try date("2019-02-20")))
        #expect(held.position.backing.effectiveDate == (try date("2023-05-09")))
        let json = try Self.json(positions)
        let issue = try #require((json["issues"] as? [[String: Any]])?.first)
        let position = try #require((issue["positions"] as? [[String: Any]])?.first)
        #expect(position["last_moved"] as? String == "2019-02-20")
        #expect(position["age_days"] as? Int == 251)
        #expect(positions.rendered(as: .text).contains("open-route  2019-02-20"))
        let diff = try parley.diff(from: try date("2022"), to: try date("2023-12"))
        let change = try #require(diff.diff.positions.first { $0.party == "north" && $0.issue == "transit/route" })
        #expect(change.kind == .reaffirmed)
        let diffJSON = try Self.json(diff)
        let after =
            (diffJSON["positions"] as? [[String: Any]])?.first {
                $0["party"] as? String == "north" && $0["issue"] as? String == "transit/route"
            }?["after"] as? [String: Any]
        #expect(after?["last_moved"] as? String == "2019-02-20")
    }

    @Test("two ministers taking one position in one article are two statements; a true repeat names its actor")
    func identity() throws {
        let parley = try Self.riverCase()
        let north = try parley.statements(StatementFilter(party: "north", issue: "transit/route")).statements
        #expect(north.filter { $0.statement.said == (try? date("2023-05-09")) && $0.statement.about == nil }.count == 2)
        #expect(
            throws: StoreError.duplicateStatement(
                party: "north", actor: "nils", issue: "transit/route", stance: "open-route",
                said: try date("2023-05-09"), source: "herald-2023")
        ) {
            try parley.record(
                NewStatement(
                    actor: "nils", issue: "transit/route", kind: .assertion, stance: "open-route", summary: "Again.",
                    said: try date("2023-05-09"), source: "herald-2023", via: "the League envoy"))
        }
        let message = StoreError.duplicateStatement(
            party: "north", actor: "nils", issue: "transit/route", stance: "open-route", said: nil,
            source: "herald-2023"
        ).localizedDescription
        #expect(message.contains("actor 'nils'"))
    }

    @Test("dates a source cannot vouch for are refused, naming both dates; nothing is written")
    func datesASourceCanVouchFor() throws {
        let parley = try Self.riverCase()
        let before = try parley.exportYAML()
        #expect(
            Self.errors {
                try parley.record(
                    NewStatement(
                        party: "north", issue: "border", kind: .demand, stance: "river-line", summary: "s",
                        said: try date("2023-06"), source: "herald-2023"))
            } == [.saidAfterSource(said: try date("2023-06"), source: "herald-2023", published: try date("2023-05-10"))]
        )
        #expect(
            ModelError.saidAfterSource(
                said: try date("2023-06"), source: "herald-2023", published: try date("2023-05-10")
            )
            .localizedDescription.contains("said 2023-06 is after source herald-2023 was published (2023-05-10)"))
        #expect(
            Self.errors {
                try parley.appendStep(
                    DisputeStep(status: .resolved, on: try date("2024-02"), source: "bulletin-2024"), to: "border-row")
            } == [.stepAfterSource(on: try date("2024-02"), source: "bulletin-2024", published: try date("2024-01-15"))]
        )
        // Today is 2026-01-01 on the test clock: a source dated after it is refused, so nothing
        // can be said or done after today either.
        #expect(
            Self.errors { try parley.add(Source(id: "ahead", title: "Dated ahead", published: try date("2030-01-01"))) }
                == [.inFuture(field: "published", date: try date("2030-01-01"), today: try date("2026-01-01"))])
        #expect(
            ModelError.inFuture(field: "said", date: try date("2029"), today: try date("2026-01-01"))
                .localizedDescription == "said 2029 is after today (2026-01-01); check the date")
        // From a casefile too.
        let casefile = Casefile(sources: [Source(id: "ahead", title: "Ahead", published: try date("2031"))])
        #expect(
            Self.errors { try parley.importCasefile(casefile, merge: true) }.contains {
                if case .inFuture = $0 { return true }
                return false
            })
        // Moving a source's date before what it reports is refused; steps dated by it follow it.
        #expect(
            Self.errors { try parley.editSource("wire-2023") { $0.published = try date("2023-05-01") } }.contains {
                if case .saidAfterSource = $0 { return true }
                return false
            })
        try parley.editSource("herald-2023") { $0.published = try date("2023-05-12") }
        let deal = try #require(
            try parley.agreementsReport(asOf: nil).entries.first { $0.agreement.id == "route-deal" })
        #expect(deal.accounts.first?.step.on == (try date("2023-05-12")))
        try parley.editSource("herald-2023") { $0.published = try date("2023-05-10") }
        #expect(try parley.exportYAML() == before)
    }

    @Test("the casefile keeps every new field, byte for byte")
    func casefileRoundTrip() throws {
        let parley = try Self.riverCase()
        try parley.relate(
            LabelRelation(issue: "transit/observers", "facilitate-mission", "cooperate-mission", kind: .compatible))
        try parley.relate(LabelRelation(issue: "transit/route", "open-route", "reject-route", kind: .opposed))
        try parley.editIssue("border") { $0.staleAfter = try StaleWindow(parsing: "18m") }
        let yaml = try parley.exportYAML()
        for field in [
            "via: the League envoy", "about: south", "according_to: north", "issues: [transit/route, transit/tolls]",
            "stale_after: 18m", "label_relations:", "labels: [cooperate-mission, facilitate-mission]", "kind: opposed",
        ] {
            #expect(yaml.contains(field), "missing \(field)")
        }
        // The claimed step was dated by its source: it has no `on`.
        #expect(yaml.contains("  - status: claimed\n    source: herald-2023\n"))
        let again = try Parley.inMemory(clock: testClock)
        try again.importCasefile(CasefileDocumentReading.read(yaml))
        #expect(try again.exportYAML() == yaml)
        // Merging a casefile that relates the same labels the other way is a conflict.
        var other = try again.exportCasefile()
        other.labelRelations = [
            LabelRelation(issue: "transit/route", "open-route", "reject-route", kind: .compatible)
        ]
        let conflicts = Self.errors { try again.importCasefile(other, merge: true) }
        #expect(
            conflicts == [
                .conflict(
                    .issue, record: "transit/route",
                    detail: "'open-route' and 'reject-route' are compatible in the casefile, opposed in the database")
            ])
        #expect(try again.exportYAML() == yaml)
    }
}

/// Reads casefile YAML text in tests.
enum CasefileDocumentReading {
    static func read(_ yaml: String) throws -> Casefile {
        let path = try temporaryDirectory().appendingPathComponent("case.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try Parley.readCasefile(path: path).casefile
    }
}
