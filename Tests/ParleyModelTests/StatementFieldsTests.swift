import ParleyModel
import Testing

/// A statement's fields are listed once (`Statement.Field`); the change log, amendments and the
/// API's bodies go through that list, so each field is read and set the same way everywhere.
@Suite("Statement fields")
struct StatementFieldsTests {
    static func full() throws -> Statement {
        Statement(
            party: "north", actor: "nadia", issue: "water", kind: .demand, stance: "share", summary: "Share it.",
            quote: "Share it all.", said: try CalendarDate(parsing: "2021-12"), source: "paper",
            via: "the press office",
            about: "south")
    }

    @Test("every field reads as text and sets back from it to the same statement")
    func roundTrip() throws {
        let statement = try Self.full()
        var copy = Statement(party: "", issue: "", kind: .assertion, stance: "", summary: "", source: "")
        for field in Statement.Field.allCases { try copy.set(field, statement.text(field)) }
        #expect(copy == statement)
        #expect(statement.fields.map(\.0) == Statement.Field.allCases.map(\.rawValue))
        #expect(statement.text(.said) == "2021-12" && statement.text(.kind) == "demand")
    }

    @Test("a form's box is taken without the white space around it, and as not given when blank")
    func filled() {
        #expect(Statement.filled("  the dam \n") == "the dam")
        #expect(Statement.filled(" \t\n") == nil)
        #expect(Statement.filled("") == nil)
        #expect(Statement.filled(nil) == nil)
    }

    @Test("a bad kind or date, or emptying a field a statement must have, names the field")
    func errors() throws {
        var statement = try Self.full()
        #expect(throws: Statement.FieldError.self) { try statement.set(.kind, "threat") }
        do {
            try statement.set(.said, "2021-02-30")
            Issue.record("an impossible date was taken")
        } catch {
            #expect(error.field == .said && error.error == .invalidDate("2021-02-30"))
            #expect(error.localizedDescription.hasPrefix("said: '2021-02-30' is not a valid date"))
        }
        #expect(throws: Statement.FieldError(.issue, .missingField("issue"))) { try statement.set(.issue, nil) }
        try statement.set(.quote, nil)
        #expect(statement.quote == nil)
        #expect(Statement.Field.optional == [.actor, .quote, .said, .via, .about, .conditions])
        #expect(throws: Statement.FieldError(.conditions, .invalidCondition("customs"))) {
            try statement.set(.conditions, "customs")
        }
    }
}
