import Foundation
import ParleyKit
import ParleyModel

/// What the forms' pickers offer: the case's records by id, each with its names, so that typing a
/// name or an alias ("Yerevan") finds the id (`armenia`). A picker is an input with a `datalist`:
/// it works as a plain text box without script, and the server takes names and aliases as the
/// command line does.
struct Pickers: Sendable {
    var parties: [(id: String, label: String)]
    var actors: [(id: String, label: String)]
    var issues: [(id: String, label: String)]
    var sources: [(id: String, label: String)]
    /// Stance labels in use, each with the issues it is used on.
    var labels: [(id: String, label: String)]

    /// The `datalist` elements, once per form page.
    var datalists: HTML {
        let list = Self.datalist
        return list("pick-party", parties) + list("pick-actor", actors) + list("pick-issue", issues)
            + list("pick-source", sources) + list("pick-label", labels)
    }

    /// One `datalist`: each option's value an id, its label the names.
    static func datalist(_ id: HTML, _ options: [(id: String, label: String)]) -> HTML {
        "<datalist id=\"\(id)\">"
            + options.map { "<option value=\"\($0.id)\">\($0.label)</option>" }.joined() + "</datalist>\n"
    }

    /// The recorded sources as a picker offers them: by date and title.
    static func sources(_ parley: Parley) throws -> [(id: String, label: String)] {
        try parley.sources().records.map { ($0.id, "\($0.published) · \($0.title)") }
    }
}

extension PagesController {
    /// The pickers of the case as it is.
    func pickers() throws -> Pickers {
        let parties = try parley.parties().records
        let names = Dictionary(parties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var labelIssues: [String: [String]] = [:]
        for (issue, labels) in try parley.labelsByIssue() {
            for label in labels { labelIssues[label, default: []].append(issue) }
        }
        return Pickers(
            parties: parties.map { ($0.id, ([$0.name] + $0.aliases).joined(separator: ", ")) },
            actors: try parley.actors().records.map { actor in
                let party = names[actor.party] ?? actor.party
                return (actor.id, ([actor.name] + actor.aliases).joined(separator: ", ") + " — " + party)
            },
            issues: try parley.issues().records.map { ($0.id, $0.title) },
            sources: try Pickers.sources(parley),
            labels: labelIssues.keys.sorted().map {
                ($0, "on " + (labelIssues[$0] ?? []).sorted().joined(separator: ", "))
            })
    }
}

/// The forms the pages show an editor. Each posts to this server with the session's anti-forgery
/// token (``PageMarker/formToken``, filled in per reader) and works without script.
enum Forms {
    /// A problem list at the top of a form that was refused.
    static func problems(_ messages: [String]) -> HTML {
        guard !messages.isEmpty else { return "" }
        return "<div class=\"problems\" role=\"alert\">"
            + messages.map { "<p>\($0)</p>" }.joined() + "</div>\n"
    }

    /// Notes after a write (a new label, a name taken as an id).
    static func notices(_ messages: [String]) -> HTML {
        guard !messages.isEmpty else { return "" }
        return "<div class=\"notice\" role=\"status\">" + messages.map { "<p>\($0)</p>" }.joined() + "</div>\n"
    }

    /// How each field of a statement is asked for: its label, its input, and its help.
    static func statementField(
        _ field: Statement.Field, value: String, name: String, required: Bool = true, id: String
    ) -> HTML {
        let text: HTML = HTML(text: value)
        let requiredAttribute: HTML = required && !field.isOptional && field != .party ? " required" : ""
        func input(_ list: HTML, _ help: HTML, size: HTML = "24") -> HTML {
            "<input id=\"\(id)\" name=\"\(name)\" value=\"\(text)\" list=\"\(list)\" size=\"\(size)\" autocomplete=\"off\"\(requiredAttribute)>"
                + "<small>\(help)</small>"
        }
        let control: HTML
        switch field {
        case .party:
            control = input("pick-party", "an id, a name or an alias; left empty, the actor's party")
        case .actor: control = input("pick-actor", "who spoke (optional)")
        case .issue: control = input("pick-issue", "an issue id", size: "32")
        case .kind:
            var options: HTML = ""
            for kind in StatementKind.allCases {
                let selected: HTML = kind.rawValue == value ? " selected" : ""
                options += "<option\(selected)>\(kind.rawValue)</option>"
            }
            control = "<select id=\"\(id)\" name=\"\(name)\">\(options)</select>"
        case .stance:
            control = input("pick-label", "reuse a label for the same position", size: "32")
        case .summary:
            control =
                "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"2\" cols=\"60\"\(requiredAttribute)>\(text)</textarea>"
                + "<small>what was said, in your words</small>"
        case .quote:
            control =
                "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"2\" cols=\"60\">\(text)</textarea>"
                + "<small>the words quoted, if any</small>"
        case .said:
            control =
                "<input id=\"\(id)\" name=\"\(name)\" value=\"\(text)\" size=\"10\" placeholder=\"YYYY-MM-DD\" "
                + "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\"><small>empty: the source's date</small>"
        case .source: control = input("pick-source", "the source that reports it", size: "32")
        case .via: control = input("", "who relayed it (optional)")
        case .about: control = input("pick-party", "the party it is a claim about (optional)")
        case .conditions:
            control = input("", "ISSUE=LABEL or PARTY:ISSUE=LABEL, ';' between several (optional)", size: "32")
        }
        return "<label for=\"\(id)\">\(field.rawValue)</label><div>\(control)</div>\n"
    }

