import ParleyModel

/// A statement proposed from an article, for a person to review before it is recorded.
public struct Draft: Sendable, Hashable {
    /// Direct speech (between quotation marks) or reported speech ("X said that …").
    public enum Mode: String, Sendable, Hashable {
        case direct, reported
    }

    /// The speaker as the article writes them: "Armenia's National Security Chief Armen Grigoryan".
    public var speaker: String?
    public var actor: String?
    public var party: String?
    /// How the speaker was resolved ("the alias 'Pashinian'"), or why not.
    public var resolution: String
    /// Who reported the speaker's words, when someone else in the article relays them.
    public var via: String?
    public var mode: Mode
    /// The reporting verb as written: "rejected", "called on", "according to".
    public var verb: String
    public var kind: StatementKind
    /// The words between quotation marks, verbatim; nil for reported speech without any.
    public var quote: String?
    /// Where the quotation (direct speech) or the reported clause is, in Unicode scalars.
    public var span: Range<Int>
    /// The reported clause or quotation, verbatim.
    public var spanText: String
    public var said: CalendarDate?
    /// The phrase that dates the remark: "on Tuesday".
    public var saidEvidence: String?
    public var issue: String?
    /// Why that issue, or why none.
    public var issueEvidence: String
    /// Other issues that fit.
    public var issueCandidates: [String]
    /// The sentence, white space flattened.
    public var sentence: String
    /// 0...1.
    public var confidence: Double
}

/// What the drafter read in one article.
public struct DraftedArticle: Sendable {
    /// The statements it appears to report, in article order.
    public var drafts: [Draft]
    /// Its headline, when its first paragraph reads as one: a title for its source.
    public var headline: String?
}

/// Reads a dated article and proposes statements; writes nothing anywhere.
public struct Drafter: Sendable {
    let speakers: SpeakerTable
    /// Depends on the case only, so it is made once for every article.
    let guesser: IssueGuesser

    public init(parties: [Party], actors: [Actor], issues: [Issue]) {
        speakers = SpeakerTable(parties: parties, actors: actors)
        // Party and people's names name no issue.
        var names = Set<String>()
        for entry in speakers.entries where entry.kind != .role {
            for word in entry.words { names.insert(IssueGuesser.stem(word.lowercased())) }
        }
        guesser = IssueGuesser(issues: issues, ignoring: names)
    }

    /// Reads `text`, published on `published`.
    public func read(_ text: String, published: CalendarDate) -> DraftedArticle {
        let article = ArticleText(text)
        var run = Run(
            article: article, speakers: speakers, dates: SaidDates(published: published), guesser: guesser)
        // A headline restates what the article reports; it is not a statement of its own.
        let headline = article.headline
        for (index, sentence) in article.sentences.enumerated() where headline?.contains(sentence.lowerBound) != true {
            run.read(sentence: sentence, index: index)
        }
        return DraftedArticle(drafts: run.drafts, headline: headline.map { article.string($0) })
    }

    /// The statements `text`, published on `published`, appears to report, in article order.
    public func drafts(_ text: String, published: CalendarDate) -> [Draft] {
        read(text, published: published).drafts
    }
}

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

/// One pass over an article: the sentences in order, remembering the last speaker.
struct Run {
    let article: ArticleText
    let speakers: SpeakerTable
    let dates: SaidDates
    let guesser: IssueGuesser
    var drafts: [Draft] = []
    /// The last speaker and the sentence they spoke in, for "he said" and quotations that go on.
    var last: (draft: Draft, sentence: Int)?
    /// People and bodies the article itself introduced ("Sudmark's spokesman, Karl Brenn"): a
    /// later "Brenn" or "the ministry" speaks for the same party.
    var introduced: [String: (party: String, actor: String?, phrase: String)] = [:]
    var titles: [String: (party: String, phrase: String)] = [:]
    /// The sentence before, for "both governments" and "the ministers".
    var previousSentence: Range<Int>?
    /// The occasion the article describes ("spoke by telephone with Vell on 8 August"): its date
    /// applies to what the parties named there say without a date of their own.
    var scene: (date: CalendarDate, evidence: String, parties: Set<String>)?
    /// The last person the article named, for a "he" before anyone has spoken.
    var lastMentioned: (actor: String, party: String)?

