import ParleyKit
import ParleyModel

/// The schemas of what the API answers: the JSON the command line prints with `--format json`
/// (README, "JSON fields"), and the answers of the writes. A field a report gains is one line in
/// its schema here; the server's tests fail until it is (they validate every answer with the
/// objects closed).
enum ReportSchemas {
    /// The document's `components.schemas`, by name.
    static var all: [(String, Schema)] {
        [
            (
                "Date",
                .string("A calendar date with its precision: YYYY-MM-DD, YYYY-MM or YYYY.", pattern: Schema.datePattern)
            ),
            ("ID", .string("A record's id: lowercase letters, digits and single hyphens.", pattern: Schema.idPattern)),
            ("IssueID", .string("An issue's id: ids separated by '/'.", pattern: Schema.issuePattern)),
            ("Label", .string("A stance label.", pattern: Schema.idPattern)),
            ("Notes", .array(.string(), "Notes on the report, in words (what dates mean, what was left out).")),
            ("Retraction", retraction),
            ("Statement", statement),
            ("Step", step),
            ("Position", position),
            ("Deadline", deadline),
            ("Party", party),
            ("Actor", actor),
            ("Issue", issue),
            ("Source", source),
            ("DisputesReport", disputes),
            ("OpenDispute", openDispute),
            ("PositionsReport", positions),
            ("AgreementsReport", agreements),
            ("ContradictionsReport", contradictions),
            ("Evidence", evidence),
            ("HistoryReport", history),
            ("DiffReport", diff),
            ("ApparentDispute", apparent),
            ("SearchReport", search),
            ("StatementRecorded", statementRecorded),
            ("StatementAmended", statementAmended),
            ("StatementRetracted", statementRetracted),
            ("StepAdded", stepAdded),
            ("Problem", problem(types: nil)),
        ]
    }

    static let date = Schema.ref("Date")
    static let id = Schema.ref("ID")
    static let issueID = Schema.ref("IssueID")
    static let label = Schema.ref("Label")
    static let notes = Schema.ref("Notes")
    static let ids = Schema.array(.ref("ID"))
    static let issueIDs = Schema.array(.ref("IssueID"))

    // MARK: - Records

    static let retraction = Schema.object(
        "A retraction: when, by whom, why.",
        ["at": .string("When (ISO 8601 timestamp)."), "by": .string("Who retracted it."), "reason": .string()])

    static let statement = Schema.object(
        "A statement, as `parley statements --format json` prints it.",
        [
            "number": .integer("The statement's stable number.", minimum: 1),
            "party": id, "actor": id.orNull, "issue": issueID,
            "kind": .choice(StatementKind.self), "stance": label, "summary": .string(),
            "quote": Schema.string().orNull,
            "said": date.described("The date that counts: when it was said, else the source's date."),
            "said_is_source_date": Schema.boolean.described("True when no said date was given."),
            "source": id, "source_date": date,
            "recorded": Schema.string("When it was recorded (ISO 8601 timestamp).").orNull,
            "via": Schema.string("Who relayed it.").orNull,
            "about": id.orNull.described("The party a claim is about."),
            "retraction": Schema.ref("Retraction").orNull,
            "conditions": .array(
                .object(
                    "A position the statement depends on: `party` holds `label` on `issue`.",
                    ["party": id, "issue": issueID, "label": label])),
        ])

    static let step = Schema.object(
        "A step of an agreement's or a dispute's history.",
        [
            "status": .string(nil, values: AgreementStatus.allowedValues + DisputeStatus.allowedValues),
            "on": date, "on_is_source_date": .boolean, "according_to": id.orNull, "source": id,
            "note": Schema.string().orNull, "add_parties": ids, "remove_parties": ids, "add_mediators": ids,
            "remove_mediators": ids, "retraction": Schema.ref("Retraction").orNull,
            "due": date.orNull.described("The deadline the step sets."),
            "term": id.orNull.described("The term of the agreement the step is about."),
            "recorded": Schema.string("When it was recorded (ISO 8601 timestamp).").orNull,
        ])

