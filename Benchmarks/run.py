#!/usr/bin/env python3
"""Measures Parley against the sqlite3 command-line tool doing the same work on the same schema
and the same data, in the same run. Each figure is the median wall time of several runs of the
whole process (start-up included) and the peak resident memory of those runs.

Usage: Benchmarks/run.py --parley BIN --bench BIN [--sizes 10000,100000,1000000] [--runs 5]
                         [--data bench-data] [--markdown FILE]
Scripts/benchmark builds both binaries in release mode and runs this.
"""
import argparse
import json
import os
import statistics
import subprocess

from process import copy_db, run as run_process

HERE = os.path.dirname(os.path.abspath(__file__))
# A search that every size of the generated data answers: statements by one party on one topic
# that carry the generated quote. SEARCH_FTS is what Parley makes of the words (each one quoted).
SEARCH_WORDS = "party-07 topic-004 later"
SEARCH_FTS = '"party-07" "topic-004" "later"'
SQL = os.path.join(HERE, "sql")


def run(cmd, cwd, stdin_path=None):
    """Runs one process; returns (seconds, peak RSS in MiB)."""
    wall, _, rss = run_process(cmd, cwd, stdin_path)
    return wall, rss


def measure(runs, cmd, cwd, stdin_path=None, prepare=None):
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        t, m = run(cmd, cwd, stdin_path)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def key(date):
    return date.replace("-", "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--import-runs", type=int, default=3)
    ap.add_argument("--data", default="bench-data")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    parley = os.path.abspath(args.parley)
    rows = []
    index_costs = []  # (statements, import with the search index, import without it)

    for size in [int(s) for s in args.sizes.split(",")]:
        folder = os.path.abspath(os.path.join(args.data, str(size)))
        if not os.path.exists(os.path.join(folder, "statements.csv")):
            subprocess.run([args.bench, "--statements", str(size), "--seed", "42", "--output", folder], check=True)
        q = json.load(open(os.path.join(folder, "queries.json")))
        ref = os.path.join(folder, "ref.sqlite")
        if not os.path.exists(ref):
            subprocess.run([parley, "import", "reference.yaml", "--db", ref], cwd=folder, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["sqlite3", ref, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)
        p_db, s_db, full = (os.path.join(folder, n) for n in ("p.sqlite", "s.sqlite", "full.sqlite"))

        def add(op, parley_result, sqlite_result):
            rows.append((op, size) + parley_result + sqlite_result)
            pt, pm, st, sm = parley_result + sqlite_result
            print(f"{op:<34} {size:>9}  parley {pt:8.3f}s {pm:6.1f}MiB  sqlite3 {st:8.3f}s {sm:6.1f}MiB  ratio {pt / st:5.2f}", flush=True)

        # Bulk import of the statements CSV into a database holding the reference records.
        runs = args.import_runs
        add("bulk import",
            measure(runs, [parley, "import", "statements.csv", "--db", p_db], folder, prepare=lambda: copy_db(ref, p_db)),
            measure(runs, ["sqlite3", s_db], folder, stdin_path=os.path.join(SQL, "import.sql"), prepare=lambda: copy_db(ref, s_db)))
        # The same import into a database without the statement search index, to see what the
        # index costs (issue 12 asks for no more than 1.5 times the import without it).
        bare = os.path.join(folder, "ref-no-search.sqlite")
        if not os.path.exists(bare):
            copy_db(ref, bare)
            subprocess.run(["sqlite3", bare, "DROP TRIGGER statement_search_insert; DROP TRIGGER statement_search_update; "
                            "DROP TRIGGER statement_search_delete; DROP TABLE statement_search; PRAGMA wal_checkpoint(TRUNCATE);"],
                           check=True, stdout=subprocess.DEVNULL)
        n_db = os.path.join(folder, "n.sqlite")
        without = measure(runs, [parley, "import", "statements.csv", "--db", n_db], folder, prepare=lambda: copy_db(bare, n_db))
        index_costs.append((size, rows[-1][2], without[0]))
        print(f"{'bulk import without search index':<34} {size:>9}  parley {without[0]:8.3f}s  "
              f"index costs x{rows[-1][2] / without[0]:.2f}", flush=True)
        copy_db(ref, full)
        subprocess.run([parley, "import", "statements.csv", "--db", full], cwd=folder, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sqlite3", full, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)

        def params(**values):
            out = []
            for name, value in values.items():
                out += ["-cmd", f".parameter set :{name} {value}"]
            return out

        queries = [
            ("report disputes", ["report", "disputes"], params(asof="99991231"), "disputes.sql"),
            ("report positions --as-of D", ["report", "positions", "--as-of", q["as_of"]], params(asof=key(q["as_of"])), "positions.sql"),
            ("diff --from D1 --to D2", ["diff", "--from", q["diff_from"], "--to", q["diff_to"]],
             params(d1=key(q["diff_from"]), d2=key(q["diff_to"])), "diff.sql"),
            ("history --issue I --party P", ["history", "--issue", q["history_issue"], "--party", q["history_party"]],
             params(issue=q["history_issue"], party=q["history_party"]), "history.sql"),
            ("search WORDS --in statements", ["search", SEARCH_WORDS, "--in", "statements"],
             ["-cmd", ".parameter set :q '" + SEARCH_FTS.replace("'", "''") + "'"], "search.sql"),
        ]
        for name, command, sqlite_params, sql in queries:
            add(name,
                measure(args.runs, [parley] + command + ["--db", full], folder),
                measure(args.runs, ["sqlite3"] + sqlite_params + [full], folder, stdin_path=os.path.join(SQL, sql)))

        # One statement added to the full database; each run adds a new one (a new stance label).
        counter = {"parley": 0, "sqlite": 0}

        def parley_add():
            counter["parley"] += 1
            return [parley, "add", "--db", full, "--party", q["add_party"], "--issue", q["add_issue"], "--kind", "demand",
                    "--stance", f"bench-p-{counter['parley']}", "--summary", "A benchmark statement.", "--source", q["add_source"],
                    "--new-label"]

        def timed_add(make, stdin=None):
            times, peaks = [], []
            for _ in range(args.runs):
                t, m = run(make(), folder, stdin)
                times.append(t)
                peaks.append(m)
            return statistics.median(times), max(peaks)

        def sqlite_add():
            counter["sqlite"] += 1
            return ["sqlite3"] + params(party=q["add_party"], issue=q["add_issue"], stance=f"bench-s-{counter['sqlite']}",
                                        source=q["add_source"]) + [full]

        add("add one statement", timed_add(parley_add), timed_add(sqlite_add, os.path.join(SQL, "add.sql")))

    header = "| operation | statements | Parley (s) | sqlite3 (s) | ratio | Parley peak MiB | sqlite3 peak MiB |"
    lines = [header, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for op, size, pt, pm, st, sm in rows:
        lines.append(f"| {op} | {size:,} | {pt:.3f} | {st:.3f} | {pt / st:.2f} | {pm:.0f} | {sm:.0f} |")
    lines += ["", "| statements | import with search index (s) | without (s) | cost |", "| ---: | ---: | ---: | ---: |"]
    for size, with_index, without in index_costs:
        lines.append(f"| {size:,} | {with_index:.3f} | {without:.3f} | {with_index / without:.2f} |")
    table = "\n".join(lines)
    print()
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