    init(article: ArticleText, speakers: SpeakerTable, dates: SaidDates, guesser: IssueGuesser) {
        self.article = article
        self.speakers = speakers
        self.dates = dates
        self.guesser = guesser
    }

    /// A sentence's words, with what lies between them.
    struct Sentence {
        var range: Range<Int>
        var words: Words
        var text: [String]
        var quoted: [Bool]
        var quotations: [ArticleText.Quotation]
        /// The dating phrases in it.
        var phrases: [DatePhrase]
    }

    /// Whether anything but spaces stands between two scalar offsets (a comma, a quotation mark).
    func punctuated(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for i in from..<to where !ArticleText.isSpace(article.scalars[i]) { return true }
        return false
    }

    mutating func read(sentence range: Range<Int>, index: Int) {
        let words = Words(article, range)
        guard words.count > 0 else { return }
        let quotations = article.quotations.filter { range.contains($0.start) }
        var quoted = [Bool](repeating: false, count: words.count)
        for (k, word) in words.ranges.enumerated() {
            quoted[k] = quotations.contains { q in q.pieces.contains { $0.contains(word.lowerBound) } }
        }
        let sentence = Sentence(
            range: range, words: words, text: words.ranges.map { article.string($0) }, quoted: quoted,
            quotations: quotations, phrases: dates.phrases(in: article, range))
        let mentions = speakers.mentions(sentence.text, lower: words.lower, in: 0..<words.count)
        defer {
            previousSentence = range
            if let person = mentions.last(where: { $0.entry.actor != nil }) {
                lastMentioned = (person.entry.actor!, person.entry.party!)
            }
        }
        // An interview: "Q: …" is the interviewer's; "Ostrander: …" is an answer.
        if let colon = leadingColon(sentence) {
            if colon == 0, ["q", "question"].contains(words.lower[0]) { return }
            if let answer = answer(sentence, index: index, nameEnd: colon) {
                remember(answer)
                drafts.append(answer)
                last = (answer, index)
                return
            }
        }
        var found: [Draft] = []
        var k = 0
        while k < words.count {
            if quoted[k] {
                k += 1
                continue
            }
            let w = words.lower[k]
            var kind = ReportingVerbs.single[w]
            var verbEnd = k
            if kind == nil, let next = ReportingVerbs.double[w], k + 1 < words.count,
                let second = next[words.lower[k + 1]]
            {
                kind = second
                verbEnd = k + 1
            } else if kind == nil, ["called", "calls", "calling"].contains(w),
                quotations.contains(where: { q in
                    q.start > words.ranges[k].upperBound && wordsBetween(words.ranges[k].upperBound, q.start) <= 6
                })
            {
                // "called the claim “a fabrication”": naming something is saying something.
                kind = .assertion
            }
            guard let kind else {
                if ReportingVerbs.framing.contains(w), found.isEmpty,
                    var context = statement(sentence, index: index, verb: k, verbEnd: k, kind: .assertion, earlier: [])
                        .first, context.party != nil
                {
                    // "Ostrander spoke to the Courier yesterday": no statement, but who and when.
                    if context.said == nil,
                        let phrase = sentence.phrases.first(where: { p in
                            !quotations.contains { q in q.pieces.contains { $0.contains(p.range.lowerBound) } }
                        })
                    {
                        context.said = phrase.date
                        context.saidEvidence = phrase.evidence
                    }
                    last = (context, index)
                }
                k += 1
                continue
            }
            found += statement(sentence, index: index, verb: k, verbEnd: verbEnd, kind: kind, earlier: found)
            k = verbEnd + 1
        }
        // A sentence that is (mostly) a quotation with no speaker of its own goes on with the
        // last speaker, when the last sentence was theirs.
        if found.isEmpty, let quotation = quotations.max(by: { $0.end - $0.start < $1.end - $1.start }),
            letters(in: quotation.start..<quotation.end) * 2 >= letters(in: range), let previous = last,
            previous.sentence >= index - 2
        {
            var draft = previous.draft
            draft.mode = .direct
            draft.verb = previous.draft.verb
            draft.quote = quoteText(quotation)
            draft.span = quotation.start..<quotation.end
            draft.spanText = draft.quote!
            draft.sentence = article.flat(range)
            draft.resolution = "continues the quotation of the sentence before (\(previous.draft.resolution))"
            draft.confidence = (previous.draft.confidence * 0.85 * 100).rounded() / 100
            applyIssue(&draft, sentence)
            found.append(draft)
        }
        // Only a sentence that reports no remark of its own describes the occasion.
        if found.isEmpty { setScene(sentence, mentions) }
        for draft in found {
            drafts.append(draft)
            remember(draft)
            // The next "he" is the sentence's own speaker, not someone whose words it relays.
            if draft.via == nil, draft.party != nil || draft.speaker != nil { last = (draft, index) }
        }
    }

