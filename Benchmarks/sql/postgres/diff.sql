-- Baseline for `parley diff --from D1 --to D2` on PostgreSQL: ../diff.sql (the SQLite baseline) in
-- PostgreSQL's SQL, against Parley's PostgreSQL schema (:d1, :d2 as integers yyyymmdd): positions
-- new, changed or reaffirmed; agreements new, with a changed status, or restated; recorded disputes
-- opened, changed or closed; apparent disputes that appeared or went away.
-- Run: psql -X -q --csv -v d1=20050101 -v d2=20151231 -f diff.sql postgres://…/DB
SET search_path TO parley;
WITH pairs AS MATERIALIZED (
    -- Per pair, the latest date said on or before each date (a seek each on the position index).
    SELECT k.party_pk, k.issue_pk,
           (SELECT said_key FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d1 AND retracted_at IS NULL AND about_pk IS NULL
            ORDER BY said_key DESC LIMIT 1) AS before_said,
           (SELECT said_key FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d2 AND retracted_at IS NULL AND about_pk IS NULL
            ORDER BY said_key DESC LIMIT 1) AS after_said
    FROM position_key k
),
-- Every statement of those dates that stands: a position holds all their labels.
days AS MATERIALIZED (
    SELECT d.party_pk, d.issue_pk, d.is_after, s.pk, s.stance,
           row_number() OVER (PARTITION BY d.party_pk, d.issue_pk, d.is_after ORDER BY s.source_key DESC, s.pk DESC) AS latest_first
    FROM (SELECT party_pk, issue_pk, 0 AS is_after, before_said AS said_key FROM pairs WHERE before_said IS NOT NULL
          UNION ALL SELECT party_pk, issue_pk, 1, after_said FROM pairs WHERE after_said IS NOT NULL) d
    CROSS JOIN LATERAL (
        SELECT s.pk, s.stance, s.source_key FROM statement s
        WHERE s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk AND s.said_key = d.said_key
          AND s.retracted_at IS NULL AND s.about_pk IS NULL OFFSET 0) s
),
held AS MATERIALIZED (
    -- Each position: its backing statement (the latest of its day) and its labels between commas.
    SELECT party_pk, issue_pk, is_after, max(CASE WHEN latest_first = 1 THEN pk END) AS pk,
           ',' || string_agg(DISTINCT stance, ',' ORDER BY stance) || ',' AS labels
    FROM days GROUP BY party_pk, issue_pk, is_after
),
changed AS (
    SELECT a.party_pk, a.issue_pk, a.pk AS after_pk, a.labels AS after_labels, b.pk AS before_pk, b.labels AS before_labels
    FROM held a LEFT JOIN held b ON b.party_pk = a.party_pk AND b.issue_pk = a.issue_pk AND b.is_after = 0
    WHERE a.is_after = 1 AND (b.pk IS NULL OR b.pk <> a.pk OR b.labels <> a.labels)
),
-- When each position shown was adopted, at each date: the first statement after the last one with
-- a label it does not hold (as `report disputes` works it out).
shown AS (
    SELECT after_pk AS spk, after_labels AS labels, :d2 AS at, 1 AS is_after FROM changed
    UNION ALL SELECT before_pk, before_labels, :d1, 0 FROM changed WHERE before_pk IS NOT NULL
),
previous AS (
    SELECT sh.spk, sh.at, sh.is_after,
           (SELECT x.pk FROM statement x
            WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= sh.at AND x.retracted_at IS NULL
              AND x.about_pk IS NULL AND strpos(sh.labels, ',' || x.stance || ',') = 0
            ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) AS xpk
    FROM shown sh JOIN statement c ON c.pk = sh.spk
),
bounds AS (
    SELECT pr.spk, pr.at, pr.is_after, c.party_pk, c.issue_pk,
           coalesce(x.said_key, 0) AS xs, coalesce(x.source_key, 0) AS xk, coalesce(x.pk, 0) AS xp
    FROM previous pr JOIN statement c ON c.pk = pr.spk LEFT JOIN statement x ON x.pk = pr.xpk
),
moved AS MATERIALIZED (
    SELECT b.spk, b.at, b.is_after, b.party_pk, b.issue_pk,
           (SELECT m.pk FROM statement m
            WHERE m.party_pk = b.party_pk AND m.issue_pk = b.issue_pk AND m.said_key <= b.at AND m.retracted_at IS NULL
              AND m.about_pk IS NULL AND (m.said_key, m.source_key, m.pk) > (b.xs, b.xk, b.xp)
            ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) AS mpk
    FROM bounds b
),
last_moved AS MATERIALIZED (
    SELECT mv.party_pk, mv.issue_pk,
           max(CASE WHEN mv.is_after = 0 THEN coalesce(m.said, ms.published) END) AS before_last_moved,
           max(CASE WHEN mv.is_after = 1 THEN coalesce(m.said, ms.published) END) AS after_last_moved
    FROM moved mv JOIN statement m ON m.pk = mv.mpk JOIN source ms ON ms.pk = m.source_pk
    GROUP BY mv.party_pk, mv.issue_pk
)
SELECT CASE WHEN b.pk IS NULL THEN 'new' WHEN x.before_labels <> x.after_labels THEN 'changed' ELSE 'reaffirmed' END AS change,
       p.id AS party, i.id AS issue,
       substr(x.before_labels, 2, length(x.before_labels) - 2) AS before_labels,
       substr(x.after_labels, 2, length(x.after_labels) - 2) AS after_labels,
       b.stance AS before_stance, b.kind AS before_kind, ba.id AS before_actor, coalesce(b.said, bs.published) AS before_said, bs.id AS before_source, b.summary AS before_summary,
       lm.before_last_moved,
       a.stance AS after_stance, a.kind AS after_kind, aa.id AS after_actor, coalesce(a.said, asrc.published) AS after_said, asrc.id AS after_source, a.summary AS after_summary, a.quote AS after_quote,
       lm.after_last_moved
