-- The thin as-of query issue 23 measures `parley report positions --as-of D` against: for every
-- (party, issue) pair, one index seek for the latest statement on or before :asof that stands,
-- and its stance. No last move, no age, no rendering: the least work an as-of answer takes.
-- Run: sqlite3 -cmd ".parameter set :asof 20080630" DB < positions-thin.sql
SELECT k.party_pk, k.issue_pk,
       (SELECT stance FROM statement
        WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= :asof AND retracted_at IS NULL
          AND about_pk IS NULL
        ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS stance
FROM position_key k;