    /// A sentence that describes an occasion (a meeting, a call, an interview), dates it and
    /// reports no remark itself sets the scene for the remarks that follow.
    mutating func setScene(_ s: Sentence, _ mentions: [SpeakerTable.Mention]) {
        guard
            s.words.lower.enumerated().contains(where: { k, word in
                !s.quoted[k] && ReportingVerbs.occasions.contains(word)
            }),
            let phrase = s.phrases.first(where: { p in
                !s.quotations.contains { q in q.pieces.contains { $0.contains(p.range.lowerBound) } }
            })
        else { return }
        var parties = Set(mentions.compactMap(\.entry.party))
        if s.words.lower.contains(where: { ReportingVerbs.pronouns.contains($0) }), let person = lastMentioned {
            parties.insert(person.party)
        }
        guard !parties.isEmpty else { return }
        scene = (phrase.date, phrase.evidence, parties)
    }

    /// Remembers the names and titles a resolved speaker's words introduce.
    mutating func remember(_ draft: Draft) {
        guard let party = draft.party, let speaker = draft.speaker, draft.via == nil else { return }
        let words = SpeakerTable.split(speaker)
        for word in words {
            let bare = SpeakerTable.stripPossessive(word)
            let lower = bare.lowercased()
            if bare.first?.isUppercase == true, speakers.byFirstWord[lower] == nil,
                !ReportingVerbs.openers.contains(lower), !ReportingVerbs.titleWords.contains(lower), bare.count > 2
            {
                introduced[bare] = (party, draft.actor, speaker)
            } else if ReportingVerbs.titleWords.contains(lower), !ReportingVerbs.functionWords.contains(lower) {
                titles[lower] = (party, speaker)
            }
        }
    }

    /// The word index of a colon after the first few words of a paragraph ("Q:", "Ostrander:").
    func leadingColon(_ s: Sentence) -> Int? {
        guard article.paragraphs.contains(where: { $0.lowerBound == s.range.lowerBound }) else { return nil }
        for k in 0..<min(4, s.words.count) {
            let after = s.words.ranges[k].upperBound
            if after < s.range.upperBound, article.scalars[after] == ":" { return k }
            if k + 1 < s.words.count, punctuated(after, s.words.ranges[k + 1].lowerBound) { return nil }
        }
        return nil
    }

    /// An interview's answer: "Ostrander: “We never left Velm.”"
    func answer(_ s: Sentence, index: Int, nameEnd: Int) -> Draft? {
        let names = 0..<(nameEnd + 1)
        guard let who = resolve(s, names) else { return nil }
        let after = s.words.ranges[nameEnd].upperBound + 1
        let quotation = s.quotations.first { $0.start >= after }
        let span = quotation.map { $0.start..<$0.end } ?? strip(article.trimmed(after..<s.range.upperBound))
        guard !span.isEmpty else { return nil }
        let speakerRange = s.words.ranges[0].lowerBound..<s.words.ranges[nameEnd].upperBound
        var draft = Draft(
            speaker: article.string(speakerRange), actor: who.actor, party: who.parties.first, resolution: who.how,
            via: nil, mode: .direct, verb: ":", kind: .assertion, quote: quotation.map(quoteText),
            span: span, spanText: article.flat(span), said: nil, saidEvidence: nil, issue: nil, issueEvidence: "",
            issueCandidates: [], sentence: article.flat(s.range), confidence: 0)
        if let context = contextDate(actor: who.actor, party: who.parties.first, pronounIn: nil) {
            (draft.said, draft.saidEvidence) = context
        }
        applyIssue(&draft, s)
        draft.confidence = (who.certainty * (draft.issue == nil ? 0.9 : 1) * 100).rounded() / 100
        return draft
    }

