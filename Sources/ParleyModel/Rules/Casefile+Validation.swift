import Foundation

// MARK: - Whole-casefile validation

extension Casefile {
    /// Every problem in the casefile: bad ids, missing references, duplicates, missing parents.
    /// Validation never stops at the first problem, so a user can fix them all in one pass.
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        func add(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }
        func checkID(_ id: String, kind: String, path: String) {
            do { try Identifier.validate(id, kind: kind) } catch { add(path, error.localizedDescription) }
        }
        func checkText(_ text: String, path: String, field: String) {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add(path, "\(field) must not be empty") }
        }
        func unique<T>(_ items: [T], _ key: (T) -> String, kind: String, section: String) -> Set<String> {
            var seen: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                let id = key(item)
                if let first = seen[id] {
                    add("\(section)[\(index)].id", "\(kind) id '\(id)' is already used by \(section)[\(first)]; give each \(kind) its own id")
                } else {
                    seen[id] = index
                }
            }
            return Set(seen.keys)
        }
        func reference(_ id: String, in known: Set<String>, kind: String, path: String) {
            guard !known.contains(id) else { return }
            let hint = Suggestions.closest(to: id, among: known)
            let tail = Suggestions.didYouMean(hint) ?? "add it to \(kind == "issue" ? "issues" : kind + "s") first"
            add(path, "no \(kind) '\(id)'; \(tail)")
        }

        let partyIDs = unique(parties, \.id, kind: "party", section: "parties")
        let actorIDs = unique(actors, \.id, kind: "actor", section: "actors")
        let issueIDs = unique(issues, \.id, kind: "issue", section: "issues")
        let sourceIDs = unique(sources, \.id, kind: "source", section: "sources")
        _ = unique(agreements, \.id, kind: "agreement", section: "agreements")
        _ = unique(disputes, \.id, kind: "dispute", section: "disputes")
        let actorParty = Dictionary(actors.map { ($0.id, $0.party) }, uniquingKeysWith: { first, _ in first })

        for (i, party) in parties.enumerated() {
            checkID(party.id, kind: "party", path: "parties[\(i)].id")
            checkText(party.name, path: "parties[\(i)].name", field: "name")
        }
        for (i, actor) in actors.enumerated() {
            checkID(actor.id, kind: "actor", path: "actors[\(i)].id")
            checkText(actor.name, path: "actors[\(i)].name", field: "name")
            reference(actor.party, in: partyIDs, kind: "party", path: "actors[\(i)].party")
        }
        for (i, issue) in issues.enumerated() {
            checkID(issue.id, kind: "issue", path: "issues[\(i)].id")
            checkText(issue.title, path: "issues[\(i)].title", field: "title")
            if let parent = issue.parent, !issueIDs.contains(parent) {
                add("issues[\(i)].id", "the parent issue '\(parent)' of '\(issue.id)' does not exist; add it first")
            }
        }
        for (i, source) in sources.enumerated() {
            checkID(source.id, kind: "source", path: "sources[\(i)].id")
            checkText(source.title, path: "sources[\(i)].title", field: "title")
        }
        var statementKeys: [String: Int] = [:]
        for (i, statement) in statements.enumerated() {
            let path = "statements[\(i)]"
            reference(statement.party, in: partyIDs, kind: "party", path: path + ".party")
            if let actor = statement.actor {
                reference(actor, in: actorIDs, kind: "actor", path: path + ".actor")
                if let owner = actorParty[actor], owner != statement.party {
                    add(path + ".actor", "actor '\(actor)' speaks for '\(owner)', not '\(statement.party)'; fix the party or the actor")
                }
            }
            reference(statement.issue, in: issueIDs, kind: "issue", path: path + ".issue")
            reference(statement.source, in: sourceIDs, kind: "source", path: path + ".source")
            if !Identifier.isValid(statement.stance) {
                add(path + ".stance", "'\(statement.stance)' is not a valid stance label: \(Identifier.rule)")
            }
            checkText(statement.summary, path: path + ".summary", field: "summary")
            let key = [statement.party, statement.issue, statement.stance, statement.said?.description ?? "", statement.source]
                .joined(separator: "\u{1}")
            if let first = statementKeys[key] {
                add(path, "the same statement (party, issue, stance, said date and source) is already statements[\(first)]; remove the duplicate")
            } else {
                statementKeys[key] = i
            }
        }
        /// Checks what agreements and disputes share: id, title, issue, parties, dated history.
        func checkAccord<Step: DatedStep>(
            _ path: String, noun: String, kind: String, id: String, title: String, issue: String,
            parties: [String], mediators: [String], history: [Step]
        ) {
            checkID(id, kind: kind, path: path + ".id")
            checkText(title, path: path + ".title", field: "title")
            reference(issue, in: issueIDs, kind: "issue", path: path + ".issue")
            if Set(parties).count < 2 { add(path + ".parties", "\(noun) needs at least two parties") }
            for (j, party) in parties.enumerated() { reference(party, in: partyIDs, kind: "party", path: "\(path).parties[\(j)]") }
            for (j, party) in mediators.enumerated() { reference(party, in: partyIDs, kind: "party", path: "\(path).mediators[\(j)]") }
            if history.isEmpty { add(path + ".history", "\(noun) needs at least one dated status step") }
            for j in outOfOrderIndices(history) {
                add("\(path).history[\(j)].on", "step dated \(history[j].on) is listed after a later step (\(history[j - 1].on)); list steps in the order they happened")
            }
            for (j, step) in history.enumerated() {
                reference(step.source, in: sourceIDs, kind: "source", path: "\(path).history[\(j)].source")
            }
        }
        for (i, a) in agreements.enumerated() {
            checkAccord("agreements[\(i)]", noun: "an agreement", kind: "agreement", id: a.id, title: a.title, issue: a.issue,
                        parties: a.parties, mediators: a.mediators, history: a.history)
        }
        for (i, d) in disputes.enumerated() {
            checkAccord("disputes[\(i)]", noun: "a dispute", kind: "dispute", id: d.id, title: d.title, issue: d.issue,
                        parties: d.parties, mediators: [], history: d.history)
        }
        return problems
    }
}
