-- Baseline for `parley import statements.csv`: load the same CSV with sqlite3's .import into a
-- temporary staging table, then insert it into the same `statement` table (same indexes, same
-- trigger), resolving ids to row keys with joins and computing the date keys in SQL.
-- Run from the folder that holds statements.csv:  sqlite3 DB < import.sql
.bail on
PRAGMA foreign_keys = ON;
-- The same page cache Parley's bulk import uses.
PRAGMA cache_size = -65536;
BEGIN IMMEDIATE;
CREATE TEMP TABLE staging (party TEXT, actor TEXT, issue TEXT, kind TEXT, stance TEXT, summary TEXT,
                           quote TEXT, said TEXT, source TEXT, recorded TEXT);
.import --csv --skip 1 --schema temp statements.csv staging
INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                       source_pk, source_key, recorded_at)
SELECT coalesce(p.pk, a.party_pk), a.pk, i.pk, s.kind, s.stance, s.summary, nullif(s.quote, ''), nullif(s.said, ''),
       CASE length(s.said)
           WHEN 10 THEN CAST(replace(s.said, '-', '') AS INTEGER)
           WHEN 7 THEN CAST(strftime('%Y%m%d', s.said || '-01', '+1 month', '-1 day') AS INTEGER)
           WHEN 4 THEN CAST(s.said AS INTEGER) * 10000 + 1231
           ELSE src.published_key
       END,
       src.pk, src.published_key, coalesce(nullif(s.recorded, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
FROM temp.staging s
LEFT JOIN party p ON p.id = nullif(s.party, '')
LEFT JOIN actor a ON a.id = nullif(s.actor, '')
JOIN issue i ON i.id = s.issue
JOIN source src ON src.id = s.source;
DROP TABLE temp.staging;
COMMIT;