    /// The date of a remark whose own sentence gives none: the one the same speaker last spoke on,
    /// with no one else in between ("he" in sentence `pronounIn`, within three sentences), else
    /// the occasion a sentence before described, when it named the speaker's party.
    func contextDate(actor: String?, party: String?, pronounIn index: Int?) -> (CalendarDate, String?)? {
        if let previous = last, let said = previous.draft.said,
            index.map({ previous.sentence >= $0 - 3 }) ?? false || (actor != nil && previous.draft.actor == actor)
        {
            return (said, previous.draft.saidEvidence.map(Self.earlier))
        }
        if let scene, let party, scene.parties.contains(party) {
            return (scene.date, "\(scene.evidence) (the occasion described earlier)")
        }
        return nil
    }

    static func earlier(_ evidence: String) -> String {
        evidence.hasSuffix("(an earlier sentence)") ? evidence : "\(evidence) (an earlier sentence)"
    }

    /// Who the words `np` of a sentence name: the case's table, then what the article introduced,
    /// then a group the sentence before named ("both governments", "the ministers").
    func resolve(_ s: Sentence, _ np: Range<Int>) -> SpeakerTable.Resolution? {
        let text = Array(s.text[np])
        let lower = Array(s.words.lower[np])
        if let found = speakers.resolve(text, lower: lower) { return found }
        for word in text.reversed() {
            if let known = introduced[SpeakerTable.stripPossessive(word)] {
                return SpeakerTable.Resolution(
                    actor: known.actor, parties: [known.party],
                    how: "'\(word)', introduced earlier as '\(known.phrase)'", certainty: 0.8)
            }
        }
        let group = lower.contains {
            ["both", "two", "ministers", "governments", "sides", "leaders", "delegations"].contains($0)
        }
        if group, let previous = previousSentence {
            let words = Words(article, previous)
            let mentions = speakers.mentions(
                words.ranges.map { article.string($0) }, lower: words.lower, in: 0..<words.count)
            var parties: [String] = []
            var actors: [String: String] = [:]
            let ministers = lower.contains("ministers")
            let heads = lower.contains("leaders")
            for mention in mentions {
                guard let party = mention.entry.party, !parties.contains(party) || mention.entry.actor != nil else {
                    continue
                }
                if ministers {
                    guard let id = mention.entry.actor,
                        speakers.actors.first(where: { $0.id == id })?.role?.lowercased().contains("minister") == true
                    else { continue }
                    actors[party] = id
                }
                if !parties.contains(party) { parties.append(party) }
            }
            if heads {
                for party in parties where actors[party] == nil {
                    let candidates = speakers.actors.filter { actor in
                        actor.party == party && SpeakerTable.headRoles.contains(actor.role?.lowercased() ?? "")
                    }
                    if candidates.count == 1 { actors[party] = candidates[0].id }
                }
            }
            // "Both" and "two" mean two: a mediator or an organisation named alongside is not one of them.
            if parties.count > 2, lower.contains("both") || lower.contains("two") {
                let sides = parties.filter { id in
                    let kind = speakers.parties.first { $0.id == id }?.kind
                    return kind != .mediator && kind != .organisation
                }
                if sides.count == 2 { parties = sides }
            }
            if parties.count >= 2 {
                return SpeakerTable.Resolution(
                    actor: nil, parties: parties, leaders: actors,
                    how:
                        "'\(text.joined(separator: " "))': \(parties.joined(separator: " and ")), named in the sentence before",
                    certainty: 0.7)
            }
        }
        if lower.first == "the" || lower.first == "a" {
            for word in lower.reversed() {
                if let known = titles[word] {
                    return SpeakerTable.Resolution(
                        actor: nil, parties: [known.party],
                        how: "'the \(word)', as in '\(known.phrase)' earlier", certainty: 0.65)
                }
            }
        }
        return nil
    }

