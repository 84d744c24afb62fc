import ParleyModel

/// What two sources report, per (party, issue): only in one, the same stance, or different stances.
public struct SourceDiffReport: Renderable, Hashable {
    public var diff: SourceDiff

    public init(diff: SourceDiff) {
        self.diff = diff
    }

    var heading: String { "Sources compared: \(diff.firstSource) vs \(diff.secondSource)" }

    static func label(_ kind: SourceDiff.Kind, _ diff: SourceDiff) -> String {
        switch kind {
        case .onlyFirst: return "only in \(diff.firstSource)"
        case .onlySecond: return "only in \(diff.secondSource)"
        case .same: return "same stance"
        case .different: return "DIFFERENT stances"
        }
    }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if diff.entries.isEmpty { out.append("Neither source reports any statement.") }
        if diff.isEmpty && !diff.entries.isEmpty {
            out += ["The two sources agree on every party and issue they report.", ""]
        }
        for e in diff.entries {
            let line = TextLayout.hanging(
                "", "\(e.party) on \(e.issue): " + Self.label(e.kind, diff), width: style.width)
            out.append(e.kind == .different ? style.red(line) : line)
            if let first = e.first {
                out.append(
                    TextLayout.hanging(
                        "    \(diff.firstSource): ", "\(first.statement.stance) - \(first.statement.summary)",
                        width: style.width))
            }
            if let second = e.second {
                out.append(
                    TextLayout.hanging(
                        "    \(diff.secondSource): ", "\(second.statement.stance) - \(second.statement.summary)",
                        width: style.width))
            }
        }
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if diff.entries.isEmpty {
            return (out + ["Neither source reports any statement.", ""]).joined(separator: "\n")
        }
        out.append(
            Markdown.table(
                ["party", "issue", "comparison", diff.firstSource, diff.secondSource],
                diff.entries.map { e in
                    [
                        e.party, e.issue, Self.label(e.kind, diff),
                        e.first.map { "\($0.statement.stance): \(Markdown.escape($0.statement.summary))" } ?? "",
                        e.second.map { "\($0.statement.stance): \(Markdown.escape($0.statement.summary))" } ?? "",
                    ]
                }))
        out.append("")
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "first_source": .string(diff.firstSource), "second_source": .string(diff.secondSource),
            "agree": .bool(diff.isEmpty),
            "entries": .array(
                diff.entries.map { e in
                    [
                        "party": .string(e.party), "issue": .string(e.issue), "comparison": .string(e.kind.rawValue),
                        "first": e.first?.jsonValue ?? .null, "second": e.second?.jsonValue ?? .null,
                    ]
                }),
        ]
    }
}
