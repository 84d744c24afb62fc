import ParleyModel
import ParleyReports
import Testing

/// Listings at a terminal: ids can be copied from them whatever the width, so an id is never
/// broken; prose wraps, empty columns go, and a table too narrow for its ids becomes blocks.
@Suite("Tables at the terminal's width")
struct TableLayoutTests {
    static let issues = RecordList([
        Issue(
            id: "transport-links/rail/construction", title: "Building the Armenian section of the railway (about 50 km)"
        ),
        Issue(
            id: "zangezur-corridor/border-controls",
            title: "Whether people and cargo on the route pass Armenian border controls",
            description: "Azerbaijan calls the route the \"Zangezur corridor\"; its legal status is the open question."),
        Issue(id: "border-tensions", title: "Tensions on the Armenian-Azerbaijani border"),
    ])

    static func agreements() throws -> RecordList<Agreement> {
        RecordList([
            Agreement(
                id: "border-de-escalation", title: "Lower tensions on the Armenian-Azerbaijani border",
                issue: "border-tensions", parties: ["armenia", "azerbaijan"],
                history: [AgreementStep(status: .pledged, on: try CalendarDate(parsing: "2021-12-14"), source: "s")])
        ])
    }

    static let labels = RecordList([
        StanceLabel(issue: "transport-links/rail", label: "restore-rail-links", statements: 3),
        StanceLabel(issue: "transport-links/rail/control", label: "full-armenian-control", statements: 1),
    ])

    static func text(_ list: some Report, width: Int) -> [String] {
        list.rendered(as: .text, style: TextStyle(width: width)).split(separator: "\n").map(String.init)
    }

    /// Every id in `ids` is on one line of `lines`, whole.
    static func expectWhole(_ ids: [String], in lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for id in ids {
            #expect(
                lines.contains { $0.contains(id) }, "\(id) is broken:\n\(lines.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        }
    }

    @Test("at 80 columns and below, no id is broken and no line is too long; prose wraps instead")
    func idsWhole() throws {
        let issueIDs = Self.issues.records.map(\.id)
        for width in [80, 72, 60, 50, 40] {
            let lines = Self.text(Self.issues, width: width)
            Self.expectWhole(issueIDs, in: lines)
            #expect(lines.allSatisfy { $0.count <= width }, "issue list at \(width):\n\(lines.joined(separator: "\n"))")
            let agreements = Self.text(try Self.agreements(), width: width)
            Self.expectWhole(["border-de-escalation", "armenia", "azerbaijan", "2021-12-14"], in: agreements)
            #expect(agreements.allSatisfy { $0.count <= width }, "agreement list at \(width)")
            Self.expectWhole(
                ["transport-links/rail/control", "full-armenian-control"], in: Self.text(Self.labels, width: width))
        }
        // At 80 the issues are a table: the titles wrap in their own column, a hyphenated word
        // breaks after its hyphen.
        let table = Self.text(Self.issues, width: 80)
        #expect(table.first?.hasPrefix("id ") == true)
        let titleColumn = try #require(table.first?.range(of: "title")?.lowerBound).utf16Offset(in: table[0])
        #expect(table.contains { $0.hasPrefix(String(repeating: " ", count: titleColumn)) && $0.count > titleColumn })
        #expect(
            table.contains {
                $0.hasSuffix("Armenian-") || $0.contains("Armenian- ") || $0.contains("Armenian-Azerbaijani")
            })
        #expect(!table.contains { $0.hasSuffix("Armenian-Az") })
    }

    @Test("a column empty in every row is left out")
    func emptyColumnsGo() {
        let lines = Self.text(Self.labels, width: 80)
        #expect(lines.first == "issue                         label                  statements")
        #expect(!lines.joined().contains("opposed"))
        // With a relation recorded, its column is back.
        var related = Self.labels
        related.records[0].opposed = ["no-rail"]
        #expect(Self.text(related, width: 80).first?.contains("opposed to") == true)
    }

    @Test("when the ids alone do not fit, each record is a block of its own, ids whole")
    func blocksWhenTooNarrow() {
        let lines = Self.text(Self.issues, width: 40)
        #expect(lines.first == "transport-links/rail/construction")
        #expect(lines.dropFirst().first == "  title:       Building the Armenian")
        #expect(lines.allSatisfy { $0.count <= 40 })
        // Records are separated by a blank line, as `git log` separates commits.
        let text = Self.issues.rendered(as: .text, style: TextStyle(width: 40))
        #expect(text.contains("\n\nzangezur-corridor/border-controls\n  title:"))
    }

    @Test("into a pipe, a listing is not wrapped: one record, one line")
    func piped() {
        let lines = Self.text(Self.issues, width: 40).count
        let piped = Self.issues.rendered(as: .text, style: TextStyle(width: 40, wrapsTables: false))
            .split(separator: "\n")
        #expect(piped.count == 1 + Self.issues.records.count)
        #expect(lines > piped.count)
    }
}