    /// Where a paragraph's text starts after a dateline ("HOLLIN, March 9 (Wire) - ").
    func withoutDateline(_ start: Int) -> Int {
        guard article.paragraphs.contains(where: { $0.lowerBound == start }) else { return start }
        var i = start
        var capitals = 0
        while i < article.scalars.count, ArticleText.isUpper(article.scalars[i]) || article.scalars[i] == " " {
            if ArticleText.isUpper(article.scalars[i]) { capitals += 1 }
            i += 1
        }
        guard capitals >= 2, i < article.scalars.count, article.scalars[i] == "," else { return start }
        var k = i
        while k < min(article.scalars.count, i + 50) {
            let c = article.scalars[k]
            if c == "-" || c == "–" || c == "—", k + 1 < article.scalars.count,
                ArticleText.isSpace(article.scalars[k + 1]),
                ArticleText.isSpace(article.scalars[k - 1])
            {
                return k + 2
            }
            k += 1
        }
        return start
    }

    func letters(in range: Range<Int>) -> Int {
        var count = 0
        for i in range where ArticleText.isLetter(article.scalars[i]) { count += 1 }
        return count
    }

    /// A quotation's words, verbatim but for the comma that hands over to "he said".
    func quoteText(_ quotation: ArticleText.Quotation) -> String {
        var text = quotation.pieces.map { article.flat($0) }.joined(separator: " ")
        while text.hasSuffix(",") { text.removeLast() }
        return text
    }

