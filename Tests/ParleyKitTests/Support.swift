import Foundation
import ParleyKit
import ParleyModel

/// A fixed clock, so recorded times are the same on every run.
let testClock = Clock.fixed(Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01T00:00:00Z

func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

/// A small case built through the use cases: two parties, an actor, nested issues, two sources,
/// one statement each, an agreement and a dispute.
func smallCase() throws -> Parley {
    let parley = try Parley.inMemory(clock: testClock)
    try parley.add(Party(id: "north", name: "Northland", kind: .state, aliases: ["Northern"]))
    try parley.add(Party(id: "south", name: "Southland", kind: .state))
    try parley.add(Actor(id: "nadia", name: "Nadia Nord", party: "north", role: "President"))
    try parley.add(Issue(id: "water", title: "Sharing the river"))
    try parley.add(Issue(id: "water/dam", title: "The upstream dam"))
    try parley.add(Source(id: "gazette", title: "Gazette", published: try date("2020-05-01")))
    try parley.add(Source(id: "bulletin", title: "Bulletin", published: try date("2023-12-31")))
    try parley.record(
        NewStatement(
            actor: "nadia", issue: "water/dam", kind: .demand, stance: "stop-dam",
            summary: "Work on the dam must stop.",
            quote: "Stop the dam.", said: try date("2020-04-30"), source: "gazette"))
    try parley.record(
        NewStatement(
            party: "south", issue: "water/dam", kind: .rejection, stance: "build-dam",
            summary: "The dam will be finished.",
            source: "gazette"))
    try parley.add(
        Agreement(
            id: "river-commission", title: "A joint river commission", issue: "water", parties: ["north", "south"],
            history: [AgreementStep(status: .proposed, on: try date("2020-05"), source: "gazette")]))
    try parley.add(
        Dispute(
            id: "dam-dispute", title: "The dam", issue: "water/dam", parties: ["north", "south"],
            history: [DisputeStep(status: .open, on: try date("2020-04-30"), source: "gazette")]))
    return parley
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-kit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
