import ParleyKit
import Synchronization

/// The names pages show in place of ids, kept while no write names anything
/// (``ParleyKit/Parley/names(keeping:)``), and the disputes board's cards made with them
/// (``ParleyKit/HTMLCards``): after a write of statements, the board page reads no name again and
/// makes again only the cards of the disputes the write changed.
final class PageNames: Sendable {
    private let kept = Mutex<(names: KeptNames, cards: HTMLCards)?>(nil)

    init() {}

    /// The names as of now (as a read that starts after the call finds them), and the cards kept
    /// for the pages made with them that show the case as of now (no date, no moment known as of).
    func current(_ parley: Parley) throws -> (names: HTMLNames, cards: HTMLCards) {
        let old = kept.withLock { $0 }
        let names = try parley.names(keeping: old?.names)
        // Cards are kept with the names they were made with: the same read of them.
        let cards =
            old.flatMap { $0.names.readAt == names.readAt ? $0.cards : nil } ?? HTMLCards()
        kept.withLock { kept in
            if kept.map({ $0.names.version <= names.version }) ?? true { kept = (names, cards) }
        }
        return (names.names, cards)
    }
}