    /// The statement a reporting verb makes, if it has a speaker.
    func statement(_ s: Sentence, index: Int, verb: Int, verbEnd: Int, kind: StatementKind, earlier: [Draft])
        -> [Draft]
    {
        let words = s.words
        let verbText = s.text[verb...verbEnd].joined(separator: " ")
        let according = words.lower[verb] == "according"
        // The speaker: before the verb, or after it ("…," said X; according to X).
        var np: Range<Int>?
        var pronoun = false
        if according {
            np = phrase(after: verbEnd, s)
        } else {
            var j = verb - 1
            while j >= 0, !s.quoted[j],
                ReportingVerbs.between.contains(words.lower[j])
                    || s.phrases.contains(where: { $0.range.contains(words.ranges[j].lowerBound) })
                    || (words.lower[j] == "on" && j + 1 < verb)
            {
                if punctuated(words.ranges[j].upperBound, words.ranges[j + 1].lowerBound) { break }
                j -= 1
            }
            if j >= 0, !s.quoted[j], !punctuated(words.ranges[j].upperBound, words.ranges[min(j + 1, verb)].lowerBound)
            {
                if ReportingVerbs.pronouns.contains(words.lower[j]) {
                    pronoun = true
                    np = j..<(j + 1)
                } else {
                    np = phrase(endingAt: j, s)
                }
            }
            if np == nil, j > 0, !s.quoted[j], words.ranges[j].upperBound < words.ranges[verb].lowerBound,
                article.scalars[words.ranges[j].upperBound..<words.ranges[verb].lowerBound].contains(",")
            {
                // An apposition: "Greta Lund, a Kavarian analyst, said …".
                var a = j
                while a > 0, j - a < 8, !s.quoted[a - 1],
                    !punctuated(words.ranges[a - 1].upperBound, words.ranges[a].lowerBound)
                {
                    a -= 1
                }
                if a > 0, j - a < 8,
                    article.scalars[words.ranges[a - 1].upperBound..<words.ranges[a].lowerBound]
                        .contains(","), let name = phrase(endingAt: a - 1, s),
                    s.text[name].contains(where: { $0.first?.isUppercase == true })
                {
                    np = name.lowerBound..<(j + 1)
                }
            }
            if np == nil {
                // Inversion: “…,” said the minister.
                let before = verb > 0 ? words.ranges[verb - 1].upperBound : s.range.lowerBound
                if punctuated(before, words.ranges[verb].lowerBound) || verb == 0 {
                    np = phrase(after: verbEnd, s)
                    if let found = np, ReportingVerbs.pronouns.contains(words.lower[found.lowerBound]) {
                        pronoun = true
                        np = found.lowerBound..<(found.lowerBound + 1)
                    }
                }
            }
        }
        guard let np, !np.isEmpty else { return [] }
        // A possessive right before the verb makes it a noun: "Baku's demands".
        if !according, np.upperBound == verb, s.text[verb - 1].hasSuffix("'s") || s.text[verb - 1].hasSuffix("’s") {
            return []
        }
        let speakerRange = words.ranges[np.lowerBound].lowerBound..<words.ranges[np.upperBound - 1].upperBound
        let speaker = article.string(speakerRange)

        var actor: String?
        var parties: [String] = []
        var leaders: [String: String] = [:]
        var how: String
        var certainty: Double
        if pronoun {
            if let previous = last?.draft ?? earlier.last, previous.party != nil || previous.speaker != nil,
                last.map({ $0.sentence >= index - 3 }) ?? true
            {
                actor = previous.actor
                parties = previous.party.map { [$0] } ?? []
                how = "'\(speaker)' is the last speaker, \(previous.speaker ?? "?")"
                certainty = previous.confidence * 0.9
            } else if let person = lastMentioned {
                actor = person.actor
                parties = [person.party]
                how = "'\(speaker)' is the last person named, \(person.actor)"
                certainty = 0.6
            } else {
                return []
            }
        } else if let resolution = resolve(s, np) {
            actor = resolution.actor
            parties = resolution.parties
            leaders = resolution.leaders
            how = resolution.how
            certainty = resolution.certainty
        } else {
            // Only speakers with a name or a title are worth a draft.
            let capitalised = s.text[np].contains { $0.first?.isUppercase == true }
            let titled = words.lower[np].contains {
                ReportingVerbs.titleWords.contains($0) && !["the", "of", "and", "for", "a", "an"].contains($0)
            }
            guard capitalised || titled else { return [] }
            how = "no party or actor of the case matches '\(speaker)'"
            certainty = 0.3
        }

        // What was said: an attached quotation, or the reported clause.
        let speakerStart = speakerRange.lowerBound
        let verbRange = words.ranges[verb].lowerBound..<words.ranges[verbEnd].upperBound
        var mode = Draft.Mode.reported
        var span: Range<Int>
        var quote: String?
        let attachedBefore = s.quotations.last { q in
            q.end <= min(speakerStart, verbRange.lowerBound)
                && !hasLetters(q.end, min(speakerStart, verbRange.lowerBound))
        }
        let afterVerb = max(verbRange.upperBound, according ? speakerRange.upperBound : verbRange.upperBound)
        let attachedAfter = s.quotations.first { q in
            q.start >= afterVerb && wordsBetween(afterVerb, q.start) <= 4 && !hasStop(afterVerb, q.start)
        }
        if let q = attachedBefore ?? attachedAfter, wordCount(q) >= 4 {
            mode = .direct
            span = q.start..<q.end
            quote = quoteText(q)
        } else if according {
            // "…, according to X." reports what comes before; "According to X, …" what follows.
            var clauseStart = speakerRange.upperBound
            // "According to Ada Rusk, a spokeswoman for the government, …": past the apposition.
            if np.upperBound < words.count,
                words.lower[np.upperBound] == "a" || words.lower[np.upperBound] == "an"
                    || words.lower[np.upperBound] == "the"
            {
                var n = np.upperBound
                while n + 1 < words.count, n - np.upperBound < 10,
                    !article.scalars[words.ranges[n].upperBound..<words.ranges[n + 1].lowerBound].contains(",")
                {
                    n += 1
                }
                if n + 1 < words.count, n - np.upperBound < 10 { clauseStart = words.ranges[n].upperBound }
            }
            if words.ranges[verb].lowerBound - s.range.lowerBound > 3 {
                span = article.trimmed(withoutDateline(s.range.lowerBound)..<words.ranges[verb].lowerBound)
            } else {
                span = article.trimmed(clauseStart..<s.range.upperBound)
            }
            while span.lowerBound < span.upperBound, article.scalars[span.lowerBound] == "," {
                span = article.trimmed((span.lowerBound + 1)..<span.upperBound)
            }
            span = strip(span)
        } else {
            var start = verbRange.upperBound
            // Skip "that" and the hearers of "told": "told reporters that …".
            var m = verbEnd + 1
            if ["told", "tells", "telling"].contains(words.lower[verb]) {
                var n = m
                while n < words.count, n - m < 6, words.lower[n] != "that" { n += 1 }
                if n < words.count, words.lower[n] == "that" { m = n + 1 }
            } else {
                // "said on Thursday that …": the clause starts after "that" when it comes soon.
                var n = m
                while n < words.count, n - m < 6, words.lower[n] != "that", !s.quoted[n],
                    ReportingVerbs.between.contains(words.lower[n]) || ReportingVerbs.dateWords.contains(words.lower[n])
                        || Int(words.lower[n]) != nil
                {
                    n += 1
                }
                if n < words.count, words.lower[n] == "that" { m = n + 1 }
            }
            if m < words.count { start = words.ranges[m].lowerBound }
            // The clause runs to the end of the sentence, or to "but said", "and added": the same
            // speaker's next verb.
            var end = s.range.upperBound
            var n = m
            while n + 1 < words.count {
                if !s.quoted[n], words.lower[n] == "but",
                    ReportingVerbs.single[words.lower[n + 1]] != nil
                        || (n + 2 < words.count && ReportingVerbs.between.contains(words.lower[n + 1])
                            && ReportingVerbs.single[words.lower[n + 2]] != nil)
                {
                    end = words.ranges[n].lowerBound
                    break
                }
                n += 1
            }
            span = strip(article.trimmed(start..<end))
            // "Sudmark will reopen the crossing, President Vell said on Tuesday, ending …": the
            // clause comes before the speaker.
            let afterVerb = Words(article, verbRange.upperBound..<s.range.upperBound)
            let dateOnly = afterVerb.lower.prefix { ReportingVerbs.dateWords.contains($0) }.count
            let nextMark = dateOnly < afterVerb.count ? afterVerb.ranges[dateOnly].lowerBound : s.range.upperBound
            let rest = article.string(
                (dateOnly > 0 ? afterVerb.ranges[dateOnly - 1].upperBound : verbRange.upperBound)..<nextMark)
            if np.lowerBound > 0, !pronoun,
                article.scalars[words.ranges[np.lowerBound - 1].upperBound..<speakerStart].contains(","),
                rest.contains(",") || dateOnly == afterVerb.count || afterVerb.count == 0
            {
                let clause = article.trimmed(
                    withoutDateline(s.range.lowerBound)..<words.ranges[np.lowerBound - 1].upperBound)
                if !clause.isEmpty { span = strip(clause) }
            }
            if span.isEmpty { span = verbRange }
            // A quotation inside the reported clause is its verbatim part.
            let inside = s.quotations.filter { span.contains($0.start) }
            if let longest = inside.max(by: { $0.end - $0.start < $1.end - $1.start }) { quote = quoteText(longest) }
        }
        if mode == .reported, let q = attachedBefore ?? attachedAfter, quote == nil { quote = quoteText(q) }

        // When: the dating phrase nearest the verb, outside quotations.
        var said: CalendarDate?
        var evidence: String?
        let phrases = s.phrases.filter { phrase in
            !s.quotations.contains { q in q.pieces.contains { $0.contains(phrase.range.lowerBound) } }
                && !(mode == .reported && span.contains(phrase.range.lowerBound)
                    && (phrase.range.lowerBound < verbRange.lowerBound
                        || wordsBetween(verbRange.upperBound, phrase.range.lowerBound) > 3))
        }
        if let nearest = phrases.min(by: { distance($0.range, verbRange) < distance($1.range, verbRange) }),
            distance(nearest.range, verbRange) <= 60 || nearest.range.lowerBound < speakerStart
        {
            said = nearest.date
            evidence = nearest.evidence
        } else if let context = contextDate(actor: actor, party: parties.first, pronounIn: pronoun ? index : nil) {
            (said, evidence) = context
        }

        var draft = Draft(
            speaker: speaker, actor: actor ?? parties.first.flatMap { leaders[$0] }, party: parties.first,
            resolution: how, via: nil, mode: mode,
            verb: verbText, kind: kind, quote: quote, span: span, spanText: article.flat(span), said: said,
            saidEvidence: evidence, issue: nil, issueEvidence: "", issueCandidates: [],
            sentence: article.flat(s.range), confidence: 0)
        // A speaker inside another's reported clause speaks through them.
        if let outer = earlier.last(where: { $0.span.contains(speakerStart) && $0.mode == .reported }) {
            draft.via = outer.speaker
        }
        applyIssue(&draft, s)
        var confidence = certainty * (mode == .direct ? 1 : 0.9)
        if draft.issue == nil { confidence *= 0.9 }
        draft.confidence = (confidence * 100).rounded() / 100
        // Two verbs of one speaker in one sentence ("rejected …, saying …") are one statement.
        if let previous = earlier.last, previous.speaker == draft.speaker || (pronoun && previous.party == draft.party),
            previous.party == draft.party
        {
            return []
        }
        // Several parties speaking together: a statement each.
        var all = [draft]
        for party in parties.dropFirst() {
            var other = draft
            other.party = party
            other.actor = leaders[party]
            all.append(other)
        }
        return all
    }

