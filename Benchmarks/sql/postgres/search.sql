-- Baseline for `parley search WORDS --in statements` on PostgreSQL: ../search.sql (the SQLite
-- baseline, FTS5) with PostgreSQL's text search as Parley's reader uses it
-- (Sources/ParleyPostgres/PostgresReader+Search.swift): the words of summary and quote as the
-- expression index holds them (configuration parley.search, the joiners -/.@:_+~%?&=# made spaces),
-- each quoted word a phrase, ranked by ts_rank, the best 20, each field marked by ts_headline with
-- the terms that field holds, and the statement's party, actor, issue, date and source. Rankings
-- differ from BM25 by nature, so the hits are not compared with sqlite3's.
-- The words are Benchmarks/run.py's SEARCH_WORDS ("party-07 topic-004 later"), split as Parley splits
-- them: :w1, :w2, :w3.
-- Run: psql -X -q --csv -v w1='party 07' -v w2='topic 004' -v w3=later -f search.sql postgres://…/DB
SET search_path TO parley;
SET client_min_messages = warning;
WITH q AS (
    SELECT phraseto_tsquery('parley.search', :'w1') AS t1, phraseto_tsquery('parley.search', :'w2') AS t2,
           phraseto_tsquery('parley.search', :'w3') AS t3
),
hits AS (
    SELECT s.*, -ts_rank(to_tsvector('parley.search', translate(coalesce(s.summary, ''), '-/.@:_+~%?&=#', '             '))
                         || to_tsvector('parley.search', translate(coalesce(s.quote, ''), '-/.@:_+~%?&=#', '             ')),
                         q.t1 && q.t2 && q.t3)::float8 AS rank
    FROM statement s, q
    WHERE (to_tsvector('parley.search', translate(coalesce(s.summary, ''), '-/.@:_+~%?&=#', '             '))
           || to_tsvector('parley.search', translate(coalesce(s.quote, ''), '-/.@:_+~%?&=#', '             ')))
          @@ (q.t1 && q.t2 && q.t3)
      AND s.retracted_at IS NULL
    ORDER BY rank, s.pk LIMIT 20
),
fields AS (
    SELECT h.*, to_tsvector('parley.search', translate(coalesce(h.summary, ''), '-/.@:_+~%?&=#', '             ')) AS sv,
           to_tsvector('parley.search', translate(coalesce(h.quote, ''), '-/.@:_+~%?&=#', '             ')) AS qv
    FROM hits h
)
SELECT f.pk AS number, f.rank,
       ts_headline('parley.search', translate(coalesce(f.summary, ''), '-/.@:_+~%?&=#', '             '),
                   (CASE WHEN f.sv @@ q.t1 THEN q.t1 ELSE ''::tsquery END) || (CASE WHEN f.sv @@ q.t2 THEN q.t2 ELSE ''::tsquery END)
                   || (CASE WHEN f.sv @@ q.t3 THEN q.t3 ELSE ''::tsquery END),
                   'StartSel=[, StopSel=], HighlightAll=true') AS summary,
       CASE WHEN f.quote IS NULL THEN NULL ELSE
       ts_headline('parley.search', translate(coalesce(f.quote, ''), '-/.@:_+~%?&=#', '             '),
                   (CASE WHEN f.qv @@ q.t1 THEN q.t1 ELSE ''::tsquery END) || (CASE WHEN f.qv @@ q.t2 THEN q.t2 ELSE ''::tsquery END)
                   || (CASE WHEN f.qv @@ q.t3 THEN q.t3 ELSE ''::tsquery END),
                   'StartSel=[, StopSel=], HighlightAll=true') END AS quote,
       p.id AS party, a.id AS actor, i.id AS issue, f.kind, f.stance, coalesce(f.said, src.published) AS said,
       src.id AS source
FROM fields f CROSS JOIN q
JOIN party p ON p.pk = f.party_pk
LEFT JOIN actor a ON a.pk = f.actor_pk
JOIN issue i ON i.pk = f.issue_pk
JOIN source src ON src.pk = f.source_pk
ORDER BY f.rank, f.pk;
