import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// The corrections through the store contract on PostgreSQL (edits, issue renames, relabels,
    /// agreements linked into packages), each made on an SQLite twin of the same case too, as
    /// ``PostgresWriteTests`` holds the other writes: afterwards every table holds the same rows on
    /// both (the change log's included) and the reports read the same; a refused correction is
    /// refused with the same error on both and leaves PostgreSQL as it was.
    @Suite(
        "Corrections on PostgreSQL, held to SQLite's",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresCorrectionTests {
        let twins = PostgresWriteTests()

        /// Makes `correct` on both twins; both must refuse it alike, and PostgreSQL not change.
        /// Returns the message.
        func refused(
            _ sqlite: Parley, _ postgres: Parley, _ file: String, _ address: String,
            sourceLocation: SourceLocation = #_sourceLocation, _ correct: (Parley) throws -> Void
        ) throws -> String {
            try twins.expectRefusedAlike(
                sqlite, postgres, file, address, alsoComparing: false, sourceLocation: sourceLocation, correct)?
                .localizedDescription ?? ""
        }

        @Test("party, actor, issue and source edits change the same rows and log the same entries as on SQLite")
        func edits() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    #expect(
                        try parley.editParty("ostrana") {
                            $0.name = "Republic of Ostrana"
                            $0.aliases += ["RO"]
                        }.count == 2)
                    #expect(try parley.editActor("ivo-marr") { $0.role = "Prime Minister" }.count == 1)
                    // An actor without statements may move to another party.
                    try parley.add(Actor(id: "mira-holt", name: "Mira Holt", party: "ostrana"))
                    #expect(try parley.editActor("mira-holt") { $0.party = "valdoria" }.count == 1)
                    // By an alias given the issue; a staleness window.
                    #expect(
                        try parley.editIssue("river/dam") {
                            $0.title = "The upstream dam"
                            $0.aliases = ["dam"]
                        }.count == 2)
                    #expect(try parley.editIssue("dam") { $0.staleAfter = try StaleWindow(parsing: "2y") }.count == 1)
                    // A source re-dated: the statements it dates move with it.
                    #expect(
                        try parley.editSource("courier-2019-06-03") {
                            $0.published = try CalendarDate(parsing: "2019-06-05")
                            $0.reliability = .high
                        }.count == 2)
                }
                try twins.expectSame(file, address)
            }
        }

        @Test("refused edits: the same error as on SQLite, and PostgreSQL unchanged")
        func editRefusals() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                // Nothing changes; an unknown party, with the closest one.
                _ = try refused(sqlite, postgres, file, address) { try $0.editParty("ostrana") { $0.name = "Ostrana" } }
                #expect(
                    try refused(sqlite, postgres, file, address) { try $0.editParty("ostrna") { $0.name = "O" } }
                        .contains("ostrana"))
                // An actor whose statements record them for their party.
                #expect(
                    try refused(sqlite, postgres, file, address) {
                        try $0.editActor("ivo-marr") { $0.party = "valdoria" }
                    }.contains("ivo-marr"))
                // An actor moved to a party that does not exist.
                _ = try refused(sqlite, postgres, file, address) {
                    try $0.editActor("tomas-vell") { $0.party = "nowhere" }
                }
                // An alias that is another issue's id; a blank title.
                _ = try refused(sqlite, postgres, file, address) {
                    try $0.editIssue("river/dam") { $0.aliases = ["river/fishing"] }
                }
                _ = try refused(sqlite, postgres, file, address) { try $0.editIssue("river") { $0.title = " " } }
                // A source re-dated before statements said after it, and into the future.
                #expect(
                    try refused(sqlite, postgres, file, address) {
                        try $0.editSource("herald-2015-07-01") {
                            $0.published = try CalendarDate(parsing: "2015-06-01")
                        }
                    }.contains("2015-06-20"))
                _ = try refused(sqlite, postgres, file, address) {
                    try $0.editSource("herald-2015-07-01") { $0.published = try CalendarDate(parsing: "2031-01-01") }
                }
                try twins.expectSame(file, address)
            }
        }

        @Test("issue renames move the same ids and aliases as on SQLite, and the old ids still answer")
        func renames() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    // With its sub-issue; then under another parent.
                    #expect(
                        try parley.renameIssue("river/dam", to: "river/dams").map(\.new) == [
                            "river/dams", "river/dams/funding",
                        ])
                    #expect(try parley.renameIssue("trade/transit", to: "river/transit").count == 1)
                    // By its former id.
                    #expect(try parley.renameIssue("river/dam", to: "river/dam-project").count == 2)
                }
                for id in ["river/dam", "river/dams", "trade/transit", "river"] {
                    #expect(try postgres.issueRenamed(from: id) == sqlite.issueRenamed(from: id))
                    #expect(try postgres.issueName(id) == sqlite.issueName(id))
                }
                #expect(try postgres.issueRenamed(from: "river/dam") == "river/dam-project")
                try twins.expectSame(file, address)
            }
        }

        @Test("refused issue renames: the same error as on SQLite, and PostgreSQL unchanged")
        func renameRefusals() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                let refusals: [(old: String, new: String)] = [
                    ("river", "River Issues"),  // not an id
                    ("rivr", "rivers"),  // no such issue
                    ("river", "river"),  // nothing changes
                    ("river", "river/water"),  // under itself
                    ("river/fishing", "sea/fishing"),  // no such parent
                    ("river/fishing", "river/dam"),  // taken
                ]
                for (old, new) in refusals {
                    _ = try refused(sqlite, postgres, file, address) { _ = try $0.renameIssue(old, to: new) }
                }
                // A new id that is another issue's alias.
                for parley in [postgres, sqlite] { _ = try parley.editIssue("trade") { $0.aliases = ["commerce"] } }
                _ = try refused(sqlite, postgres, file, address) { _ = try $0.renameIssue("river", to: "commerce") }
                try twins.expectSame(file, address)
            }
        }

        @Test("relabels change the same statements, relations and orders as on SQLite, and log the same")
        func relabels() throws {
            try twins.withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    // Into a label its relation names: the relation goes.
                    #expect(try !parley.relabel(issue: "corridor", from: "open-route-soon", to: "open-route").isEmpty)
                    // A new label: its relation and its order follow it.
                    #expect(
                        try !parley.relabel(issue: "corridor", from: "brenn-customs", to: "brenn-run-customs").isEmpty)
                    #expect(
                        try parley.relabel(issue: "corridor/route", from: "close-route", to: "shut-route").count == 1)
                    // On one issue by its own id.
                    #expect(try !parley.relabel(issue: "prisoners", from: "release-some", to: "release-part").isEmpty)
                }
                try twins.expectSame(file, address)
            }
        }

        @Test("refused relabels: the same error as on SQLite, and PostgreSQL unchanged")
        func relabelRefusals() throws {
            try twins.withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                // Not a label; not used there (the closest one named); an unknown issue.
                _ = try refused(sqlite, postgres, file, address) {
                    _ = try $0.relabel(issue: "corridor", from: "open-route", to: "Open Route")
                }
                #expect(
                    try refused(sqlite, postgres, file, address) {
                        _ = try $0.relabel(issue: "corridor", from: "open-rout", to: "route-open")
                    }.contains("open-route"))
                _ = try refused(sqlite, postgres, file, address) {
                    _ = try $0.relabel(issue: "corridr", from: "open-route", to: "route-open")
                }
                // Two statements that would become one.
                let new = NewStatement(
                    party: "aurel", issue: "prisoners", kind: .demand, stance: "swap-all",
                    summary: "Aurel wants every detainee swapped.", source: "herald-2021-02-10")
                var other = new
                other.statement.stance = "swap-everyone"
                for parley in [postgres, sqlite] {
                    _ = try parley.record(new)
                    _ = try parley.record(other)
                }
                #expect(
                    try refused(sqlite, postgres, file, address) {
                        _ = try $0.relabel(issue: "prisoners", from: "swap-everyone", to: "swap-all")
                    }.contains("#"))
                try twins.expectSame(file, address)
            }
        }

        @Test("agreements linked into packages and unlinked as on SQLite; refusals alike, PostgreSQL unchanged")
        func packages() throws {
            try twins.withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    let linked = try parley.link(["prisoner-swap", "customs-deal"], package: "corridor-package")
                    #expect(linked.map(\.id) == ["prisoner-swap"])
                    #expect(try parley.link(["customs-deal"], package: nil).first?.was == "corridor-package")
                }
                try twins.expectSame(file, address)
                // Nothing changes; not a package name; an unknown agreement (one of two).
                _ = try refused(sqlite, postgres, file, address) {
                    _ = try $0.link(["route-deal"], package: "corridor-package")
                }
                _ = try refused(sqlite, postgres, file, address) {
                    _ = try $0.link(["route-deal"], package: "Corridor Package")
                }
                #expect(
                    try refused(sqlite, postgres, file, address) {
                        _ = try $0.link(["customs-deal", "prisoner-swapp"], package: "corridor-package")
                    }.contains("prisoner-swap"))
                try twins.expectSame(file, address)
            }
        }
    }
#endif
