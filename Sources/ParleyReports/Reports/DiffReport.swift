import ParleyModel

/// What changed between two dates: positions new, changed or reaffirmed; agreements new or
/// moved; disputes opened, changed or closed; apparent disputes that appeared or went away.
public struct DiffReport: Renderable, Hashable {
    public var diff: SnapshotDiff
    public var notes: [ReportNote]

    public init(diff: SnapshotDiff) {
        self.diff = diff
        notes = [
            ReportNote.date(diff.from, .from), ReportNote.date(diff.to, .to),
            ReportNote.statements(diff.positions.map(\.after.backing)), .diffComparesEndpoints,
        ].compactMap { $0 }
    }

    var heading: String { "Changes from \(diff.from) to \(diff.to)" }

    static func positionLine(_ change: SnapshotDiff.PositionChange) -> String {
        switch change.kind {
        case .new: return "new: \(change.after.stance)"
        case .changed: return "changed: \(change.before?.stance ?? "") → \(change.after.stance)"
        case .reaffirmed: return "reaffirmed: \(change.after.stance)"
        }
    }

    static func agreementLine(_ change: SnapshotDiff.AgreementChange) -> String {
        let steps = change.steps.map { "\($0.status.rawValue) \($0.on)" }.joined(separator: ", ")
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
                    "  ", "\(change.party) on \(change.issue): " + Self.positionLine(change), width: style.width)
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
                out.append(TextLayout.hanging("  ", "went away on \(a.issue)", width: style.width))
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
                            c.party, c.issue, Self.positionLine(c), c.before.map { Describe.backing($0.backing) } ?? "",
                            Describe.backing(c.after.backing),
                        ]
                    }))
            out.append("")
        }
        if !diff.agreements.isEmpty {
            out += ["## Agreements", ""]
            for c in diff.agreements {
                out.append("- `\(c.agreement.id)` (\(Markdown.escape(c.agreement.title))): \(Self.agreementLine(c))")
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
            for a in diff.apparentGone { out.append("- went away on `\(a.issue)`") }
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
                        "before": c.before.map { Describe.positionJSON($0, movedOn: nil) } ?? .null,
                        "after": Describe.positionJSON(c.after, movedOn: nil),
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
            "apparent_appeared": .array(diff.apparentAppeared.map(Self.apparentJSON)),
            "apparent_gone": .array(diff.apparentGone.map(Self.apparentJSON)),
            "notes": notes.json,
        ]
    }

    static func apparentJSON(_ a: ApparentDispute) -> JSONValue {
        [
            "issue": .string(a.issue),
            "positions": .array(a.positions.map { ["party": .string($0.party), "stance": .string($0.stance)] }),
        ]
    }
}