    static let deadline = Schema.object(
        "A deadline of an agreement or one of its terms, and where it stands: overdue past its date without an "
            + "implemented step all sides stand by.",
        [
            "agreement": id, "term": id.orNull, "due": date,
            "state": .string(nil, values: ["pending", "met", "overdue"]),
            "implemented": Schema.ref("Step").orNull, "compliance_disputed": .boolean,
            "accounts": .array(.object("One side's account.", ["party": id, "step": .ref("Step")])),
            "title": Schema.string("The agreement's title (on the disputes board)."),
        ], optional: ["title"])

    /// The moves a statement can make, as `change` and `move` name them.
    static let moves = Move.allCases.map(\.rawValue)

    static let position = Schema.object(
        "A party's position on an issue: what it said on its latest date there on or before the report's date.",
        [
            "party": id, "issue": issueID, "stance": label,
            "labels": .array(label, "Every label of its statements of that date."),
            "last_moved": date.orNull.described("When the labels were adopted."),
            "last_moved_is_source_date": Schema.boolean.orNull,
            "move": Schema.string("The move by which they were adopted.", values: moves).orNull,
            "moved_from": label.orNull,
            "age_days": Schema.integer("Days since the statement, when ages are measured.").orNull,
            "stale": .boolean, "statement": .ref("Statement"),
            "alongside": .array(.ref("Statement"), "The party's other statements of that date."),
            "conditions": .array(
                .object(
                    "A condition its statements set, and whether it holds (null: that party has no position there).",
                    [
                        "statement": .integer(minimum: 1), "party": id.orNull, "issue": issueID, "label": label,
                        "holds": Schema.boolean.orNull,
                    ])),
        ])

    static let party = Schema.object(
        "A party.",
        ["id": id, "name": .string(), "kind": .choice(PartyKind.self), "aliases": .array(.string())])
    static let actor = Schema.object(
        "An actor.",
        ["id": id, "name": .string(), "party": id, "role": Schema.string().orNull, "aliases": .array(.string())])
    static let issue = Schema.object(
        "An issue.",
        ["id": issueID, "title": .string(), "description": Schema.string().orNull, "parent": issueID.orNull])
    static let source = Schema.object(
        "A source.",
        [
            "id": id, "title": .string(), "publisher": Schema.string().orNull, "url": Schema.string().orNull,
            "published": date, "reliability": Schema.choice(Reliability.self).orNull,
        ])

    // MARK: - Reports

    static let disputes = Schema.object(
        "The disputes board, as `parley report disputes --format json` prints it.",
        [
            "as_of": date.orNull, "known_as_of": Schema.string().orNull,
            "recorded": .array(.ref("OpenDispute")), "apparent": .array(.ref("OpenDispute")),
            "overdue": .array(.ref("Deadline")),
            "closed": .array(
                .object(
                    "A dispute closed by the report's date.",
                    ["id": id, "title": .string(), "issue": issueID, "status": .string(), "on": date])),
            "notes": notes,
        ])

    static let openDispute = Schema.object(
        "An open dispute, recorded or apparent, with each side's positions.",
        [
            "kind": .string(nil, values: ["recorded", "apparent"]), "id": id.orNull, "title": .string(),
            "issue": issueID, "issues": issueIDs, "status": .string(), "since": date.orNull,
            "since_is_source_date": .boolean, "stale": .boolean,
            "sides": .array(
                .object(
                    "A side: its positions, and claims by others about it.",
                    ["party": id, "positions": .array(.ref("Position")), "claims": .array(.ref("Statement"))])),
        ])