FROM changed x
JOIN statement a ON a.pk = x.after_pk
LEFT JOIN statement b ON b.pk = x.before_pk
JOIN party p ON p.pk = x.party_pk
JOIN issue i ON i.pk = x.issue_pk
LEFT JOIN actor aa ON aa.pk = a.actor_pk
LEFT JOIN actor ba ON ba.pk = b.actor_pk
JOIN source asrc ON asrc.pk = a.source_pk
LEFT JOIN source bs ON bs.pk = b.source_pk
LEFT JOIN last_moved lm ON lm.party_pk = x.party_pk AND lm.issue_pk = x.issue_pk
ORDER BY i.id, p.id;

WITH state AS (
    SELECT ag.id, ag.title,
           (SELECT status FROM agreement_step WHERE agreement_pk = ag.pk AND on_key <= :d1 ORDER BY pk DESC LIMIT 1) AS before_status,
           (SELECT status FROM agreement_step WHERE agreement_pk = ag.pk AND on_key <= :d2 ORDER BY pk DESC LIMIT 1) AS after_status,
           (SELECT string_agg(status || ' ' || "on", ', ' ORDER BY pk) FROM agreement_step
            WHERE agreement_pk = ag.pk AND on_key > :d1 AND on_key <= :d2) AS steps
    FROM agreement ag
)
SELECT CASE WHEN before_status IS NULL THEN 'new' WHEN before_status <> after_status THEN 'status-changed' ELSE 'restated' END AS change, *
FROM state
WHERE after_status IS NOT NULL AND (before_status IS NULL OR before_status <> after_status OR steps IS NOT NULL)
ORDER BY id;

WITH state AS (
    SELECT d.id, i.id AS issue,
           (SELECT status FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :d1 ORDER BY pk DESC LIMIT 1) AS before_status,
           (SELECT status FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :d2 ORDER BY pk DESC LIMIT 1) AS after_status
    FROM dispute d JOIN issue i ON i.pk = d.issue_pk
)
SELECT CASE WHEN NOT coalesce(before_status IN ('open', 'narrowed'), false) THEN 'opened'
            WHEN after_status NOT IN ('open', 'narrowed') THEN 'closed' ELSE 'status-changed' END AS change, *
FROM state
WHERE after_status IS NOT NULL
  AND (coalesce(before_status IN ('open', 'narrowed'), false) <> (after_status IN ('open', 'narrowed'))
       OR (before_status IN ('open', 'narrowed') AND before_status <> after_status))
ORDER BY id;

WITH positions AS (
    SELECT k.issue_pk,
           (SELECT stance FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d1 AND retracted_at IS NULL AND about_pk IS NULL
            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS before_stance,
           (SELECT stance FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d2 AND retracted_at IS NULL AND about_pk IS NULL
            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS after_stance
    FROM position_key k
),
live AS (
    SELECT i.id AS issue,
           (SELECT status FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :d1 ORDER BY pk DESC LIMIT 1) IN ('open', 'narrowed') AS live_before,
           (SELECT status FROM dispute_step WHERE dispute_pk = d.pk AND on_key <= :d2 ORDER BY pk DESC LIMIT 1) IN ('open', 'narrowed') AS live_after
    FROM dispute d JOIN issue i ON i.pk = d.issue_pk
),
apparent AS (
    SELECT i.id AS issue,
           count(DISTINCT before_stance) > 1 AND NOT EXISTS (SELECT 1 FROM live l WHERE l.live_before AND (i.id = l.issue OR substr(i.id, 1, length(l.issue) + 1) = l.issue || '/')) AS before,
           count(DISTINCT after_stance) > 1 AND NOT EXISTS (SELECT 1 FROM live l WHERE l.live_after AND (i.id = l.issue OR substr(i.id, 1, length(l.issue) + 1) = l.issue || '/')) AS after
    FROM positions x JOIN issue i ON i.pk = x.issue_pk
    GROUP BY x.issue_pk, i.id
)
SELECT CASE WHEN after THEN 'appeared' ELSE 'gone' END AS change, issue FROM apparent WHERE before <> after ORDER BY issue;
