import ParleyModel
import Testing

private func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

private func said(
    _ number: Int64, _ party: String, _ stance: String, _ date: String, issue: String = "customs", actor: String? = nil,
    source: String = "s", about: String? = nil
) throws -> DatedStatement {
    let when = try day(date)
    return DatedStatement(
        statement: Statement(
            number: number, party: party, actor: actor, issue: issue, kind: .assertion, stance: stance, summary: stance,
            said: when, source: source, about: about),
        effectiveDate: when, sourceDate: when, sequence: number)
}

/// Customs on a corridor: `exempt` is the hard end, `joint` the middle, `national` the soft end;
/// `exempt` and `national` are opposed; `waived` is another word for `exempt`; `fees` is about
/// something else.
private let relations = LabelRelations(
    [
        LabelRelation(issue: "customs", "exempt", "national", kind: .opposed),
        LabelRelation(issue: "customs", "exempt", "waived", kind: .compatible),
        LabelRelation(issue: "customs", "fees", "joint", kind: .independent),
    ],
    orders: LabelOrder.scale(["exempt", "joint", "national"], on: "customs"))

@Suite("Moves named from relations and the scale")
struct MoveTests {
    @Test("each move is named: restated, clarified, another aspect, reversed, softened, hardened, moved")
    func names() {
        func move(_ a: String, _ b: String) -> Move { Move.from(a, to: b, on: "customs", relations: relations) }
        #expect(move("joint", "joint") == .restated)
        #expect(move("exempt", "waived") == .clarified)
        #expect(move("joint", "fees") == .otherAspect)
        #expect(move("exempt", "national") == .reversed)
        #expect(move("exempt", "joint") == .softened)
        #expect(move("waived", "joint") == .softened, "a compatible label shares its place on the scale")
        #expect(move("national", "joint") == .hardened)
        #expect(move("joint", "something-else") == .moved)
        #expect(Move.from("joint", to: "exempt", on: "other-issue", relations: relations) == .moved)
        #expect(!Move.otherAspect.isMove && Move.softened.isMove)
    }

    @Test("against a position of several labels: restated when among them, clarified when on their side")
    func againstSeveral() {
        #expect(Move.from(["joint", "exempt"], to: "joint", on: "customs", relations: relations) == .restated)
        #expect(Move.from(["joint", "exempt"], to: "waived", on: "customs", relations: relations) == .clarified)
        #expect(Move.from(["joint", "exempt"], to: "national", on: "customs", relations: relations) == .reversed)
    }

    @Test("a claim about the party that its unmoved words contradict is denied; a real move stays a move")
    func claimDenied() throws {
        let claim = try said(9, "mediator", "joint", "2021-07-01", about: "brenn")
        let restated = Move.classify(
            from: ["national"], to: "national", on: "customs", relations: relations, claimsSince: [claim])
        #expect(restated.move == .claimDenied && restated.deniedClaim == claim)
        let first = Move.classify(from: [], to: "national", on: "customs", relations: relations, claimsSince: [claim])
        #expect(first.move == .claimDenied)
        let agreeing = Move.classify(from: [], to: "joint", on: "customs", relations: relations, claimsSince: [claim])
        #expect(agreeing.move == nil, "a first statement that agrees with the claim is a plain first word")
        let moved = Move.classify(
            from: ["national"], to: "exempt", on: "customs", relations: relations, claimsSince: [claim])
        #expect(moved.move == .reversed && moved.deniedClaim == nil)
    }

    @Test("the summary counts each kind in a fixed order")
    func summary() {
        #expect(
            Move.summary([.reversed, .softened, .softened, .hardened, .softened])
                == "3 softened, 1 hardened, 1 reversed")
        #expect(Move.summary([]) == nil)
        #expect(Move.summary([.otherAspect, .claimDenied]) == "1 on another aspect, 1 claim denied")
    }

    @Test("relations and orders that cannot all hold are found, with the pair and why")
    func inconsistencies() {
        #expect(relations.inconsistency(on: "customs") == nil)
        let circle = LabelRelations(
            orders: LabelOrder.scale(["a", "b", "c"], on: "x") + [LabelOrder(issue: "x", harder: "c", softer: "a")])
        #expect(circle.inconsistency(on: "x")?.reason == .ordered)
        let sameSide = LabelRelations(
            [LabelRelation(issue: "x", "a", "b", kind: .compatible)],
            orders: [LabelOrder(issue: "x", harder: "a", softer: "b")])
        #expect(sameSide.inconsistency(on: "x")?.reason == .compatible)
        let aspects = LabelRelations(
            [LabelRelation(issue: "x", "a", "b", kind: .independent)],
            orders: [LabelOrder(issue: "x", harder: "a", softer: "b")])
        #expect(aspects.inconsistency(on: "x")?.reason == .independent)
        let opposedSide = LabelRelations([
            LabelRelation(issue: "x", "a", "b", kind: .compatible),
            LabelRelation(issue: "x", "b", "c", kind: .compatible),
            LabelRelation(issue: "x", "a", "c", kind: .opposed),
        ])
        #expect(opposedSide.inconsistency(on: "x")?.reason == .opposed)
    }
}

