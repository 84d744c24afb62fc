import Foundation

/// The full-text search tables and the triggers that keep them in step with the records.
enum SearchIndex {
    /// Stemmed (Porter), Unicode-aware, accents folded: "controls" finds "control", "Aliyev"
    /// finds "Alíyev".
    static let tokenizer = "porter unicode61 remove_diacritics 2"

    /// Party, actor and issue rows share the entity index; the row key tells them apart.
    static let partyCode = 1
    static let actorCode = 2
    static let issueCode = 3

    /// The trigger that fills the statement index row by row; a bulk import lifts it and fills
    /// the index in one pass instead.
    static let statementInsertTrigger = """
        CREATE TRIGGER statement_search_insert AFTER INSERT ON statement BEGIN
            INSERT INTO statement_search(rowid, summary, quote) VALUES (NEW.pk, NEW.summary, NEW.quote);
        END
        """

    static var schema: String {
        func entity(_ table: String, _ code: Int, _ name: String, _ aliases: String, _ about: String) -> String {
            """
            CREATE TRIGGER \(table)_search_insert AFTER INSERT ON \(table) BEGIN
                INSERT INTO entity_search(rowid, name, aliases, about)
                VALUES (NEW.pk * 4 + \(code), \(name), \(aliases), \(about));
            END;
            CREATE TRIGGER \(table)_search_update AFTER UPDATE ON \(table) BEGIN
                DELETE FROM entity_search WHERE rowid = OLD.pk * 4 + \(code);
                INSERT INTO entity_search(rowid, name, aliases, about)
                VALUES (NEW.pk * 4 + \(code), \(name), \(aliases), \(about));
            END;
            CREATE TRIGGER \(table)_search_delete AFTER DELETE ON \(table) BEGIN
                DELETE FROM entity_search WHERE rowid = OLD.pk * 4 + \(code);
            END;
            INSERT INTO entity_search(rowid, name, aliases, about)
                SELECT pk * 4 + \(code), \(name.replacingNew), \(aliases.replacingNew), \(about.replacingNew) FROM \(table);
            """
        }
        // Aliases are stored as a JSON array; their words are indexed.
        let aliases = "(SELECT group_concat(value, ' ') FROM json_each(NEW.aliases))"
        return """
            CREATE VIRTUAL TABLE statement_search USING fts5(
                summary, quote, content='statement', content_rowid='pk', tokenize='\(tokenizer)');
            \(statementInsertTrigger);
            CREATE TRIGGER statement_search_update AFTER UPDATE OF summary, quote ON statement BEGIN
                INSERT INTO statement_search(statement_search, rowid, summary, quote)
                VALUES ('delete', OLD.pk, OLD.summary, OLD.quote);
                INSERT INTO statement_search(rowid, summary, quote) VALUES (NEW.pk, NEW.summary, NEW.quote);
            END;
            CREATE TRIGGER statement_search_delete AFTER DELETE ON statement BEGIN
                INSERT INTO statement_search(statement_search, rowid, summary, quote)
                VALUES ('delete', OLD.pk, OLD.summary, OLD.quote);
            END;
            INSERT INTO statement_search(statement_search) VALUES ('rebuild');

            CREATE VIRTUAL TABLE source_search USING fts5(
                title, text, content='source', content_rowid='pk', tokenize='\(tokenizer)');
            CREATE TRIGGER source_search_insert AFTER INSERT ON source BEGIN
                INSERT INTO source_search(rowid, title, text) VALUES (NEW.pk, NEW.title, NEW.text);
            END;
            CREATE TRIGGER source_search_update AFTER UPDATE OF title, text ON source BEGIN
                INSERT INTO source_search(source_search, rowid, title, text) VALUES ('delete', OLD.pk, OLD.title, OLD.text);
                INSERT INTO source_search(rowid, title, text) VALUES (NEW.pk, NEW.title, NEW.text);
            END;
            CREATE TRIGGER source_search_delete AFTER DELETE ON source BEGIN
                INSERT INTO source_search(source_search, rowid, title, text) VALUES ('delete', OLD.pk, OLD.title, OLD.text);
            END;
            INSERT INTO source_search(source_search) VALUES ('rebuild');

            CREATE VIRTUAL TABLE entity_search USING fts5(name, aliases, about, tokenize='\(tokenizer)');
            \(entity("party", partyCode, "NEW.name", aliases, "NULL"))
            \(entity("actor", actorCode, "NEW.name", aliases, "NEW.role"))
            \(entity("issue", issueCode, "NEW.title", "rtrim(NEW.id || ' ' || ifnull(\(aliases), ''))", "NEW.description"))
            """
    }
}

extension String {
    /// A trigger's expression over `NEW.` made an expression over the table's own columns, for
    /// filling the index from the rows already there.
    fileprivate var replacingNew: String { replacingOccurrences(of: "NEW.", with: "") }
}
