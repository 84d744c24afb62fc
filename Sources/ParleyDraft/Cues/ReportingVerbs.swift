import ParleyModel

/// Reporting verbs and the kind of statement each suggests.
enum ReportingVerbs {
    static let single: [String: StatementKind] = {
        var table: [String: StatementKind] = [:]
        let groups: [(StatementKind, [String])] = [
            (
                .assertion,
                [
                    "said", "says", "told", "tells", "added", "adds", "stated", "stressed", "noted", "insisted",
                    "insists", "warned", "warns", "argued", "argues", "claimed", "announced",
                    "announces", "announce", "confirmed", "confirms", "tweeted", "wrote", "writes", "declared",
                    "declares",
                    "explained", "replied", "responded", "described", "admitted", "admits", "acknowledged",
                    "emphasised", "emphasized", "maintained", "maintains", "reiterated", "reiterates", "asserted",
                    "contended", "observed", "remarked", "saying", "telling", "adding", "insisting", "warning",
                    "arguing", "predicted", "hailed", "praised", "described", "complained", "criticised", "criticized",
                    "condemned", "condemns", "expressed", "voiced",
                ]
            ),
            (.demand, ["demanded", "demanding"]),
            (.rejection, ["rejected", "rejects", "rejecting", "dismissed", "dismisses", "refused", "refuses"]),
            (.denial, ["denied", "denies", "denying"]),
            (.appeal, ["urged", "urges", "urging", "appealed", "asked", "implored"]),
            (
                .commitment,
                ["pledged", "pledging", "vowed", "vowing", "promised", "undertook", "committed"]
            ),
            (.accusation, ["accused", "accuses", "accusing", "blamed", "blaming"]),
            (.proposal, ["proposed", "proposes", "proposing", "suggested", "suggests", "offered"]),
            (
                .acceptance,
                [
                    "agreed", "agrees", "accepted", "accepts", "accepting", "welcomed", "welcomes", "endorsed",
                    "endorses",
                ]
            ),
        ]
        for (kind, verbs) in groups { for verb in verbs { table[verb] = kind } }
        return table
    }()

    /// Two-word verbs: "called on", "called for", "ruled out".
    static let double: [String: [String: StatementKind]] = [
        "called": ["on": .appeal, "for": .appeal],
        "calls": ["on": .appeal, "for": .appeal],
        "calling": ["on": .appeal, "for": .appeal],
        "ruled": ["out": .rejection],
        "rules": ["out": .rejection],
        "according": ["to": .assertion],
    ]

    /// Words that may stand between a speaker and a verb.
    static let between: Set<String> = [
        "also", "later", "earlier", "again", "then", "has", "had", "have", "was", "were", "is", "are", "publicly",
        "repeatedly", "reportedly", "previously", "subsequently", "however", "meanwhile", "separately", "flatly",
        "firmly", "sharply", "strongly", "immediately", "quickly", "once", "now", "already", "recently", "further",
        "openly", "explicitly", "privately", "formally", "officially", "angrily", "bluntly", "himself", "herself",
        "themselves", "jointly", "in", "turn", "too",
    ]

    /// Lowercase words that belong in a speaker's title: "the foreign ministry", "a spokesman for".
    static let titleWords: Set<String> = [
        "the", "of", "and", "for", "a", "an", "foreign", "defence", "defense", "interior", "ministry", "minister",
        "ministers", "prime", "deputy", "president", "premier", "government", "governments", "office", "spokesman",
        "spokeswoman", "spokesperson", "chief", "head", "leader", "leaders", "leadership", "official", "officials",
        "security", "national", "council", "military", "army", "side", "delegation", "envoy", "ambassador",
        "negotiator", "negotiators", "representative", "representatives", "presidential", "administration",
        "commander", "general", "secretary", "state", "top", "senior", "diplomat", "diplomats", "authorities",
        "parliament", "speaker", "mediator", "mediators", "affairs", "press", "service", "staff", "cabinet", "aide",
        "adviser", "advisor", "statement", "joint", "declaration", "communique", "communiqué", "readout",
        "spokespeople",
        "both", "two", "sides", "countries", "nations", "governments", "team", "sources", "source", "embassy",
    ]

    static let pronouns: Set<String> = ["he", "she", "they", "it", "we"]

    /// Words of a dating phrase, which may stand between a verb and "that".
    static let dateWords: Set<String> = Set(SaidDates.weekdays + SaidDates.months).union([
        "on", "last", "this", "week", "month", "year", "yesterday", "today", "earlier", "later", "in", "morning",
        "afternoon", "evening", "night", "tonight",
    ])

    /// Verbs that say who spoke and when without saying what: "spoke to the Courier yesterday".
    static let framing: Set<String> = ["spoke", "speaking", "talked", "talking", "gave", "interviewed"]

    static let functionWords: Set<String> = ["the", "of", "and", "for", "a", "an", "both", "two", "top"]

    /// Words that describe an occasion at which remarks are made.
    static let occasions: Set<String> = [
        "spoke", "talked", "met", "meeting", "hosted", "held", "visited", "interview", "call", "telephone", "phone",
        "summit", "session", "talks", "conference",
    ]

    /// Capitalised words that open a sentence without being a name.
    static let openers: Set<String> = [
        "but", "and", "however", "meanwhile", "also", "in", "on", "at", "after", "before", "when", "while", "speaking",
        "addressing", "asked", "still", "yet", "so", "then", "later", "earlier", "separately", "instead", "now",
        "moreover", "furthermore", "yesterday", "today", "last", "as", "for", "since", "with",
    ]
}
