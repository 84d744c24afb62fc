-- Baseline for `parley diff --from D1 --to D2` (:d1, :d2 as integers yyyymmdd): positions new,
-- changed or reaffirmed; agreements new, with a changed status, or restated; recorded disputes
-- opened, changed or closed; apparent disputes that appeared or went away.
-- Run: sqlite3 -cmd ".parameter set :d1 20050101" -cmd ".parameter set :d2 20151231" DB < diff.sql
.mode json
WITH pairs AS (
    SELECT k.party_pk, k.issue_pk,
           (SELECT pk FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d1
            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS before_pk,
           (SELECT pk FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d2
            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS after_pk
    FROM position_key k
)
SELECT CASE WHEN b.pk IS NULL THEN 'new' WHEN b.stance <> a.stance THEN 'changed' ELSE 'reaffirmed' END AS change,
       p.id AS party, i.id AS issue,
       b.stance AS before_stance, b.kind AS before_kind, ba.id AS before_actor, coalesce(b.said, bs.published) AS before_said, bs.id AS before_source, b.summary AS before_summary,
       a.stance AS after_stance, a.kind AS after_kind, aa.id AS after_actor, coalesce(a.said, asrc.published) AS after_said, asrc.id AS after_source, a.summary AS after_summary, a.quote AS after_quote
FROM pairs x
JOIN statement a ON a.pk = x.after_pk
LEFT JOIN statement b ON b.pk = x.before_pk
JOIN party p ON p.pk = x.party_pk
JOIN issue i ON i.pk = x.issue_pk
LEFT JOIN actor aa ON aa.pk = a.actor_pk
LEFT JOIN actor ba ON ba.pk = b.actor_pk
JOIN source asrc ON asrc.pk = a.source_pk
LEFT JOIN source bs ON bs.pk = b.source_pk
WHERE x.before_pk IS NULL OR x.before_pk <> x.after_pk
ORDER BY i.id, p.id;

WITH state AS (
    SELECT ag.id, ag.title,
           (SELECT status FROM agreement_step WHERE agreement_pk = ag.pk AND on_key <= :d1 ORDER BY pk DESC LIMIT 1) AS before_status,
           (SELECT status FROM agreement_step WHERE agreement_pk = ag.pk AND on_key <= :d2 ORDER BY pk DESC LIMIT 1) AS after_status,
           (SELECT group_concat(status || ' ' || "on", ', ') FROM agreement_step
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
SELECT CASE WHEN coalesce(before_status IN ('open', 'narrowed'), 0) = 0 THEN 'opened'
            WHEN after_status NOT IN ('open', 'narrowed') THEN 'closed' ELSE 'status-changed' END AS change, *
FROM state
WHERE after_status IS NOT NULL
  AND (coalesce(before_status IN ('open', 'narrowed'), 0) <> (after_status IN ('open', 'narrowed'))
       OR (before_status IN ('open', 'narrowed') AND before_status <> after_status))
ORDER BY id;

WITH positions AS (
    SELECT k.issue_pk,
           (SELECT stance FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d1
            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS before_stance,
           (SELECT stance FROM statement WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :d2
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
    GROUP BY x.issue_pk
)
SELECT CASE WHEN after THEN 'appeared' ELSE 'gone' END AS change, issue FROM apparent WHERE before <> after ORDER BY issue;