    /// `fields`' rows of a statement form, `values` filled in: each input named `FIELD` plus
    /// `suffix` (a review row's `_3`), its id `idPrefix` plus `FIELD`.
    static func statementFields(
        _ fields: [Statement.Field] = Statement.Field.allCases, values: [Statement.Field: String], suffix: String = "",
        idPrefix: String, required: Bool = true
    ) -> HTML {
        var out: HTML = ""
        for field in fields {
            out += statementField(
                field, value: values[field] ?? "", name: field.rawValue + suffix, required: required,
                id: idPrefix + field.rawValue)
        }
        return out
    }

    /// The statement form: every field of a statement, `values` filled in.
    static func statement(
        values: [Statement.Field: String], pickers: Pickers, action: String, back: String, heading: String,
        problems: [String] = [], nearMiss: Bool = false
    ) -> HTML {
        var out: HTML = "<section class=\"form\" id=\"record\">\n<h2>\(heading)</h2>\n" + Self.problems(problems)
        out += "<form method=\"post\" action=\"\(action)\" class=\"fields\">\(PageMarker.formToken)"
        out += "<input type=\"hidden\" name=\"back\" value=\"\(back)\">\n"
        out += statementFields(values: values, idPrefix: "f-")
        if nearMiss { out += nearMissBox(name: "new_label") }
        out += "<div></div><div><button>Record the statement</button></div>\n</form>\n" + pickers.datalists
        return out + "</section>\n"
    }

    /// The confirmation a refused near-miss label asks for.
    static func nearMissBox(name: String) -> HTML {
        """
        <div></div><div class="confirm"><label><input type="checkbox" name="\(name)" value="1"> \
        This is a different position: keep the new label</label></div>

        """
    }

    /// The amendment form of a statement page: every field with its current value, and a reason.
    static func amend(
        _ dated: DatedStatement, pickers: Pickers, problems: [String] = [], values: [Statement.Field: String]? = nil
    )
        -> HTML
    {
        let current = Dictionary(
            uniqueKeysWithValues: Statement.Field.allCases.map { ($0, dated.statement.text($0) ?? "") })
        var out: HTML =
            "<section class=\"form\" id=\"amend\">\n<h2>Amend</h2>\n" + Self.problems(problems)
            + "<p class=\"muted\">Change what is wrong; an optional field left empty is cleared. The old values "
            + "stay in the change log with the reason.</p>\n"
        out +=
            "<form method=\"post\" action=\"/statements/\(dated.sequence)/amend\" class=\"fields\">\(PageMarker.formToken)\n"
        out += statementFields(values: values ?? current, idPrefix: "a-")
        out += """
            <label for="a-reason">reason</label><div><input id="a-reason" name="reason" size="48" required>\
            <small>why, for the change log</small></div>
            <div></div><div><button>Amend the statement</button></div>
            </form>

            """
        return out + pickers.datalists + "</section>\n"
    }

    /// The retraction form of a statement page.
    static func retract(_ number: Int64) -> HTML {
        """
        <section class="form" id="retract">
        <h2>Retract</h2>
        <p class="muted">A retracted statement stays, marked, and no longer counts for positions and reports.</p>
        <form method="post" action="/statements/\(number)/retract">\(PageMarker.formToken)\
        <label>reason <input name="reason" size="48" required></label> <button>Retract the statement</button></form>
        </section>

        """
    }

