-- Baseline for `parley history --issue I --party P` on PostgreSQL: ../history.sql (the SQLite
-- baseline) in PostgreSQL's SQL, against Parley's PostgreSQL schema: the party's statements on the
-- issue and its sub-issues in position order, each marked first / restated / changed against the
-- party's previous label on that issue, and the steps of the agreements and disputes on those issues
-- that the party is part of.
-- Run: psql -X -q --csv -v issue=topic-001 -v party=party-01 -f history.sql postgres://…/DB
SET search_path TO parley;
WITH target AS (SELECT pk FROM issue WHERE id = :'issue' OR substr(id, 1, length(:'issue') + 1) = :'issue' || '/'),
me AS (SELECT pk FROM party WHERE id = :'party'),
marked AS (
    SELECT s.*, lag(s.stance) OVER (PARTITION BY s.issue_pk, s.about_pk IS NULL ORDER BY s.said_key, s.source_key, s.pk) AS previous
    FROM statement s
    WHERE s.pk IN (
        -- The party's own statements, its claims about others, and others' claims about it, each
        -- looked up on its own index (as Parley does).
        SELECT pk FROM statement WHERE party_pk = (SELECT pk FROM me) AND about_pk IS NULL AND retracted_at IS NULL
            AND issue_pk IN (SELECT pk FROM target)
        UNION ALL
        SELECT pk FROM statement WHERE party_pk = (SELECT pk FROM me) AND about_pk IS NOT NULL AND retracted_at IS NULL
            AND issue_pk IN (SELECT pk FROM target)
        UNION ALL
        SELECT pk FROM statement WHERE about_pk = (SELECT pk FROM me) AND retracted_at IS NULL
            AND issue_pk IN (SELECT pk FROM target))
)
SELECT 'statement' AS type, m.said_key AS sort_key, m.source_key, m.pk, coalesce(m.said, src.published) AS date, i.id AS issue,
       CASE WHEN m.previous IS NULL THEN 'first' WHEN m.previous = m.stance THEN 'restated' ELSE 'changed' END AS change,
       m.previous, m.stance, m.kind, a.id AS actor, m.summary, m.quote, src.id AS source, src.published AS source_date
FROM marked m
JOIN issue i ON i.pk = m.issue_pk
LEFT JOIN actor a ON a.pk = m.actor_pk
JOIN source src ON src.pk = m.source_pk
UNION ALL
SELECT 'agreement-step', st.on_key, 0, st.pk, st."on", i.id, st.status, NULL, NULL, NULL, ag.id, st.note, NULL, src.id, NULL
FROM agreement ag
JOIN agreement_step st ON st.agreement_pk = ag.pk
JOIN issue i ON i.pk = ag.issue_pk
JOIN source src ON src.pk = st.source_pk
WHERE ag.issue_pk IN (SELECT pk FROM target)
  AND EXISTS (SELECT 1 FROM agreement_party ap WHERE ap.agreement_pk = ag.pk AND ap.party_pk = (SELECT pk FROM me))
UNION ALL
SELECT 'dispute-step', st.on_key, 0, st.pk, st."on", i.id, st.status, NULL, NULL, NULL, d.id, st.note, NULL, src.id, NULL
FROM dispute d
JOIN dispute_step st ON st.dispute_pk = d.pk
JOIN issue i ON i.pk = d.issue_pk
JOIN source src ON src.pk = st.source_pk
WHERE d.issue_pk IN (SELECT pk FROM target)
  AND EXISTS (SELECT 1 FROM dispute_party dp WHERE dp.dispute_pk = d.pk AND dp.party_pk = (SELECT pk FROM me))
ORDER BY 2, 1, 3, 4;