    func applyIssue(_ draft: inout Draft, _ s: Sentence) {
        let spanWords = Words(article, draft.span).lower
        var guess = guesser.guess(spanWords)
        if guess.issue == nil { guess = guesser.guess(s.words.lower) }
        draft.issue = guess.issue
        draft.issueEvidence = guess.evidence
        draft.issueCandidates = guess.candidates
    }

    func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if a.upperBound <= b.lowerBound { return b.lowerBound - a.upperBound }
        if b.upperBound <= a.lowerBound { return a.lowerBound - b.upperBound }
        return 0
    }

    func hasLetters(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return (from..<to).contains { ArticleText.isLetter(article.scalars[$0]) }
    }

    /// A full stop or semicolon between two offsets.
    func hasStop(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return (from..<to).contains { [".", ";", "!", "?"].contains(article.scalars[$0]) }
    }

    func wordsBetween(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        return Words(article, from..<to).count
    }

    func wordCount(_ q: ArticleText.Quotation) -> Int {
        q.pieces.reduce(0) { $0 + Words(article, $1).count }
    }

    /// Drops a trailing full stop and closing marks that are not part of the clause.
    func strip(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound, [".", ",", ";", ":"].contains(article.scalars[upper - 1]) { upper -= 1 }
        return article.trimmed(range.lowerBound..<upper)
    }

    /// A speaker's words ending at word `end`: capitalised words, possessives and title words.
    func phrase(endingAt end: Int, _ s: Sentence) -> Range<Int>? {
        var start = end
        func fits(_ k: Int) -> Bool {
            let word = s.text[k]
            return !s.quoted[k]
                && (word.first?.isUppercase == true || ReportingVerbs.titleWords.contains(s.words.lower[k]))
        }
        guard fits(end) else { return nil }
        while start > 0, end - start < 10, fits(start - 1),
            !punctuated(s.words.ranges[start - 1].upperBound, s.words.ranges[start].lowerBound)
        {
            start -= 1
        }
        // Not a phrase that begins with a linking word or a sentence's opening word ("But").
        while start < end,
            ["of", "and", "for"].contains(s.words.lower[start])
                || ReportingVerbs.openers.contains(s.words.lower[start])
        {
            start += 1
        }
        if ["the", "a", "an", "of", "and", "for"].contains(s.words.lower[end]) { return nil }
        // A capitalised first word of the sentence that is not a name ("But", "Speaking").
        return start..<(end + 1)
    }

    /// A speaker's words starting after word `after`.
    func phrase(after: Int, _ s: Sentence) -> Range<Int>? {
        let start = after + 1
        guard start < s.words.count, !s.quoted[start],
            !punctuated(s.words.ranges[after].upperBound, s.words.ranges[start].lowerBound)
                || s.words.lower[after] == "to"
        else { return nil }
        var end = start
        func fits(_ k: Int) -> Bool {
            let word = s.text[k]
            return !s.quoted[k]
                && (word.first?.isUppercase == true || ReportingVerbs.titleWords.contains(s.words.lower[k])
                    || ReportingVerbs.pronouns.contains(s.words.lower[k]))
        }
        guard fits(start) else { return nil }
        if ReportingVerbs.pronouns.contains(s.words.lower[start]) { return start..<(start + 1) }
        while end + 1 < s.words.count, end - start < 10, fits(end + 1),
            !punctuated(s.words.ranges[end].upperBound, s.words.ranges[end + 1].lowerBound)
        {
            end += 1
        }
        while end > start, ["the", "a", "an", "of", "and", "for"].contains(s.words.lower[end]) { end -= 1 }
        return start..<(end + 1)
    }
}
