import Foundation
import ParleyKit
import ParleyModel

// The API's questions: each read endpoint's query parameters, named as the command line's options.

/// `?as_of=DATE&stale_after=WINDOW&known_as_of=K`: the disputes board. Every report takes `known_as_of`:
/// the case as it was recorded by K (a date or an ISO 8601 UTC time).
struct DisputesQuery: QueryParameters {
    var asOf: CalendarDate?
    var staleAfter: StaleAfter?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
        case staleAfter = "stale_after"
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?as_of=DATE&party=P&issue=I&stale_after=WINDOW`: the positions matrix.
struct PositionsQuery: QueryParameters {
    var asOf: CalendarDate?
    var party: String?
    var issue: String?
    var staleAfter: StaleAfter?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
        case party, issue
        case staleAfter = "stale_after"
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?as_of=DATE`: the agreements.
struct AsOfQuery: QueryParameters {
    var asOf: CalendarDate?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?as_of=DATE&issue=I`: the contradictions.
struct ContradictionsQuery: QueryParameters {
    var asOf: CalendarDate?
    var issue: String?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
        case issue
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?issue=I&party=P&all=true`: an issue's history (with `all`, retracted statements too).
struct HistoryQuery: QueryParameters {
    var issue: String?
    var party: String?
    var all: Bool?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issue, party, all
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?from=DATE&to=DATE`: what changed between two dates.
struct DiffQuery: QueryParameters {
    var from: CalendarDate?
    var to: CalendarDate?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case from, to
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?party=P&about=P&issue=I&source=S&since=DATE&until=DATE&all=true`: statements.
struct StatementsQuery: QueryParameters {
    var party: String?
    var about: String?
    var issue: String?
    var source: String?
    var since: CalendarDate?
    var until: CalendarDate?
    var all: Bool?
    var knownAsOf: KnownAsOfParameter?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party, about, issue, source, since, until, all
        case knownAsOf = "known_as_of"
    }
    typealias Name = CodingKeys
}

/// `?q=WORDS&in=SCOPE&party=P&issue=I&since=DATE&until=DATE&limit=N&all=true`: search (with
/// `all`, retracted statements too).
struct SearchParameters: QueryParameters {
    var q: String?
    var scopes: SearchScopes?
    var party: String?
    var issue: String?
    var since: CalendarDate?
    var until: CalendarDate?
    var limit: SearchLimit?
    var all: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case q
        case scopes = "in"
        case party, issue, since, until, limit, all
    }
    typealias Name = CodingKeys

    /// The use case's query: the one place the API's search and the search page make it.
    /// Without `limit`, `defaultLimit` hits (the command line's 20 unless a page shows more).
    func searchQuery(defaultLimit: Int = 20) throws -> SearchQuery {
        guard let words = q else { throw APIProblem.badRequest("give ?q=WORDS") }
        return SearchQuery(
            words, scopes: scopes?.scopes ?? Set(SearchQuery.Scope.allCases), party: party, issue: issue,
            since: since, until: until, includeRetracted: all ?? false, limit: limit?.count ?? defaultLimit)
    }
}

/// `?issue=I`: the parties (with `issue`, those with a statement of their own on it).
struct PartiesQuery: QueryParameters {
    var issue: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issue
    }
    typealias Name = CodingKeys
}

/// `?party=P`: the issues (with `party`, those it has a statement of its own on).
struct IssuesQuery: QueryParameters {
    var party: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party
    }
    typealias Name = CodingKeys
}

/// `?party=P&issue=I&since=DATE&until=DATE`: the sources (published in the period, reporting a
/// statement by the party or on the issue).
struct SourcesQuery: QueryParameters {
    var party: String?
    var issue: String?
    var since: CalendarDate?
    var until: CalendarDate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party, issue, since, until
    }
    typealias Name = CodingKeys

    /// The use case's filter: the one place the API's list and the sources page make it.
    var filter: SourceFilter { SourceFilter(party: party, issue: issue, since: since, until: until) }
}

/// How long a position may go unrestated before it counts as stale (`18m`, `2y`).
struct StaleAfter: QueryValue {
    var window: StaleWindow

    init(parameter name: String, text: String) throws {
        do { window = try StaleWindow(parsing: text) } catch {
            throw APIProblem.badRequest(error.localizedDescription)
        }
    }
}

/// What a search looks in: `statements`, `sources`, `entities` or `all`.
struct SearchScopes: QueryValue {
    var scopes: Set<SearchQuery.Scope>
    /// As given: `all` or one scope's name.
    var name: String

    init(parameter name: String, text: String) throws {
        self.name = text
        if text == "all" {
            scopes = Set(SearchQuery.Scope.allCases)
        } else if let one = SearchQuery.Scope(rawValue: text) {
            scopes = [one]
        } else {
            throw APIProblem.badRequest("in must be statements, sources, entities or all")
        }
    }
}

/// How many search results to give: a whole number (the use case takes 1 to ``Limits/searchHits``).
struct SearchLimit: QueryValue {
    var count: Int

    init(parameter name: String, text: String) throws {
        guard let count = Int(text) else { throw Self.problem(name, Echo.plain(text)) }
        self.count = count
    }

    /// The answer to a number that is not one the search takes.
    static func problem(_ name: String, _ value: String) -> APIProblem {
        APIProblem.badRequest("\(name) \(value): use a whole number from 1 to \(Limits.searchHits)")
    }
}

/// The moment the case is shown as recorded by: a date or an ISO 8601 UTC time.
struct KnownAsOfParameter: QueryValue {
    var moment: KnownAsOf

    init(parameter name: String, text: String) throws {
        do { moment = try KnownAsOf(parsing: text) } catch {
            throw APIProblem.badRequest(
                "\(name) \(Echo.plain(text)): use a date (YYYY-MM-DD, YYYY-MM, YYYY) or an ISO 8601 UTC time")
        }
    }
}
