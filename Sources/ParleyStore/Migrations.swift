import GRDB

// All of Parley's schema, in order. A migration that has landed is never edited: change the
// schema by registering a new migration below the last one.

/// The `application_id` stamped into every Parley database ("Prly"), so that Parley can tell its
/// own files from other SQLite databases before it changes anything.
let parleyApplicationID: Int32 = 0x5072_6C79

/// The slug rule as an SQL condition on column `c`; mirrors `Identifier.isValid`.
private func slugCheck(_ c: String, allowSlash: Bool = false) -> String {
    let chars = allowSlash ? "a-z0-9/-" : "a-z0-9-"
    var check = "\(c) <> '' AND \(c) NOT GLOB '*[^\(chars)]*'"
    check += " AND \(c) NOT GLOB '-*' AND \(c) NOT GLOB '*-' AND \(c) NOT GLOB '*--*'"
    if allowSlash {
        check += " AND \(c) NOT GLOB '/*' AND \(c) NOT GLOB '*/' AND \(c) NOT GLOB '*//*'"
        check += " AND \(c) NOT GLOB '*/-*' AND \(c) NOT GLOB '*-/*'"
    }
    return check
}

extension ParleyDatabase {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            try db.execute(sql: "PRAGMA application_id = \(parleyApplicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE party (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id"))),
                        name TEXT NOT NULL CHECK (trim(name) <> ''),
                        kind TEXT NOT NULL CHECK (kind IN ('state','government','organisation',\
                    'movement','mediator','other')),
                        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases))
                    );
                    CREATE TABLE actor (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id"))),
                        name TEXT NOT NULL CHECK (trim(name) <> ''),
                        party_pk INTEGER NOT NULL REFERENCES party(pk),
                        role TEXT,
                        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases))
                    );
                    CREATE INDEX actor_party ON actor(party_pk);
                    CREATE TABLE issue (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id", allowSlash: true))),
                        title TEXT NOT NULL CHECK (trim(title) <> ''),
                        description TEXT,
                        parent_pk INTEGER REFERENCES issue(pk)
                    );
                    CREATE INDEX issue_parent ON issue(parent_pk);
                    CREATE TABLE source (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id"))),
                        title TEXT NOT NULL CHECK (trim(title) <> ''),
                        publisher TEXT,
                        url TEXT,
                        published TEXT NOT NULL,
                        published_key INTEGER NOT NULL CHECK (published_key BETWEEN 10101 AND 99991231),
                        reliability TEXT CHECK (reliability IN ('high','medium','low','unknown')),
                        text TEXT
                    );
                    CREATE TABLE statement (
                        pk INTEGER PRIMARY KEY,
                        party_pk INTEGER NOT NULL REFERENCES party(pk),
                        actor_pk INTEGER REFERENCES actor(pk),
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        kind TEXT NOT NULL CHECK (kind IN ('demand','proposal','acceptance','rejection',\
                    'commitment','assertion','assessment','appeal','accusation','denial')),
                        stance TEXT NOT NULL CHECK (\(slugCheck("stance"))),
                        summary TEXT NOT NULL CHECK (trim(summary) <> ''),
                        quote TEXT,
                        said TEXT,
                        said_key INTEGER NOT NULL,
                        source_pk INTEGER NOT NULL REFERENCES source(pk),
                        source_key INTEGER NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    -- Position as of D for one (party, issue): a seek, then the first row backwards.
                    CREATE INDEX statement_position ON statement(party_pk, issue_pk, said_key, source_key);
                    -- One statement is never recorded twice; also serves "labels used on an issue".
                    CREATE UNIQUE INDEX statement_identity ON statement(issue_pk, stance, party_pk, source_pk, \
                    ifnull(said, ''));
                    CREATE INDEX statement_source ON statement(source_pk);
                    CREATE INDEX statement_said ON statement(said_key);
                    -- Every (party, issue) pair that has a statement, so that a snapshot costs one
                    -- index seek per pair rather than a scan of all statements.
                    CREATE TABLE position_key (
                        party_pk INTEGER NOT NULL REFERENCES party(pk),
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        PRIMARY KEY (party_pk, issue_pk)
                    ) WITHOUT ROWID;
                    CREATE TRIGGER statement_position_key AFTER INSERT ON statement BEGIN
                        INSERT OR IGNORE INTO position_key(party_pk, issue_pk) VALUES (NEW.party_pk, NEW.issue_pk);
                    END;
                    CREATE TABLE agreement (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id"))),
                        title TEXT NOT NULL CHECK (trim(title) <> ''),
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        terms TEXT
                    );
                    CREATE TABLE agreement_party (
                        agreement_pk INTEGER NOT NULL REFERENCES agreement(pk),
                        party_pk INTEGER NOT NULL REFERENCES party(pk),
                        role TEXT NOT NULL CHECK (role IN ('party','mediator')),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (agreement_pk, party_pk)
                    ) WITHOUT ROWID;
                    CREATE TABLE agreement_step (
                        pk INTEGER PRIMARY KEY,
                        agreement_pk INTEGER NOT NULL REFERENCES agreement(pk),
                        status TEXT NOT NULL CHECK (status IN ('proposed','pledged','signed','reaffirmed',\
                    'implemented','stalled','broken','superseded')),
                        "on" TEXT NOT NULL,
                        on_key INTEGER NOT NULL,
                        source_pk INTEGER NOT NULL REFERENCES source(pk),
                        note TEXT
                    );
                    CREATE INDEX agreement_step_agreement ON agreement_step(agreement_pk, on_key);
                    CREATE TABLE dispute (
                        pk INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (\(slugCheck("id"))),
                        title TEXT NOT NULL CHECK (trim(title) <> ''),
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk)
                    );
                    CREATE TABLE dispute_party (
                        dispute_pk INTEGER NOT NULL REFERENCES dispute(pk),
                        party_pk INTEGER NOT NULL REFERENCES party(pk),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (dispute_pk, party_pk)
                    ) WITHOUT ROWID;
                    CREATE TABLE dispute_step (
                        pk INTEGER PRIMARY KEY,
                        dispute_pk INTEGER NOT NULL REFERENCES dispute(pk),
                        status TEXT NOT NULL CHECK (status IN ('open','narrowed','resolved','dormant')),
                        "on" TEXT NOT NULL,
                        on_key INTEGER NOT NULL,
                        source_pk INTEGER NOT NULL REFERENCES source(pk),
                        note TEXT
                    );
                    CREATE INDEX dispute_step_dispute ON dispute_step(dispute_pk, on_key);
                    """)
        }
        // Agreements and disputes are one shape in the model (`Tracked`): give the dispute tables
        // the agreement tables' columns, so one code path stores and reads both.
        migrator.registerMigration("v2-dispute-like-agreement") { db in
            try db.execute(
                sql: """
                    ALTER TABLE dispute ADD COLUMN terms TEXT;
                    ALTER TABLE dispute_party ADD COLUMN role TEXT NOT NULL DEFAULT 'party'
                        CHECK (role IN ('party','mediator'));
                    """)
        }
        // Corrections without losing history: retracted statements and steps stay, marked; issues
        // answer to aliases; histories keep an order of their own, so steps may be recorded in any
        // order; members join and leave agreements and disputes by dated steps; every write is logged.
        migrator.registerMigration("v3-corrections") { db in
            try db.execute(
                sql: """
                    ALTER TABLE statement ADD COLUMN retracted_at TEXT;
                    ALTER TABLE statement ADD COLUMN retracted_by TEXT;
                    ALTER TABLE statement ADD COLUMN retract_reason TEXT;
                    -- Positions and duplicates concern the statements that stand.
                    DROP INDEX statement_position;
                    CREATE INDEX statement_position ON statement(party_pk, issue_pk, said_key, source_key)
                        WHERE retracted_at IS NULL;
                    DROP INDEX statement_identity;
                    CREATE UNIQUE INDEX statement_identity
                        ON statement(issue_pk, stance, party_pk, source_pk, ifnull(said, ''))
                        WHERE retracted_at IS NULL;
                    CREATE TRIGGER statement_position_key_update AFTER UPDATE OF party_pk, issue_pk ON statement BEGIN
                        INSERT OR IGNORE INTO position_key(party_pk, issue_pk) VALUES (NEW.party_pk, NEW.issue_pk);
                    END;
                    ALTER TABLE issue ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases));
                    """)
            for table in ["agreement", "dispute"] {
                try db.execute(
                    sql: """
                        ALTER TABLE \(table)_step ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                        UPDATE \(table)_step SET seq = pk;
                        ALTER TABLE \(table)_step ADD COLUMN retracted_at TEXT;
                        ALTER TABLE \(table)_step ADD COLUMN retracted_by TEXT;
                        ALTER TABLE \(table)_step ADD COLUMN retract_reason TEXT;
                        DROP INDEX \(table)_step_\(table);
                        CREATE INDEX \(table)_step_\(table) ON \(table)_step(\(table)_pk, seq);
                        CREATE TABLE \(table)_step_party (
                            step_pk INTEGER NOT NULL REFERENCES \(table)_step(pk),
                            party_pk INTEGER NOT NULL REFERENCES party(pk),
                            role TEXT NOT NULL CHECK (role IN ('party','mediator')),
                            change TEXT NOT NULL CHECK (change IN ('join','leave')),
                            PRIMARY KEY (step_pk, role, party_pk)
                        ) WITHOUT ROWID;
                        """)
            }
            try db.execute(
                sql: """
                    CREATE TABLE change_log (
                        pk INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        by TEXT NOT NULL CHECK (trim(by) <> ''),
                        action TEXT NOT NULL,
                        kind TEXT,
                        record TEXT,
                        reason TEXT,
                        changes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes))
                    );
                    CREATE INDEX change_log_at ON change_log(at);
                    """)
        }
        // Real cases: statements relayed (`via`) or about another party; the same statement means the
        // same actor and speech act too; label relations; per-issue staleness windows; contested
        // agreement statuses and steps attributed to one party or dated by their source; agreements
        // and disputes over several issues.
        migrator.registerMigration("v4-real-cases") { db in
            try db.execute(
                sql: """
                    ALTER TABLE statement ADD COLUMN via TEXT;
                    ALTER TABLE statement ADD COLUMN about_pk INTEGER REFERENCES party(pk);
                    -- A claim about another party is nobody's position.
                    DROP INDEX statement_position;
                    CREATE INDEX statement_position ON statement(party_pk, issue_pk, said_key, source_key)
                        WHERE retracted_at IS NULL AND about_pk IS NULL;
                    DROP INDEX statement_identity;
                    CREATE UNIQUE INDEX statement_identity
                        ON statement(issue_pk, stance, party_pk, source_pk, ifnull(said, ''), ifnull(actor_pk, 0), kind,
                                     ifnull(about_pk, 0))
                        WHERE retracted_at IS NULL;
                    CREATE INDEX statement_about ON statement(about_pk, issue_pk, said_key) WHERE about_pk IS NOT NULL;
                    ALTER TABLE issue ADD COLUMN stale_after TEXT CHECK (stale_after GLOB '[1-9]*[ymd]');
                    CREATE TABLE label_relation (
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('compatible','opposed')),
                        PRIMARY KEY (issue_pk, a, b),
                        CHECK (a < b)
                    ) WITHOUT ROWID;
                    CREATE TABLE agreement_step_new (
                        pk INTEGER PRIMARY KEY,
                        agreement_pk INTEGER NOT NULL REFERENCES agreement(pk),
                        seq INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('proposed','pledged','signed','reaffirmed','implemented',
                            'stalled','broken','superseded','claimed','disputed','suspended','withdrawn')),
                        "on" TEXT NOT NULL,
                        on_key INTEGER NOT NULL,
                        on_from_source INTEGER NOT NULL DEFAULT 0 CHECK (on_from_source IN (0, 1)),
                        source_pk INTEGER NOT NULL REFERENCES source(pk),
                        note TEXT,
                        according_to_pk INTEGER REFERENCES party(pk),
                        retracted_at TEXT,
                        retracted_by TEXT,
                        retract_reason TEXT
                    );
                    INSERT INTO agreement_step_new (pk, agreement_pk, seq, status, "on", on_key, source_pk, note,
                                                    retracted_at, retracted_by, retract_reason)
                        SELECT pk, agreement_pk, seq, status, "on", on_key, source_pk, note, retracted_at, retracted_by,
                               retract_reason
                        FROM agreement_step;
                    DROP TABLE agreement_step;
                    ALTER TABLE agreement_step_new RENAME TO agreement_step;
                    CREATE INDEX agreement_step_agreement ON agreement_step(agreement_pk, seq);
                    ALTER TABLE dispute_step ADD COLUMN on_from_source INTEGER NOT NULL DEFAULT 0
                        CHECK (on_from_source IN (0, 1));
                    ALTER TABLE dispute_step ADD COLUMN according_to_pk INTEGER REFERENCES party(pk);
                    """)
            for table in ["agreement", "dispute"] {
                try db.execute(
                    sql: """
                        CREATE TABLE \(table)_issue (
                            \(table)_pk INTEGER NOT NULL REFERENCES \(table)(pk),
                            issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                            position INTEGER NOT NULL,
                            PRIMARY KEY (\(table)_pk, issue_pk)
                        ) WITHOUT ROWID;
                        """)
            }
        }
        // Full-text search (SQLite FTS5, stemmed, accents folded): statements' summaries and
        // quotes, sources' titles and texts, and the names of parties, actors and issues. The
        // indexes are kept by triggers, so every write path (add, amend, import, merge) keeps them
        // in step in its own transaction; a bulk import fills the statement index in one pass.
        migrator.registerMigration("v5-search") { db in
            try db.execute(sql: SearchIndex.schema)
        }
        // API tokens for parley-server: a name, a role, and the digest of the secret (never the
        // secret itself).
        migrator.registerMigration("v6-tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE api_token (
                        pk INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
                        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor')),
                        digest TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    """)
        }
        // Browser sessions for parley-server: signing in with a token's secret starts one, and
        // the browser keeps only the session's own random id (stored here as a digest). A session
        // ends when its user signs out, when its token is revoked, or when it has been idle or
        // open too long (the server's policy, checked against these times).
        migrator.registerMigration("v7-sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE session (
                        pk INTEGER PRIMARY KEY,
                        digest TEXT NOT NULL UNIQUE,
                        token_pk INTEGER NOT NULL REFERENCES api_token(pk),
                        started_at TEXT NOT NULL,
                        used_at TEXT NOT NULL,
                        ended_at TEXT
                    );
                    CREATE INDEX session_token ON session(token_pk);
                    """)
        }
        // Negotiation semantics: the same words through another relay, or other words, are another
        // statement; statements may be conditional on other positions; labels may be independent
        // (different aspects) and ordered on a scale from hard to soft; steps may set a deadline,
        // concern one term of an agreement, and know when they were recorded; agreements may be
        // linked into a package; the statements retracted after a moment are found by an index.
        migrator.registerMigration("v8-negotiation") { db in
            try db.execute(
                sql: """
                    DROP INDEX statement_identity;
                    CREATE UNIQUE INDEX statement_identity
                        ON statement(issue_pk, stance, party_pk, source_pk, ifnull(said, ''), ifnull(actor_pk, 0), kind,
                                     ifnull(about_pk, 0), ifnull(quote, ''), ifnull(via, ''))
                        WHERE retracted_at IS NULL;
                    CREATE INDEX statement_retracted ON statement(retracted_at) WHERE retracted_at IS NOT NULL;
                    CREATE TABLE statement_condition (
                        statement_pk INTEGER NOT NULL REFERENCES statement(pk),
                        position INTEGER NOT NULL,
                        party_pk INTEGER REFERENCES party(pk),
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        label TEXT NOT NULL CHECK (\(slugCheck("label"))),
                        PRIMARY KEY (statement_pk, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE label_relation_new (
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('compatible','opposed','independent')),
                        PRIMARY KEY (issue_pk, a, b),
                        CHECK (a < b)
                    ) WITHOUT ROWID;
                    INSERT INTO label_relation_new (issue_pk, a, b, kind) SELECT issue_pk, a, b, kind FROM label_relation;
                    DROP TABLE label_relation;
                    ALTER TABLE label_relation_new RENAME TO label_relation;
                    CREATE TABLE label_order (
                        issue_pk INTEGER NOT NULL REFERENCES issue(pk),
                        harder TEXT NOT NULL CHECK (\(slugCheck("harder"))),
                        softer TEXT NOT NULL CHECK (\(slugCheck("softer"))),
                        PRIMARY KEY (issue_pk, harder, softer),
                        CHECK (harder <> softer)
                    ) WITHOUT ROWID;
                    ALTER TABLE agreement ADD COLUMN package TEXT CHECK (\(slugCheck("package")));
                    CREATE INDEX agreement_package ON agreement(package) WHERE package IS NOT NULL;
                    ALTER TABLE dispute ADD COLUMN package TEXT CHECK (package IS NULL);
                    """)
            for table in ["agreement", "dispute"] {
                try db.execute(
                    sql: """
                        ALTER TABLE \(table)_step ADD COLUMN recorded_at TEXT;
                        ALTER TABLE \(table)_step ADD COLUMN due TEXT;
                        ALTER TABLE \(table)_step ADD COLUMN due_key INTEGER;
                        ALTER TABLE \(table)_step ADD COLUMN term TEXT CHECK (\(slugCheck("term")));
                        """)
            }
        }
        // The position index answers "as of D" and "when did the side last move" on its own: with
        // the statement's number, its label and the two columns of its condition in the index,
        // SQLite reads no statement row to find a pair's latest statement or to walk back over a
        // run of one label (SQLite 3.40 counts an index as covering only when every column the
        // query names is in it, the partial index's condition included). The order is unchanged;
        // `pk` is spelled out so that ties on (said, source) still come in recording order.
        migrator.registerMigration("v9-covering-position-index") { db in
            try db.execute(
                sql: """
                    DROP INDEX statement_position;
                    CREATE INDEX statement_position
                        ON statement(party_pk, issue_pk, said_key, source_key, pk, stance, retracted_at, about_pk)
                        WHERE retracted_at IS NULL AND about_pk IS NULL;
                    """)
        }
        // The maintained position index (see `PositionSpans`): each pair's positions by date said,
        // with the statement at which each was adopted, kept by every write; built here from the
        // statements for a database that has them.
        migrator.registerMigration("v10-position-spans") { db in
            try db.execute(sql: PositionSpans.schema)
            try PositionSpans.markAll(in: db)
            try PositionSpans.refresh(db)
        }
        // The statements recorded after a moment, found by an index: the case as known at a
        // moment takes them (and the corrected ones) as a small set to leave out, so that a pass
        // along the covering position index need not read every statement's row for its
        // recording time (`report contradictions --known-as-of` read all 1M rows: BENCHMARKS.md,
        // issue 22).
        migrator.registerMigration("v11-statement-recorded") { db in
            try db.execute(sql: "CREATE INDEX statement_recorded ON statement(recorded_at)")
        }
        // Which pairs each write changed (see `PositionChanges`), so that a kept board re-derives
        // only those. Empty at first: no board kept by a process that began before it exists.
        migrator.registerMigration("v12-position-changes") { db in
            try db.execute(sql: PositionChanges.schema)
        }
        return migrator
    }
}
