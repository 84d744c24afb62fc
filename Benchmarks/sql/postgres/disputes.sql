-- Baseline for `parley report disputes` on PostgreSQL: ../disputes.sql (the SQLite baseline) in
-- PostgreSQL's SQL, against Parley's PostgreSQL schema (Sources/ParleyPostgres/PostgresSchema.swift),
-- with the same strategy: one seek per pair on the position index, the day's labels, the recorded
-- disputes' sides and the apparent disputes, each shown position's last move, closed disputes.
-- Translated: group_concat(DISTINCT) is string_agg(DISTINCT … ORDER BY), instr is strpos,
-- SQLite's CROSS JOIN (which fixes the join order: one seek per pair) is a LATERAL subquery for
-- the seeks into statement (a plain join there is planned as a hash join of all statements, on an
-- estimate of one row, and the plan built on that estimate ran for minutes) and a plain JOIN
-- elsewhere; 0/1 truths are booleans.
-- Run: psql -X -q --csv -v asof=99991231 -f disputes.sql postgres://…/DB
SET search_path TO parley;
WITH latest AS MATERIALIZED (
    -- Per pair, the latest date said on or before :asof (one seek on the position index).
    SELECT k.party_pk, k.issue_pk,
           (SELECT x.said_key FROM statement x
            WHERE x.party_pk = k.party_pk AND x.issue_pk = k.issue_pk AND x.said_key <= :asof
              AND x.retracted_at IS NULL AND x.about_pk IS NULL
            ORDER BY x.said_key DESC LIMIT 1) AS said_key
    FROM position_key k
),
day AS MATERIALIZED (
    -- Every statement of that date that stands: a position holds all their labels.
    SELECT s.pk, s.party_pk, s.issue_pk, s.stance,
           row_number() OVER (PARTITION BY s.party_pk, s.issue_pk ORDER BY s.source_key DESC, s.pk DESC) AS latest_first
    FROM latest l CROSS JOIN LATERAL (
        SELECT s.pk, s.party_pk, s.issue_pk, s.stance, s.source_key FROM statement s
        WHERE s.party_pk = l.party_pk AND s.issue_pk = l.issue_pk AND s.said_key = l.said_key
          AND s.retracted_at IS NULL AND s.about_pk IS NULL OFFSET 0) s
),
cur AS MATERIALIZED (
    -- The position: its backing statement (the latest of the day) and its labels between commas.
    SELECT max(CASE WHEN latest_first = 1 THEN pk END) AS pk, party_pk, issue_pk,
           ',' || string_agg(DISTINCT stance, ',' ORDER BY stance) || ',' AS labels
    FROM day GROUP BY party_pk, issue_pk
),
dispute_state AS (
    SELECT d.pk, d.id, d.title, d.issue_pk, i.id AS issue,
           (SELECT status FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :asof ORDER BY pk DESC LIMIT 1) AS status,
           (SELECT "on" FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :asof ORDER BY pk DESC LIMIT 1) AS status_on,
           (SELECT "on" FROM dispute_step st WHERE st.dispute_pk = d.pk AND st.on_key <= :asof AND st.pk > coalesce(
                (SELECT max(pk) FROM dispute_step x WHERE x.dispute_pk = d.pk AND x.on_key <= :asof AND x.status NOT IN ('open', 'narrowed')), 0)
            ORDER BY st.pk LIMIT 1) AS live_since
    FROM dispute d JOIN issue i ON i.pk = d.issue_pk
),
live AS (SELECT * FROM dispute_state WHERE status IN ('open', 'narrowed')),
recorded_sides AS (
    -- Each live dispute's parties, then their positions on its issue and sub-issues.
    SELECT l.id AS dispute, c.pk AS spk
    FROM live l
    JOIN dispute_party dp ON dp.dispute_pk = l.pk
    JOIN cur c ON c.party_pk = dp.party_pk
    JOIN issue ci ON ci.pk = c.issue_pk
    WHERE ci.id = l.issue OR substr(ci.id, 1, length(l.issue) + 1) = l.issue || '/'
),
apparent AS (
    SELECT c.issue_pk FROM day c JOIN issue i ON i.pk = c.issue_pk
    GROUP BY c.issue_pk, i.id
    HAVING count(DISTINCT c.stance) > 1 AND NOT EXISTS (
        SELECT 1 FROM live l WHERE i.id = l.issue OR substr(i.id, 1, length(l.issue) + 1) = l.issue || '/')
),
shown AS (
    SELECT dispute, spk FROM recorded_sides
    UNION ALL
    SELECT NULL, c.pk FROM cur c WHERE c.issue_pk IN (SELECT issue_pk FROM apparent)
),
previous AS (
    SELECT sh.dispute, sh.spk,
           (SELECT x.pk FROM statement x
            WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= :asof AND x.retracted_at IS NULL AND x.about_pk IS NULL
              AND strpos(c.labels, ',' || x.stance || ',') = 0
            ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) AS xpk
    FROM shown sh JOIN cur c ON c.pk = sh.spk
),
bounds AS (
    SELECT pr.dispute, pr.spk, c.party_pk, c.issue_pk,
           coalesce(x.said_key, 0) AS xs, coalesce(x.source_key, 0) AS xk, coalesce(x.pk, 0) AS xp
    FROM previous pr JOIN statement c ON c.pk = pr.spk LEFT JOIN statement x ON x.pk = pr.xpk
),
moved AS MATERIALIZED (
    SELECT b.dispute, b.spk,
           (SELECT m.pk FROM statement m
            WHERE m.party_pk = b.party_pk AND m.issue_pk = b.issue_pk AND m.said_key <= :asof AND m.retracted_at IS NULL AND m.about_pk IS NULL
              AND (m.said_key, m.source_key, m.pk) > (b.xs, b.xk, b.xp)
            ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) AS mpk
    FROM bounds b
)
SELECT CASE WHEN mv.dispute IS NULL THEN 'apparent' ELSE 'recorded' END AS kind,
       mv.dispute, ds.title, ds.live_since, i.id AS issue, it.title AS issue_title, p.id AS party,
       substr(cu.labels, 2, length(cu.labels) - 2) AS labels, c.stance, c.kind AS statement_kind,
       a.id AS actor, coalesce(c.said, src.published) AS said, src.id AS source, src.published AS source_date,
       c.summary, c.quote, coalesce(m.said, msrc.published) AS last_moved
FROM moved mv
JOIN statement c ON c.pk = mv.spk
JOIN cur cu ON cu.pk = mv.spk
JOIN party p ON p.pk = c.party_pk
JOIN issue i ON i.pk = c.issue_pk
JOIN issue it ON it.pk = c.issue_pk
LEFT JOIN actor a ON a.pk = c.actor_pk
JOIN source src ON src.pk = c.source_pk
LEFT JOIN statement m ON m.pk = mv.mpk
LEFT JOIN source msrc ON msrc.pk = m.source_pk
LEFT JOIN dispute_state ds ON ds.id = mv.dispute
ORDER BY 1 DESC, mv.dispute, i.id, p.id;
-- Closed recorded disputes, briefly.
SELECT d.id, d.title, i.id AS issue, st.status, st."on"
FROM dispute d
JOIN issue i ON i.pk = d.issue_pk
JOIN dispute_step st ON st.pk = (SELECT pk FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :asof ORDER BY pk DESC LIMIT 1)
WHERE st.status IN ('resolved', 'dormant')
ORDER BY d.id;