    /// The form that adds a status step to an agreement or a dispute; a refused one comes back with `values` (the form's
    /// fields as sent) in its boxes.
    static func step(
        kind: String, id: String, statuses: [String], pickers: Pickers, problems: [String] = [],
        values: [String: String] = [:]
    ) -> HTML {
        func value(_ name: String) -> HTML { HTML(text: values[name] ?? "") }
        var options: HTML = "<option value=\"\">(keep the status in force)</option>"
        for status in statuses {
            let selected: HTML = values["status"] == status ? " selected" : ""
            options += "<option\(selected)>\(status)</option>"
        }
        return """
            <section class="form" id="step">
            <h2>Add a step</h2>
            \(Self.problems(problems))<form method="post" action="/\(kind)/\(id)/steps" class="fields">\(PageMarker.formToken)
            <label for="s-status">status</label><div><select id="s-status" name="status">\(options)</select></div>
            <label for="s-on">on</label><div><input id="s-on" name="on" value="\(value("on"))" size="10" \
            placeholder="YYYY-MM-DD" pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"><small>empty: the source's date</small></div>
            <label for="s-source">source</label><div><input id="s-source" name="source" value="\(value("source"))" \
            list="pick-source" size="32" required autocomplete="off"></div>
            <label for="s-according">according to</label><div><input id="s-according" name="according_to" \
            value="\(value("according_to"))" list="pick-party" size="24" autocomplete="off"><small>the party whose \
            account this is, when the sides' accounts differ</small></div>
            <label for="s-note">note</label><div><input id="s-note" name="note" value="\(value("note"))" size="48"></div>
            <div></div><div><button>Add the step</button></div>
            </form>
            \(pickers.datalists)</section>

            """
    }

    /// The form that relates two stance labels on an issue.
    static func relation(issue: String, labels: [String]) -> HTML {
        var options: HTML = ""
        for label in Array(Set(labels)).sorted() { options += "<option value=\"\(label)\"></option>" }
        return """
            <section class="form" id="relate">
            <h2>Relate two labels</h2>
            <p class="muted">Compatible labels are the same side: they never make an apparent dispute.</p>
            <form method="post" action="/relations" class="fields">\(PageMarker.formToken)\
            <input type="hidden" name="issue" value="\(issue)">
            <label for="r-a">label</label><div><input id="r-a" name="a" list="issue-labels" required autocomplete="off"></div>
            <label for="r-b">and label</label><div><input id="r-b" name="b" list="issue-labels" required autocomplete="off"></div>
            <label for="r-kind">are</label><div><select id="r-kind" name="kind"><option>compatible</option>\
            <option>opposed</option></select></div>
            <div></div><div><button>Relate them</button></div>
            </form>
            <datalist id="issue-labels">\(options)</datalist>
            </section>

            """
    }

    /// The form that adds a source, its text pasted or uploaded.
    static func source(problems: [String] = [], values: [String: String] = [:]) -> HTML {
        func value(_ name: String) -> HTML { HTML(text: values[name] ?? "") }
        var reliability: HTML = "<option value=\"\"></option>"
        for level in Reliability.allCases {
            let selected: HTML = values["reliability"] == level.rawValue ? " selected" : ""
            reliability += "<option\(selected)>\(level.rawValue)</option>"
        }
        return """
            <section class="form" id="add-source">
            <h2>Add a source</h2>
            \(Self.problems(problems))<form method="post" action="/sources" enctype="multipart/form-data" class="fields">\
            \(PageMarker.formToken)
            <label for="src-id">id</label><div><input id="src-id" name="id" value="\(value("id"))" required \
            size="32"><small>a slug: rferl-2021-12-16</small></div>
            <label for="src-title">title</label><div><input id="src-title" name="title" value="\(value("title"))" \
            required size="48"></div>
            <label for="src-published">published</label><div><input id="src-published" name="published" \
            value="\(value("published"))" required size="10" placeholder="YYYY-MM-DD"></div>
            <label for="src-publisher">publisher</label><div><input id="src-publisher" name="publisher" \
            value="\(value("publisher"))" size="32"></div>
            <label for="src-url">url</label><div><input id="src-url" name="url" type="url" value="\(value("url"))" \
            size="48"></div>
            <label for="src-reliability">reliability</label><div><select id="src-reliability" \
            name="reliability">\(reliability)</select></div>
            <label for="src-text">text</label><div><textarea id="src-text" name="text" rows="6" \
            cols="60">\(value("text"))</textarea><small>paste the article, or upload it:</small> \
            <input type="file" name="text_file" accept=".txt,text/plain" aria-label="text file"></div>
            <div></div><div><button>Add the source</button></div>
            </form>
            </section>

            """
    }
}
