/// The casefile's sections and fields, in the order they are written.
enum CasefileFormat {
    static let sections = [
        "parties", "actors", "issues", "sources", "statements", "label_relations", "label_orders", "agreements",
        "disputes",
    ]
    static let partyFields = ["id", "name", "kind", "aliases"]
    static let actorFields = ["id", "name", "party", "role", "aliases"]
    static let issueFields = ["id", "title", "description", "aliases", "stale_after"]
    static let sourceFields = ["id", "title", "publisher", "url", "published", "reliability", "text"]
    static let statementFields = [
        "number", "party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "source", "recorded",
        "retraction", "via", "about", "conditions",
        // `parley draft`'s notes on how it read the article; ignored on import.
        "draft",
    ]
    static let labelRelationFields = ["issue", "labels", "kind"]
    static let labelOrderFields = ["issue", "harder", "softer"]
    /// Agreements and disputes have the same fields; a dispute's terms and mediators are optional
    /// and usually absent.
    /// One issue is `issue: ID`; several are `issues: [ID, ID]`, the first the main one.
    static let trackedFields = [
        "id", "title", "issue", "issues", "terms", "parties", "mediators", "package", "history",
    ]
    /// A step without `on` is dated by its source.
    static let stepFields = [
        "status", "on", "source", "note", "according_to", "add_parties", "remove_parties", "add_mediators",
        "remove_mediators", "retraction", "term", "due", "recorded",
    ]
    static let retractionFields = ["at", "by", "reason"]
}
