import Synchronization

/// The disputes board's cards as made, kept for a served board that is made again after every
/// write: a card is made again only when its entry differs from the one it was made from, so a
/// write re-renders the cards of the disputes it changed and the page is the cards put together.
///
/// A card depends only on its entry, its kind (recorded, apparent, stale) and the context's links
/// and colours. So one ``HTMLCards`` serves pages made with the same links (the same names, date
/// and moment known as of): give a new one when they change. Every page made with it is then
/// byte for byte the page made without it.
public final class HTMLCards: Sendable {
    /// A card's place: its kind, and its dispute's id (recorded) or issue (apparent).
    private struct Key: Hashable {
        var kind: String
        var id: String
    }

    private struct Kept {
        var cards: [Key: (entry: DisputesReport.Entry, html: HTML)] = [:]
        /// The most cards one page has shown: cards of entries gone are dropped when there are
        /// more than twice as many kept.
        var largest = 0
        /// How many cards have been made.
        var made = 0
    }

    private let kept = Mutex(Kept())

    public init() {}

    /// The number of cards kept (for tests).
    public var count: Int { kept.withLock { $0.cards.count } }

    /// The number of cards made so far, kept or not (for tests).
    public var made: Int { kept.withLock { $0.made } }

    /// The cards of `entries`, in order: each one kept if its entry equals the one it was made
    /// from, else made by `make` (and kept).
    func cards(
        _ entries: [(entry: DisputesReport.Entry, kind: String)], make: (DisputesReport.Entry, String) -> HTML
    ) -> [HTML] {
        let keys = entries.map { Key(kind: $0.kind, id: $0.entry.id ?? $0.entry.issue) }
        let cards = kept.withLock { $0.cards }
        var made: [(Key, DisputesReport.Entry, HTML)] = []
        var out: [HTML] = []
        out.reserveCapacity(entries.count)
        for (key, shown) in zip(keys, entries) {
            if let card = cards[key], card.entry == shown.entry {
                out.append(card.html)
            } else {
                let html = make(shown.entry, shown.kind)
                made.append((key, shown.entry, html))
                out.append(html)
            }
        }
        kept.withLock { kept in
            for (key, entry, html) in made { kept.cards[key] = (entry, html) }
            kept.made += made.count
            kept.largest = max(kept.largest, entries.count)
            if kept.cards.count > 2 * kept.largest + 64 {
                let shown = Set(keys)
                kept.cards = kept.cards.filter { shown.contains($0.key) }
            }
        }
        return out
    }
}
