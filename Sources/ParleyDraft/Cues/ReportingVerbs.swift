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
                    "condemned", "condemns", "expressed", "voiced", "mentioned", "mentions", "signalled", "signaled",
                    "signals", "underscored", "underlined", "highlighted", "reaffirmed", "reaffirms", "affirmed",
                    "recalled", "cautioned", "conceded", "alleged", "alleges", "clarified", "specified", "commented",
                    "retorted", "countered", "assured", "informed", "notified", "stating", "noting", "stressing",
                    "emphasising", "emphasizing", "reiterating", "claiming", "explaining", "announcing", "recalling",
                    "cautioning", "underlining", "confirming", "repeated", "repeats", "restated", "reiterating",
                ]
            ),
            (.assessment, ["thanked", "thanks", "thanking", "commended", "congratulated", "regretted", "lamented"]),
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
        "pointed": ["out": .assertion],
        "points": ["out": .assertion],
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
        // Portfolios: "Norland's agriculture ministry", "the finance minister".
        "agriculture", "finance", "economy", "energy", "justice", "health", "education", "transport", "trade",
        "environment", "culture", "labour", "labor", "water", "fisheries", "emergency", "infrastructure",
        "economic", "counterpart", "counterparts", "special",
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

    /// Verbs whose hearer comes before the clause: "told reporters that …", "assured Sudmark that …".
    static let hearerFirst: Set<String> = [
        "told", "tells", "telling", "informed", "notified", "assured", "reminded", "warned", "warns",
    ]

    /// Verbs that stand before their speaker in an inversion: "“…,” said the minister." (Never a
    /// participle, and never a verb that takes an object first: "rejecting Baku's demand".)
    static let inverting: Set<String> = [
        "said", "says", "added", "adds", "asked", "wrote", "writes", "explained", "replied", "continued", "insisted",
        "noted", "stressed", "declared", "warned", "argued", "recalled", "remarked", "observed", "answered",
        "responded", "admitted", "acknowledged", "announced", "cautioned", "concluded", "underscored", "emphasised",
        "emphasized", "confirmed", "claimed", "complained", "tweeted", "stated", "insists", "notes", "according",
    ]

    /// Verbs that take a noun object rather than a "that" clause: after them "that" is a
    /// determiner ("rejected that demand"), not the start of a clause.
    static let nounObject: Set<String> = [
        "rejected", "rejects", "rejecting", "dismissed", "dismisses", "refused", "refuses", "condemned", "condemns",
        "welcomed", "welcomes", "praised", "hailed", "criticised", "criticized", "described", "endorsed", "endorses",
        "expressed", "voiced", "blamed", "blaming", "urged", "urges", "urging", "accused", "accuses", "accusing",
        "offered", "called", "calls", "calling",
    ]

    /// Speakers that are not a party's: unnamed sources, and the press that reports them.
    static let anonymous: Set<String> = [
        "source", "sources", "official", "officials", "diplomat", "diplomats", "analyst", "analysts", "expert",
        "experts", "observer", "observers", "insider", "insiders", "person", "people", "aide", "aides", "senior",
        "western", "diplomatic", "government", "military", "security", "intelligence", "local", "informed",
        "familiar", "knowledgeable", "some", "many", "several", "other", "others", "one", "two", "three", "a", "an",
        "the", "of", "with", "matter", "farmer", "farmers", "resident", "residents", "villager", "villagers",
        "witness", "witnesses",
    ]
    static let press: Set<String> = [
        "reuters", "afp", "ap", "tass", "ria", "interfax", "xinhua", "anadolu", "bloomberg", "cnn", "bbc", "agency",
        "agencies", "newspaper", "broadcaster", "television", "tv", "media", "outlet", "website", "daily", "wire",
        "novosti",
    ]

    /// Lowercase words inside a person's name: "Ursula von der Leyen", "Lotte van der Berg".
    static let nameParticles: Set<String> = [
        "von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn",
        "ter", "ten", "dos", "das",
    ]

    /// Words after which a name is an object, not a speaker: "with the leaders of Russia".
    static let prepositions: Set<String> = [
        "of", "with", "by", "to", "from", "at", "for", "in", "on", "between", "against", "about", "over", "into",
        "among", "than", "after", "before", "during", "toward", "towards", "through", "under", "via",
    ]

    /// Whether a reporting word is a participle ("saying", "adding", "rejecting"): its speaker is
    /// the subject of the sentence's main clause.
    static func isParticiple(_ word: String) -> Bool { word.hasSuffix("ing") && word != "according" }

    /// Titles of a person, not a body: an alias holding one names someone "he" or "she" can be.
    static let personTitles: Set<String> = [
        "minister", "president", "spokesman", "spokeswoman", "spokesperson", "chancellor", "premier", "envoy",
        "ambassador", "secretary", "chief", "head", "leader", "commander", "general", "prime", "mr", "mrs", "ms",
        "king", "queen", "emir", "sheikh", "governor", "mayor", "chair", "chairman", "chairwoman", "adviser", "advisor",
    ]

    /// Words of a body's name: "Ministry of Foreign Affairs", "the Kremlin press service".
    static let bodies: Set<String> = [
        "ministry", "service", "office", "government", "council", "kremlin", "department", "agency", "committee",
        "parliament", "assembly", "commission", "administration", "house", "embassy", "union", "delegation",
    ]

    /// What a party issues: "the statement said", "the readout added".
    static let documents: Set<String> = [
        "statement", "readout", "communique", "communiqué", "declaration", "letter", "release", "post", "tweet",
    ]

    /// What an apposition calls someone who speaks for no party: "Greta Lund, a Kavarian analyst".
    static let outsiders: Set<String> = [
        "analyst", "analysts", "expert", "experts", "researcher", "researchers", "professor", "scholar", "academic",
        "journalist", "commentator", "economist", "historian", "lawyer", "farmer", "resident", "activist", "student",
        "fellow",
    ]
}
