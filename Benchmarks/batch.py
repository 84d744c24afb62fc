#!/usr/bin/env python3
"""Measures `parley add --batch` against the sqlite3 command-line tool inserting the same
statements, on the same database, in the same run (issue 23: a batch path at 90% or more of
sqlite3's insert rate).

Each run writes N new statements (restating the labels already used on their issues, each with a
quote of its own, unique to the invocation, so that none repeats a statement that stands) as JSON lines for Parley and as
`INSERT ... SELECT` statements in one transaction for sqlite3 (ids resolved in SQL, as
`sql/add.sql` does; the same indexes and triggers fire). Runs alternate between the two on the
same file, which grows by 2 x N statements a round. Each figure is the median of the runs: wall
time of the whole process, and its CPU time (user + system, from wait4), which a loaded machine
disturbs less. The first round of each tool is not counted (`--warmup`): the first write into a
database can carry work left by whatever filled it (a copy of the benchmark's 1M set had a merge
of its full-text index in progress, which the first write finished: about 1 s of CPU, in Parley's
or sqlite3's inserts, whichever came first).

Usage: Benchmarks/batch.py --parley BIN --db FILE [--statements 10000] [--runs 5] [--warmup 1]
"""
import argparse
import os
import sqlite3
import statistics
import tempfile

from process import timed as run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--statements", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted")
    args = ap.parse_args()
    con = sqlite3.connect(args.db)
    parties = [r[0] for r in con.execute("SELECT id FROM party ORDER BY pk")]
    issues = [r[0] for r in con.execute("SELECT id FROM issue WHERE parent_pk IS NOT NULL ORDER BY pk")]
    sources = [r[0] for r in con.execute("SELECT id FROM source ORDER BY published_key DESC LIMIT 100")]
    labels = {}
    for issue, stance in con.execute(
            "SELECT i.id, s.stance FROM statement s JOIN issue i ON i.pk = s.issue_pk "
            "WHERE s.pk IN (SELECT max(pk) FROM statement GROUP BY issue_pk)"):
        labels[issue] = stance
    con.close()
    n = args.statements
    tmp = tempfile.mkdtemp(prefix="parley-batch-")
    # Quotes unique to this invocation: a second run on the same file would otherwise repeat the
    # first run's statements, and Parley (rightly) refuses every line of the batch as a duplicate.
    token = os.path.basename(tmp)
    results = {"parley": [], "sqlite3": []}
    for r in range(args.warmup + args.runs):
        for tool in ("parley", "sqlite3"):
            rows = []
            for i in range(n):
                issue = issues[i % len(issues)]
                rows.append((parties[i % len(parties)], issue, labels.get(issue, "position-1"),
                             f"batch {token} {tool} {r} {i}", sources[i % len(sources)]))
            if tool == "parley":
                path = os.path.join(tmp, "batch.jsonl")
                with open(path, "w") as f:
                    for party, issue, stance, quote, source in rows:
                        f.write('{"party": "%s", "issue": "%s", "kind": "demand", "stance": "%s", '
                                '"summary": "A batch statement.", "quote": "%s", "source": "%s"}\n'
                                % (party, issue, stance, quote, source))
                result = run([args.parley, "add", "--batch", path, "--db", args.db])
            else:
                path = os.path.join(tmp, "batch.sql")
                with open(path, "w") as f:
                    f.write("PRAGMA foreign_keys = ON;\nBEGIN;\n")
                    for party, issue, stance, quote, source in rows:
                        f.write("INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, "
                                "said_key, source_pk, source_key, recorded_at) SELECT p.pk, NULL, i.pk, 'demand', "
                                f"'{stance}', 'A batch statement.', '{quote}', NULL, src.published_key, src.pk, "
                                "src.published_key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM party p, issue i, "
                                f"source src WHERE p.id = '{party}' AND i.id = '{issue}' AND src.id = '{source}';\n")
                    f.write("COMMIT;\n")
                result = run(["sqlite3", args.db], stdin_path=path)
            if r >= args.warmup:
                results[tool].append(result)
    pw = statistics.median(w for w, _ in results["parley"])
    pc = statistics.median(c for _, c in results["parley"])
    sw = statistics.median(w for w, _ in results["sqlite3"])
    sc = statistics.median(c for _, c in results["sqlite3"])
    print(f"{n:,} statements a batch, {args.runs} runs each after {args.warmup} not counted, medians")
    print("| tool | wall (s) | statements/s (wall) | CPU (s) | statements/s (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| parley add --batch | {pw:.3f} | {n / pw:,.0f} | {pc:.3f} | {n / pc:,.0f} |")
    print(f"| sqlite3 | {sw:.3f} | {n / sw:,.0f} | {sc:.3f} | {n / sc:,.0f} |")
    print(f"Parley's rate against sqlite3's: {sw / pw:.0%} (wall), {sc / pc:.0%} (CPU)")


if __name__ == "__main__":
    main()
