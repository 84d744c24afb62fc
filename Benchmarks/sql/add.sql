-- Baseline for `parley add`: one INSERT of one statement, ids resolved in SQL.
-- Run: sqlite3 -cmd ".parameter set :party party-02" -cmd ".parameter set :issue topic-004/sub-7" \
--        -cmd ".parameter set :stance position-9" -cmd ".parameter set :source src-10001" DB < add.sql
PRAGMA foreign_keys = ON;
INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key, source_pk, source_key, recorded_at)
SELECT p.pk, NULL, i.pk, 'demand', :stance, 'A benchmark statement.', NULL, NULL, src.published_key, src.pk, src.published_key,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM party p, issue i, source src
WHERE p.id = :party AND i.id = :issue AND src.id = :source;