@Suite("Positions of several statements on one date")
struct PositionGroupTests {
    @Test("a position holds every label of the latest date, the latest statement backing it")
    func labelsOfOneDate() throws {
        let statements = [
            try said(1, "aurel", "exempt", "2023-03-01", actor: "president"),
            try said(2, "aurel", "waived", "2023-03-02", actor: "president"),
            try said(3, "aurel", "joint", "2023-03-02", actor: "minister"),
        ]
        let position = try #require(Position(statements: statements.reversed()))
        #expect(position.backing.sequence == 3)
        #expect(position.labels == ["waived", "joint"])
        #expect(position.statements.map(\.sequence) == [2, 3])
        #expect(position.holds("exempt", relations: relations), "exempt is on the side of waived")
        #expect(!position.holds("national", relations: relations))
    }

    @Test("labels of other aspects never make an apparent dispute; opposed labels of one party against another do")
    func divergence() throws {
        let aurel = try #require(Position(statements: [try said(1, "aurel", "joint", "2023-01-01")]))
        let brenn = try #require(Position(statements: [try said(2, "brenn", "fees", "2023-01-02")]))
        let snapshot = Snapshot(
            asOf: nil, positions: [aurel, brenn], agreements: [AgreementState](), disputes: [DisputeState](),
            relations: relations)
        #expect(snapshot.apparentDisputes.isEmpty)
        let split = try #require(
            Position(statements: [
                try said(3, "brenn", "fees", "2023-01-02"), try said(4, "brenn", "national", "2023-01-02"),
            ]))
        let after = Snapshot(
            asOf: nil, positions: [aurel, split], agreements: [AgreementState](), disputes: [DisputeState](),
            relations: relations)
        #expect(after.apparentDisputes.map(\.issue) == ["customs"])
    }

    @Test("a condition holds when the named party's position holds the label or one on its side")
    func conditions() throws {
        let brenn = try #require(Position(statements: [try said(2, "brenn", "waived", "2023-01-02")]))
        let snapshot = Snapshot(
            asOf: nil, positions: [brenn], agreements: [AgreementState](), disputes: [DisputeState](),
            relations: relations)
        #expect(snapshot.holds(Condition(party: "brenn", issue: "customs", label: "exempt"), of: "aurel") == true)
        #expect(snapshot.holds(Condition(party: "brenn", issue: "customs", label: "joint"), of: "aurel") == false)
        #expect(
            snapshot.holds(Condition(issue: "customs", label: "joint"), of: "aurel") == nil, "aurel has no position")
        #expect(
            Condition(text: "brenn:corridor/customs=joint-customs")
                == Condition(party: "brenn", issue: "corridor/customs", label: "joint-customs"))
        #expect(Condition(text: "customs=joint") == Condition(issue: "customs", label: "joint"))
        #expect(
            Condition(text: "customs") == nil && Condition(text: "customs=") == nil && Condition(text: ":a=b") == nil)
        #expect(
            Condition.list("a=b; p:c=d") == [
                Condition(issue: "a", label: "b"), Condition(party: "p", issue: "c", label: "d"),
            ])
    }
}

@Suite("Commitments that fall due, packages, accounts")
struct CommitmentTests {
    static func swap() throws -> Agreement {
        Agreement(
            id: "swap", title: "Detainees", issue: "prisoners", parties: ["aurel", "brenn"],
            history: [
                AgreementStep(status: .pledged, on: try day("2021-02-10"), source: "s", due: try day("2021-06-30")),
                AgreementStep(
                    status: .pledged, on: try day("2021-02-10"), source: "s", due: try day("2021-03-31"), term: "first"),
                AgreementStep(status: .implemented, on: try day("2021-03-30"), source: "s", term: "first"),
                AgreementStep(status: .implemented, on: try day("2021-07"), source: "s", accordingTo: "aurel"),
                AgreementStep(status: .stalled, on: try day("2021-07-30"), source: "s", accordingTo: "brenn"),
            ])
    }

