-- Baseline for `parley import` into an empty PostgreSQL database: psql's \copy of the same rows
-- Parley's import sends with COPY (every table of the case, with its row keys), in one
-- transaction, into the same schema (same indexes, the same trigger keeping position_key, the
-- foreign keys checked at commit as Parley's copy asks), then the row-key sequences moved past the
-- copied rows. The rows are files in COPY's text format, one per table (TABLE.tsv, written from
-- the SQLite database by Benchmarks/postgres.py before the clock starts).
-- Run from the folder that holds the .tsv files:  psql -X -q -v ON_ERROR_STOP=1 -f import.sql postgres://…/DB
SET search_path TO parley;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
\copy party (pk, id, name, kind, aliases) FROM 'party.tsv'
\copy actor (pk, id, name, party_pk, role, aliases) FROM 'actor.tsv'
\copy issue (pk, id, title, description, parent_pk, aliases, stale_after) FROM 'issue.tsv'
\copy source (pk, id, title, publisher, url, published, published_key, reliability, text) FROM 'source.tsv'
\copy statement (pk, party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key, source_pk, source_key, recorded_at, retracted_at, retracted_by, retract_reason, via, about_pk) FROM 'statement.tsv'
-- The statements' trigger has filled position_key; pairs that no statement has any more are added.
CREATE TEMP TABLE position_key_rows (party_pk bigint, issue_pk bigint);
\copy position_key_rows FROM 'position_key.tsv'
INSERT INTO position_key SELECT * FROM position_key_rows ON CONFLICT DO NOTHING;
\copy agreement (pk, id, title, issue_pk, terms, package) FROM 'agreement.tsv'
\copy dispute (pk, id, title, issue_pk, terms, package) FROM 'dispute.tsv'
\copy agreement_step (pk, agreement_pk, seq, status, "on", on_key, on_from_source, source_pk, note, according_to_pk, retracted_at, retracted_by, retract_reason, recorded_at, due, due_key, term) FROM 'agreement_step.tsv'
\copy agreement_party (agreement_pk, party_pk, role, position) FROM 'agreement_party.tsv'
\copy agreement_step_party (step_pk, party_pk, role, change) FROM 'agreement_step_party.tsv'
\copy agreement_issue (agreement_pk, issue_pk, position) FROM 'agreement_issue.tsv'
\copy dispute_step (pk, dispute_pk, seq, status, "on", on_key, on_from_source, source_pk, note, according_to_pk, retracted_at, retracted_by, retract_reason, recorded_at, due, due_key, term) FROM 'dispute_step.tsv'
\copy dispute_party (dispute_pk, party_pk, role, position) FROM 'dispute_party.tsv'
\copy dispute_step_party (step_pk, party_pk, role, change) FROM 'dispute_step_party.tsv'
\copy dispute_issue (dispute_pk, issue_pk, position) FROM 'dispute_issue.tsv'
\copy change_log (pk, at, by, action, kind, record, reason, changes) FROM 'change_log.tsv'
\copy statement_condition (statement_pk, position, party_pk, issue_pk, label) FROM 'statement_condition.tsv'
\copy label_relation (issue_pk, a, b, kind) FROM 'label_relation.tsv'
\copy label_order (issue_pk, harder, softer) FROM 'label_order.tsv'
\copy api_token (pk, name, role, digest, created_at, revoked_at) FROM 'api_token.tsv'
\copy session (pk, digest, token_pk, started_at, used_at, ended_at) FROM 'session.tsv'
SELECT setval(pg_get_serial_sequence('parley.party', 'pk'), coalesce(max(pk), 0) + 1, false) FROM party;
SELECT setval(pg_get_serial_sequence('parley.actor', 'pk'), coalesce(max(pk), 0) + 1, false) FROM actor;
SELECT setval(pg_get_serial_sequence('parley.issue', 'pk'), coalesce(max(pk), 0) + 1, false) FROM issue;
SELECT setval(pg_get_serial_sequence('parley.source', 'pk'), coalesce(max(pk), 0) + 1, false) FROM source;
SELECT setval(pg_get_serial_sequence('parley.statement', 'pk'), coalesce(max(pk), 0) + 1, false) FROM statement;
SELECT setval(pg_get_serial_sequence('parley.agreement', 'pk'), coalesce(max(pk), 0) + 1, false) FROM agreement;
SELECT setval(pg_get_serial_sequence('parley.dispute', 'pk'), coalesce(max(pk), 0) + 1, false) FROM dispute;
SELECT setval(pg_get_serial_sequence('parley.agreement_step', 'pk'), coalesce(max(pk), 0) + 1, false) FROM agreement_step;
SELECT setval(pg_get_serial_sequence('parley.dispute_step', 'pk'), coalesce(max(pk), 0) + 1, false) FROM dispute_step;
SELECT setval(pg_get_serial_sequence('parley.change_log', 'pk'), coalesce(max(pk), 0) + 1, false) FROM change_log;
SELECT setval(pg_get_serial_sequence('parley.api_token', 'pk'), coalesce(max(pk), 0) + 1, false) FROM api_token;
SELECT setval(pg_get_serial_sequence('parley.session', 'pk'), coalesce(max(pk), 0) + 1, false) FROM session;
COMMIT;
