import ParleyModel

/// What changed between two dates: positions new, changed or reaffirmed; agreements new or
/// moved; disputes opened, changed or closed; apparent disputes that appeared or went away.
public struct DiffReport: Renderable, Hashable {
    public var diff: SnapshotDiff
    /// The statement at which each position shown was adopted, at the diff's earlier date
    /// (positions before) and its later date (positions after).
    public var movedBefore: [PositionKey: DatedStatement]
    public var movedAfter: [PositionKey: DatedStatement]
    /// How positions at the later date are aged, when they are.
    public var staleness: Staleness?
    public var notes: [ReportNote]

    /// Builds the report; `adoptions` is asked, once per date, when the positions shown were
    /// adopted (the store's ``adoptions(of:asOf:)``).
    public init(
        diff: SnapshotDiff, staleness: Staleness? = nil,
        adoptions: ([Position], CalendarDate) throws -> [PositionKey: DatedStatement] = { _, _ in [:] }
    ) rethrows {
        self.diff = diff
        self.staleness = staleness
        movedBefore = try adoptions(diff.positions.compactMap(\.before), diff.from)
        movedAfter = try adoptions(diff.positions.map(\.after), diff.to)
        let shown = diff.positions.flatMap { [$0.before?.backing, $0.after.backing].compactMap { $0 } }
        notes = [
            ReportNote.date(diff.from, .from), ReportNote.date(diff.to, .to),
            ReportNote.statements(diff.positions.map(\.after.backing)),
            ReportNote.sourceDated(
                statements: shown, steps: diff.agreements.flatMap { $0.steps.map(\.onIsSourceDate) }),
            .diffComparesEndpoints,
        ].compactMap { $0 }
    }

    var heading: String { "Changes from \(diff.from) to \(diff.to)" }

    /// Whether a position at the later date is stale.
    func isStale(_ position: Position) -> Bool {
        staleness?.isStale(position.backing.effectiveDate, issue: position.issue) ?? false
    }

    func positionLine(_ change: SnapshotDiff.PositionChange) -> String {
        let stale = isStale(change.after) ? " (stale)" : ""
        switch change.kind {
        case .new: return "new: \(change.after.stance)\(stale)"
        case .changed: return "changed: \(change.before?.stance ?? "") → \(change.after.stance)\(stale)"
        case .reaffirmed: return "reaffirmed: \(change.after.stance)\(stale)"
        }
    }

    static func agreementLine(_ change: SnapshotDiff.AgreementChange) -> String {
        let steps = change.steps.map { "\($0.status.rawValue) \(Describe.on($0))" }.joined(separator: ", ")
        switch change.kind {
        case .new: return "new, now \(change.after.status.rawValue)" + (steps.isEmpty ? "" : " (steps: \(steps))")
        case .statusChanged:
            return "status \(change.before?.status.rawValue ?? "") → \(change.after.status.rawValue)"
                + (steps.isEmpty ? "" : " (steps: \(steps))")
        case .restated: return "\(change.after.status.rawValue) again (steps: \(steps))"
        }
    }

