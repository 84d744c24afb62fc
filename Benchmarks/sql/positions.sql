-- Baseline for `parley report positions --as-of D`: every (party, issue) position as of :asof
-- (an integer yyyymmdd), with its backing statement, and whether the parties diverge on the issue.
-- Run: sqlite3 -cmd ".parameter set :asof 20080630" DB < positions.sql
.mode json
WITH cur AS (
    SELECT s.* FROM position_key k
    JOIN statement s ON s.pk = (
        SELECT pk FROM statement
        WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :asof
        ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1)
),
divergence AS (
    SELECT issue_pk, count(DISTINCT stance) > 1 AS diverges FROM cur GROUP BY issue_pk
)
SELECT i.id AS issue, i.title, d.diverges, p.id AS party, c.stance, c.kind, a.id AS actor,
       coalesce(c.said, src.published) AS said, c.said IS NULL AS said_is_source_date,
       src.id AS source, src.published AS source_date, c.summary, c.quote, c.recorded_at
FROM cur c
JOIN divergence d ON d.issue_pk = c.issue_pk
JOIN party p ON p.pk = c.party_pk
JOIN issue i ON i.pk = c.issue_pk
LEFT JOIN actor a ON a.pk = c.actor_pk
JOIN source src ON src.pk = c.source_pk
ORDER BY i.id, p.id;