    static let positions = Schema.object(
        "The positions matrix, as `parley report positions --format json` prints it.",
        [
            "as_of": date.orNull, "known_as_of": Schema.string().orNull, "parties": ids,
            "issues": .array(
                .object(
                    nil,
                    [
                        "issue": issueID, "title": .string(), "diverges": .boolean,
                        "positions": .array(.ref("Position")),
                    ])),
            "notes": notes,
        ])

    static let agreements = Schema.object(
        "The agreements, as `parley report agreements --format json` prints it.",
        [
            "as_of": date.orNull, "known_as_of": Schema.string().orNull,
            "agreements": .array(
                .object(
                    nil,
                    [
                        "id": id, "title": .string(), "issue": issueID, "issues": issueIDs,
                        "terms": Schema.string().orNull, "parties": ids, "mediators": ids,
                        "status": .choice(AgreementStatus.self), "since": date.orNull,
                        "since_is_source_date": .boolean,
                        "contested": Schema.boolean.described("Whether the sides' accounts differ."),
                        "accounts": .array(.object("One side's account.", ["party": id, "step": .ref("Step")])),
                        "history": .array(.ref("Step")),
                        "package": Schema.object(
                            "The package it belongs to: held while a member is not agreed.",
                            ["id": id, "members": ids, "waiting_for": ids, "held": .boolean]
                        ).orNull,
                        "deadlines": .array(.ref("Deadline")),
                    ])),
            "notes": notes,
        ])

    static let contradictions = Schema.object(
        "The contradictions, as `parley report contradictions --format json` prints it.",
        [
            "as_of": date.orNull, "known_as_of": Schema.string().orNull, "issue": issueID.orNull,
            "contradictions": .array(
                .object(
                    nil,
                    [
                        "kind": .string(nil, values: Contradiction.Kind.allCases.map(\.rawValue)),
                        "issue": issueID, "party": id.orNull, "agreement": id.orNull, "term": id.orNull, "date": date,
                        "first": .ref("Evidence"), "second": .ref("Evidence"),
                    ])),
            "notes": notes,
        ])

    static let evidence = Schema.oneOf(
        [
            .object(nil, ["type": .constant("statement"), "statement": .ref("Statement")]),
            .object(nil, ["type": .constant("agreement-step"), "step": .ref("Step")]),
        ], discriminator: "type")

    static let history = Schema.object(
        "An issue's history, as `parley history --format json` prints it.",
        [
            "issue": issueID, "party": id.orNull, "known_as_of": Schema.string().orNull,
            "events": .array(
                .oneOf(
                    [
                        .object(
                            "A statement, and how it moved its party's stance.",
                            [
                                "type": .constant("statement"), "date": date,
                                "change": .string(
                                    "How it moved its party's stance: its first statement on the issue, the move it "
                                        + "makes (named against `previous_labels`), retracted (left out of positions), "
                                        + "or a claim about another party (never a position).",
                                    values: ["first"] + moves + ["retracted", "claim"]),
                                "previous_stance": label.orNull, "previous_labels": .array(label),
                                "denied_claim": Schema.integer("The claim it denies.", minimum: 1).orNull,
                                "statement": .ref("Statement"),
                            ]),
                        .object(
                            "A step of an agreement.",
                            ["type": .constant("agreement-step"), "date": date, "agreement": id, "step": .ref("Step")]),
                        .object(
                            "A step of a dispute.",
                            ["type": .constant("dispute-step"), "date": date, "dispute": id, "step": .ref("Step")]),
                    ], discriminator: "type")),
            "notes": notes,
        ])