    static func disputeLine(_ change: SnapshotDiff.DisputeChange) -> String {
        switch change.kind {
        case .opened: return "opened on \(change.after.on)"
        case .statusChanged:
            let before = change.before?.status.rawValue ?? ""
            return "status \(before) → \(change.after.status.rawValue) on \(change.after.on)"
        case .closed: return "\(change.after.status.rawValue) on \(change.after.on)"
        }
    }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if diff.isEmpty {
            out.append("Nothing changed between \(diff.from) and \(diff.to).")
        }
        if !diff.positions.isEmpty {
            out.append(style.bold("Positions"))
            for change in diff.positions {
                let line = TextLayout.hanging(
                    "  ", "\(change.party) on \(change.issue): " + positionLine(change), width: style.width)
                out.append(change.kind == .changed ? style.red(line) : line)
                if let before = change.before, change.kind == .changed {
                    out.append(TextLayout.hanging("      was: ", Describe.backing(before.backing), width: style.width))
                }
                out.append(
                    TextLayout.hanging("      now: ", Describe.backing(change.after.backing), width: style.width))
            }
            out.append("")
        }
        if !diff.agreements.isEmpty {
            out.append(style.bold("Agreements"))
            for change in diff.agreements {
                out.append(
                    TextLayout.hanging(
                        "  ", "\(change.agreement.id): \(Self.agreementLine(change))", width: style.width))
            }
            out.append("")
        }
        if !diff.disputes.isEmpty {
            out.append(style.bold("Recorded disputes"))
            for change in diff.disputes {
                out.append(
                    TextLayout.hanging(
                        "  ", "\(change.dispute.id) (\(change.dispute.issue)): \(Self.disputeLine(change))",
                        width: style.width))
            }
            out.append("")
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            out.append(style.bold("Apparent disputes"))
            for a in diff.apparentAppeared {
                out.append(
                    TextLayout.hanging(
                        "  ",
                        "appeared on \(a.issue): "
                            + a.positions.map { "\($0.party) \($0.stance)" }.joined(separator: " vs "),
                        width: style.width))
            }
            for a in diff.apparentGone {
                out.append(TextLayout.hanging("  ", Self.gone(a, diff), width: style.width))
            }
            out.append("")
        }
        out += notes.textLines(style)
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if diff.isEmpty { out += ["Nothing changed between \(diff.from) and \(diff.to).", ""] }
        if !diff.positions.isEmpty {
            out += ["## Positions", ""]
            out.append(
                Markdown.table(
                    ["party", "issue", "change", "was", "now"],
                    diff.positions.map { c in
                        [
                            c.party, c.issue, positionLine(c),
                            c.before.map { Markdown.escape(Describe.backing($0.backing)) } ?? "",
                            Markdown.escape(Describe.backing(c.after.backing)),
                        ]
                    }))
            out.append("")
        }
        if !diff.agreements.isEmpty {
            out += ["## Agreements", ""]
            for c in diff.agreements {
                out.append(
                    "- `\(c.agreement.id)` (\(Markdown.escape(c.agreement.title))): \(Markdown.escape(Self.agreementLine(c)))"
                )
            }
            out.append("")
        }
        if !diff.disputes.isEmpty {
            out += ["## Recorded disputes", ""]
            for c in diff.disputes {
                out.append("- `\(c.dispute.id)` (issue `\(c.dispute.issue)`): \(Self.disputeLine(c))")
            }
            out.append("")
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            out += ["## Apparent disputes", ""]
            for a in diff.apparentAppeared {
                out.append(
                    "- appeared on `\(a.issue)`: "
                        + a.positions.map { "\($0.party) \($0.stance)" }.joined(separator: " vs "))
            }
            for a in diff.apparentGone { out.append("- " + Markdown.escape(Self.gone(a, diff))) }
            out.append("")
        }
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "from": .date(diff.from), "to": .date(diff.to), "unchanged": .bool(diff.isEmpty),
            "positions": .array(
                diff.positions.map { c in
                    [
                        "change": .string(c.kind.rawValue), "party": .string(c.party), "issue": .string(c.issue),
                        "before": c.before.map {
                            Describe.positionJSON($0, movedOn: movedBefore[$0.key], age: nil, stale: false)
                        } ?? .null,
                        "after": Describe.positionJSON(
                            c.after, movedOn: movedAfter[c.after.key],
                            age: staleness?.age(of: c.after.backing.effectiveDate),
                            stale: isStale(c.after)),
                    ]
                }),
            "agreements": .array(
                diff.agreements.map { c in
                    [
                        "change": .string(c.kind.rawValue), "id": .string(c.agreement.id),
                        "title": .string(c.agreement.title),
                        "before": .optional(c.before?.status.rawValue), "after": .string(c.after.status.rawValue),
                        "steps": .array(c.steps.map(Describe.stepJSON)),
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
            "apparent_appeared": .array(diff.apparentAppeared.map { Self.apparentJSON($0) }),
            "apparent_gone": .array(
                diff.apparentGone.map { Self.apparentJSON($0, wentStale: diff.apparentWentStale.contains($0.issue)) }),
            "notes": notes.json,
        ]
    }

    /// "went away on border/crossings", or "went stale on …" when the sides still differ on
    /// positions too old to count.
    static func gone(_ a: ApparentDispute, _ diff: SnapshotDiff) -> String {
        diff.apparentWentStale.contains(a.issue)
            ? "went stale on \(a.issue): the sides still differ, on positions older than the staleness window"
            : "went away on \(a.issue)"
    }

    static func apparentJSON(_ a: ApparentDispute, wentStale: Bool? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("issue", .string(a.issue)),
            ("positions", .array(a.positions.map { ["party": .string($0.party), "stance": .string($0.stance)] })),
        ]
        if let wentStale { members.append(("went_stale", .bool(wentStale))) }
        return JSONValue.object(members.map { JSONMember(key: $0.0, value: $0.1) }.sorted { $0.key < $1.key })
    }

    /// One row per change: positions, agreements, disputes and apparent disputes.
    public func csv() -> CSVTable? {
        var rows: [[String]] = []
        for c in diff.positions {
            rows.append([
                "position", c.kind.rawValue, "", c.party, c.issue, c.before?.stance ?? "", c.after.stance,
                c.before.map { String($0.backing.sequence) } ?? "", String(c.after.backing.sequence),
                movedAfter[c.after.key]?.effectiveDate.description ?? "",
            ])
        }
        for c in diff.agreements {
            rows.append([
                "agreement", c.kind.rawValue, c.agreement.id, "", c.agreement.issue, c.before?.status.rawValue ?? "",
                c.after.status.rawValue, "", "", c.after.on.description,
            ])
        }
        for c in diff.disputes {
            rows.append([
                "dispute", c.kind.rawValue, c.dispute.id, "", c.dispute.issue, c.before?.status.rawValue ?? "",
                c.after.status.rawValue, "", "", c.after.on.description,
            ])
        }
        for a in diff.apparentAppeared {
            rows.append(["apparent-dispute", "appeared", "", "", a.issue, "", "", "", "", ""])
        }
        for a in diff.apparentGone {
            let change = diff.apparentWentStale.contains(a.issue) ? "went-stale" : "went-away"
            rows.append(["apparent-dispute", change, "", "", a.issue, "", "", "", "", ""])
        }
        return CSVTable(
            header: [
                "what", "change", "id", "party", "issue", "before", "after", "before_statement", "after_statement",
                "date",
            ], rows: rows)
    }
}
