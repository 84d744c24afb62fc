-- Baseline for `parley report positions --as-of D` on PostgreSQL: ../positions.sql (the SQLite
-- baseline) in PostgreSQL's SQL, against Parley's PostgreSQL schema, with the same strategy: every
-- (party, issue) position as of :asof (an integer yyyymmdd) with every label of the party's latest
-- said date that stands, its backing statement, the date the party adopted those labels, its age in
-- days, and whether the parties diverge on the issue. The age is a difference of two dates (SQLite's
-- is of two Julian day numbers).
-- Run: psql -X -q --csv -v asof=20080630 -f positions.sql postgres://…/DB
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
divergence AS (
    SELECT issue_pk, count(DISTINCT stance) > 1 AS diverges FROM day GROUP BY issue_pk
),
previous AS (
    -- The last statement with a label the position does not hold.
    SELECT c.pk AS spk,
           (SELECT x.pk FROM statement x
            WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= :asof AND x.retracted_at IS NULL
              AND x.about_pk IS NULL AND strpos(c.labels, ',' || x.stance || ',') = 0
            ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) AS xpk
    FROM cur c
),
bounds AS (
    SELECT pr.spk, c.party_pk, c.issue_pk,
           coalesce(x.said_key, 0) AS xs, coalesce(x.source_key, 0) AS xk, coalesce(x.pk, 0) AS xp
    FROM previous pr JOIN statement c ON c.pk = pr.spk LEFT JOIN statement x ON x.pk = pr.xpk
),
moved AS MATERIALIZED (
    SELECT b.spk,
           (SELECT m.pk FROM statement m
            WHERE m.party_pk = b.party_pk AND m.issue_pk = b.issue_pk AND m.said_key <= :asof AND m.retracted_at IS NULL
              AND m.about_pk IS NULL AND (m.said_key, m.source_key, m.pk) > (b.xs, b.xk, b.xp)
            ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) AS mpk
    FROM bounds b
)
SELECT i.id AS issue, i.title, d.diverges, p.id AS party, substr(cu.labels, 2, length(cu.labels) - 2) AS labels,
       c.stance, c.kind, a.id AS actor,
       coalesce(c.said, src.published) AS said, c.said IS NULL AS said_is_source_date,
       src.id AS source, src.published AS source_date, c.summary, c.quote, c.recorded_at,
       coalesce(m.said, msrc.published) AS last_moved,
       to_date((:asof)::text, 'YYYYMMDD') - to_date(c.said_key::text, 'YYYYMMDD') AS age_days
FROM moved mv
JOIN statement c ON c.pk = mv.spk
JOIN cur cu ON cu.pk = mv.spk
JOIN divergence d ON d.issue_pk = c.issue_pk
JOIN party p ON p.pk = c.party_pk
JOIN issue i ON i.pk = c.issue_pk
LEFT JOIN actor a ON a.pk = c.actor_pk
JOIN source src ON src.pk = c.source_pk
LEFT JOIN statement m ON m.pk = mv.mpk
LEFT JOIN source msrc ON msrc.pk = m.source_pk
ORDER BY i.id, p.id;