    static let diff = Schema.object(
        "What changed between two dates, as `parley diff --format json` prints it.",
        [
            "from": date, "to": date, "known_as_of": Schema.string().orNull, "unchanged": .boolean,
            "moves": Schema([
                ("type", "object"),
                ("properties", Schema(moves.map { ($0, Schema.integer(minimum: 1).json) }).json),
            ]).described("How many positions made each move, by move."),
            "became_overdue": .array(.ref("Deadline")),
            "positions": .array(
                .object(
                    nil,
                    [
                        "change": .string(nil, values: ["new"] + moves), "party": id,
                        "issue": issueID, "before": Schema.ref("Position").orNull, "after": .ref("Position"),
                        "denied_claim": Schema.ref("Statement").orNull,
                    ])),
            "agreements": .array(
                .object(
                    nil,
                    [
                        "change": .string(nil, values: ["new", "status-changed", "restated"]), "id": id,
                        "title": .string(), "before": Schema.choice(AgreementStatus.self).orNull,
                        "after": .choice(AgreementStatus.self), "steps": .array(.ref("Step")),
                    ])),
            "disputes": .array(
                .object(
                    nil,
                    [
                        "change": .string(nil, values: ["opened", "status-changed", "closed"]), "id": id,
                        "issue": issueID, "before": Schema.choice(DisputeStatus.self).orNull,
                        "after": .choice(DisputeStatus.self), "on": date,
                    ])),
            "apparent_appeared": .array(.ref("ApparentDispute")),
            "apparent_gone": .array(.ref("ApparentDispute")),
            "notes": notes,
        ])

    static let apparent = Schema.object(
        "An apparent dispute that appeared or went away; `went_stale` (in `apparent_gone` only) when the sides "
            + "still differ on positions too old to count.",
        [
            "issue": issueID, "positions": .array(.object(nil, ["party": id, "stance": label])),
            "went_stale": .boolean,
        ], optional: ["went_stale"])

    static let search = Schema.object(
        "Search hits, as `parley search --format json` prints them.",
        [
            "query": .string(),
            "hits": .array(
                .object(
                    nil,
                    [
                        "rank": .integer(minimum: 1),
                        "kind": .string(nil, values: ["statement", "source", "party", "actor", "issue"]),
                        "record": Schema(
                            [
                                (
                                    "anyOf",
                                    .array(
                                        ["Statement", "Source", "Party", "Actor", "Issue"].map { Schema.ref($0).json })
                                )
                            ]).described("The record, as the lists show it."),
                        "matches": .array(
                            .object(nil, ["field": .string(), "text": .string(), "words": .array(.string())])),
                    ])),
            "notes": notes,
        ])

    // MARK: - Writes' answers

    static let statementRecorded = Schema.object(
        "A statement recorded: its number, its party, and what the label check found.",
        [
            "number": .integer(minimum: 1), "party": id,
            "new_label": Schema.boolean.described("Whether the stance label is new on the issue."),
            "existing_labels": .array(label), "near_misses": .array(label),
        ])

    static let statementAmended = Schema.object(
        "A statement amended: each field changed, with its old and new value (null when unset).",
        [
            "number": .integer(minimum: 1),
            "changes": .array(
                .object(
                    nil, ["field": .string(), "old": Schema.string().orNull, "new": Schema.string().orNull])),
        ])

    static let statementRetracted = Schema.object(
        "A statement retracted.",
        ["number": .integer(minimum: 1), "retracted": Schema([("type", "boolean"), ("const", true)])])

    static let stepAdded = Schema.object(
        "A step added to a history: its place (from 1), its status and its date.",
        [
            "id": id, "step": .integer(minimum: 1),
            "status": .string(nil, values: AgreementStatus.allowedValues + DisputeStatus.allowedValues), "on": date,
        ])

    /// An `application/problem+json` answer (RFC 9457), its `type` one of `types` when given.
    static func problem(types: [String]?) -> Schema {
        Schema.object(
            "A problem: `type` says what sort (a page of the server), `detail` what was wrong, in the command "
                + "line's words; `problems` lists each problem of a rejected record.",
            [
                "type": types.map { .string(nil, values: $0) } ?? .string(),
                "title": .string(), "status": .integer(minimum: 400, maximum: 599), "detail": .string(),
                "problems": .array(.object(nil, ["path": .string(), "message": .string()])),
            ], optional: ["problems"])
    }
}
