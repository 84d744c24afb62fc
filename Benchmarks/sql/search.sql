-- Baseline for `parley search QUERY --in statements`: the same FTS5 query (:q, already in FTS5
-- syntax, as Parley builds it from the words typed), ranked by BM25, the best 20, each with its
-- matched words highlighted and the statement's party, issue, date and source.
-- Run: sqlite3 -cmd ".parameter set :q '\"party-07\" \"topic-004\" \"later\"'" DB < search.sql
.mode json
SELECT s.pk AS number, bm25(statement_search) AS rank,
       highlight(statement_search, 0, '[', ']') AS summary, highlight(statement_search, 1, '[', ']') AS quote,
       p.id AS party, a.id AS actor, i.id AS issue, s.kind, s.stance, coalesce(s.said, src.published) AS said,
       src.id AS source
FROM statement_search f
JOIN statement s ON s.pk = f.rowid
JOIN party p ON p.pk = s.party_pk
LEFT JOIN actor a ON a.pk = s.actor_pk
JOIN issue i ON i.pk = s.issue_pk
JOIN source src ON src.pk = s.source_pk
WHERE statement_search MATCH :q AND s.retracted_at IS NULL
ORDER BY rank LIMIT 20;