    @Test("a deadline is pending, then overdue without an implemented step all sides stand by; a term met stays met")
    func deadlines() throws {
        let swap = try Self.swap()
        let may = swap.deadlines(asOf: try day("2021-05-01"), reference: try day("2021-05-01"))
        #expect(may.map(\.state) == [.pending, .met])
        #expect(may.map(\.term) == [nil, "first"])
        let august = swap.deadlines(asOf: try day("2021-08-15"), reference: try day("2021-08-15"))
        #expect(august.first?.state == .overdue)
        #expect(august.first?.complianceDisputed == true)
        #expect(august.first?.claimedBy == ["aurel"])
        #expect(august.first?.due == (try day("2021-06-30")))
        // On the due day itself it is not yet overdue; a month-precise date reads as its end.
        #expect(swap.deadlines(asOf: nil, reference: try day("2021-06-30")).first?.state == .pending)
        #expect(swap.deadlines(asOf: nil, reference: try day("2021-07")).first?.state == .overdue)
    }

    @Test("a one-sided account after a joint step leaves the status as all sides stand by it (bug 8.5)")
    func statusSinceWithAccounts() throws {
        let swap = try Self.swap()
        #expect(swap.commonStep(asOf: nil)?.status == .pledged)
        #expect(swap.statusSince(asOf: nil) == (try day("2021-02-10")))
        #expect(swap.accounts(asOf: nil).map(\.party) == ["aurel", "brenn"])
        #expect(TrackedState(swap, asOf: nil)?.current.status == .pledged)
        #expect(!swap.isAgreed(asOf: nil), "the sides' accounts differ")
        #expect(swap.isAgreed(asOf: try day("2021-06")))
    }

    @Test("a package holds its members while one of them is not agreed")
    func packages() throws {
        let signed = Agreement(
            id: "customs", title: "Customs", issue: "customs", parties: ["aurel", "brenn"],
            history: [AgreementStep(status: .signed, on: try day("2023-03-02"), source: "s")], package: "corridor")
        var route = Agreement(
            id: "route", title: "Route", issue: "route", parties: ["aurel", "brenn"],
            history: [AgreementStep(status: .proposed, on: try day("2023-03-02"), source: "s")], package: "corridor")
        let held = PackageHold.packages(of: [signed, route], asOf: nil)
        #expect(held["customs"]?.isHeld == true)
        #expect(held["customs"]?.waitingFor == ["route"])
        route.history.append(AgreementStep(status: .signed, on: try day("2024-01-18"), source: "s"))
        #expect(PackageHold.packages(of: [signed, route], asOf: nil)["customs"]?.isHeld == false)
        #expect(PackageHold.packages(of: [signed, route], asOf: try day("2023-12"))["customs"]?.isHeld == true)
    }
}

@Suite("What was known when")
struct KnownAsOfTests {
    @Test("a date counts to its last second (UTC), a time as given; anything else is refused")
    func parsing() throws {
        #expect(try KnownAsOf(parsing: "2024-02-01").through == "2024-02-01T23:59:59Z")
        #expect(try KnownAsOf(parsing: "2024-02").through == "2024-02-29T23:59:59Z")
        #expect(try KnownAsOf(parsing: "2024-02-01T12:00:00Z").through == "2024-02-01T12:00:00Z")
        #expect(throws: ModelError.invalidMoment("2024-02-30")) { try KnownAsOf(parsing: "2024-02-30") }
        #expect(throws: ModelError.invalidMoment("2024-02-01 12:00")) { try KnownAsOf(parsing: "2024-02-01 12:00") }
        let moment = try KnownAsOf(parsing: "2024-02-01")
        #expect(moment.knows("2024-02-01T23:59:59Z") && !moment.knows("2024-02-02T00:00:00Z") && moment.knows(nil))
    }

    @Test("a statement's corrections are undone from the change log's old values, latest first")
    func undoing() throws {
        var statement = try said(7, "aurel", "national", "2022-09-14").statement
        statement.conditions = [Condition(issue: "route", label: "open")]
        let first = LogEntry(
            at: "2024-03-01T09:00:00Z", by: "desk", action: .amend, kind: .statement, record: "#7",
            changes: [FieldChange(field: "stance", old: "joint", new: "exempt")])
        let second = LogEntry(
            at: "2024-03-02T09:00:00Z", by: "desk", action: .amend, kind: .statement, record: "#7",
            changes: [
                FieldChange(field: "stance", old: "exempt", new: "national"),
                FieldChange(field: "said", old: nil, new: "2022-09-14"),
                FieldChange(field: "conditions", old: nil, new: "route=open"),
            ])
        let before = statement.undoing([first, second])
        #expect(before.stance == "joint")
        #expect(before.said == nil)
        #expect(before.conditions.isEmpty)
        #expect(statement.undoing([second]).stance == "exempt")
    }
}
