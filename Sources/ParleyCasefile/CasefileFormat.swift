/// The casefile's sections and fields, in the order they are written.
enum CasefileFormat {
    static let sections = ["parties", "actors", "issues", "sources", "statements", "agreements", "disputes"]
    static let partyFields = ["id", "name", "kind", "aliases"]
    static let actorFields = ["id", "name", "party", "role", "aliases"]
    static let issueFields = ["id", "title", "description", "aliases"]
    static let sourceFields = ["id", "title", "publisher", "url", "published", "reliability", "text"]
    static let statementFields = [
        "number", "party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "source", "recorded",
        "retraction",
    ]
    /// Agreements and disputes have the same fields; a dispute's terms and mediators are optional
    /// and usually absent.
    static let trackedFields = ["id", "title", "issue", "terms", "parties", "mediators", "history"]
    static let stepFields = [
        "status", "on", "source", "note", "add_parties", "remove_parties", "add_mediators", "remove_mediators",
        "retraction",
    ]
    static let retractionFields = ["at", "by", "reason"]
}
