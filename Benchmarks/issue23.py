#!/usr/bin/env python3
"""Issue 23's maintained position index at 1M statements, in one run: each command as a whole
process, the median of its wall times and the mean of its CPU times (user + system, which the
load of a shared machine disturbs less), before and after, against the thin as-of query.

Usage: Benchmarks/issue23.py --before BIN --after BIN --data bench-data/1000000 --work DIR
                             [--runs 7] [--adds 7] [--import-data bench-data/100000] [--import-runs 3]
--data holds what Benchmarks/run.py leaves (queries.json, full.sqlite, ref.sqlite); the work
folder gets before.sqlite (a copy of full.sqlite) and after.sqlite (the same, migrated by
--after). --import-data, if given, is a smaller generated set whose statements.csv is imported
into a copy of its reference database by each binary and by sqlite3 (Benchmarks/sql/import.sql).
"""
import argparse
import json
import os
import statistics
import subprocess

from process import copy_db, timed as run

SQL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sql")


def measure(runs, make, cwd, stdin_path=None, prepare=None):
    walls, cpus = [], []
    for i in range(runs):
        if prepare:
            prepare()
        w, c = run(make(i) if callable(make) else make, cwd, stdin_path)
        walls.append(w)
        cpus.append(c)
    return statistics.median(walls), statistics.mean(cpus)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--adds", type=int, default=7)
    ap.add_argument("--import-data")
    ap.add_argument("--import-runs", type=int, default=3)
    args = ap.parse_args()
    data, work = os.path.abspath(args.data), os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    q = json.load(open(os.path.join(data, "queries.json")))
    before, after = os.path.join(work, "before.sqlite"), os.path.join(work, "after.sqlite")
    if not os.path.exists(before):
        copy_db(os.path.join(data, "full.sqlite"), before)
    if not os.path.exists(after):
        copy_db(os.path.join(data, "full.sqlite"), after)
        w, c = run([args.after, "report", "agreements", "--db", after], work)
        print(f"migration of the 1M database (once): {w:.1f} s wall, {c:.2f} s CPU", flush=True)
    for db in (before, after):
        subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)
    rows = []

    def show(name, result):
        rows.append((name,) + result)
        print(f"{name:<52} wall {result[0] * 1000:9.0f} ms  CPU {result[1] * 1000:9.0f} ms", flush=True)

    def thin(db, date):
        return ["sqlite3", "-cmd", f".parameter set :asof {date.replace('-', '')}", db]

    thin_sql = os.path.join(SQL, "positions-thin.sql")
    show(f"thin as-of query, {q['as_of']}", measure(args.runs, thin(after, q["as_of"]), work, thin_sql))
    show(f"thin as-of query, {q['diff_from']}", measure(args.runs, thin(after, q["diff_from"]), work, thin_sql))
    show(f"thin as-of query, {q['diff_to']}", measure(args.runs, thin(after, q["diff_to"]), work, thin_sql))
    for label, binary, db in (("before", args.before, before), ("after", args.after, after)):
        show(f"report positions --as-of {q['as_of']} ({label})",
             measure(args.runs, [binary, "report", "positions", "--as-of", q["as_of"], "--db", db], work))
        show(f"report positions ({label})", measure(args.runs, [binary, "report", "positions", "--db", db], work))
        show(f"diff --from {q['diff_from']} --to {q['diff_to']} ({label})",
             measure(args.runs, [binary, "diff", "--from", q["diff_from"], "--to", q["diff_to"], "--db", db], work))
        show(f"report disputes ({label})", measure(args.runs, [binary, "report", "disputes", "--db", db], work))

    # One statement added, a new label each time (as Benchmarks/run.py adds), and sqlite3's add.sql.
    def add(binary, db, tag):
        return lambda i: [binary, "add", "--db", db, "--party", q["add_party"], "--issue", q["add_issue"], "--kind",
                          "demand", "--stance", f"bench-{tag}-{i}", "--summary", "A benchmark statement.", "--source",
                          q["add_source"], "--new-label"]

    def sqlite_add(db, tag):
        return lambda i: ["sqlite3", "-cmd", f".parameter set :party {q['add_party']}", "-cmd",
                          f".parameter set :issue {q['add_issue']}", "-cmd", f".parameter set :stance bench-{tag}-{i}",
                          "-cmd", f".parameter set :source {q['add_source']}", db]

    add_sql = os.path.join(SQL, "add.sql")
    for label, binary, db in (("before", args.before, before), ("after", args.after, after)):
        show(f"add one statement ({label})", measure(args.adds, add(binary, db, label), work))
        show(f"sqlite3 add.sql (on the {label} database)", measure(args.adds, sqlite_add(db, "s" + label), work, add_sql))

    if args.import_data:
        folder = os.path.abspath(args.import_data)
        ref = os.path.join(folder, "ref.sqlite")
        target = os.path.join(work, "import.sqlite")
        csv = os.path.join(folder, "statements.csv")
        for label, binary in (("before", args.before), ("after", args.after)):
            # Each binary's own reference database (the after one has the new tables).
            own = os.path.join(work, f"ref-{label}.sqlite")
            if not os.path.exists(own):
                copy_db(ref, own)
                subprocess.run([binary, "report", "agreements", "--db", own], check=True,
                               stdout=subprocess.DEVNULL)
                subprocess.run(["sqlite3", own, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True,
                               stdout=subprocess.DEVNULL)
            show(f"bulk import of {folder} ({label})",
                 measure(args.import_runs, [binary, "import", csv, "--db", target], folder,
                         prepare=lambda own=own: copy_db(own, target)))
            show(f"sqlite3 import.sql ({label} run)",
                 measure(args.import_runs, ["sqlite3", target], folder, os.path.join(SQL, "import.sql"),
                         prepare=lambda: copy_db(ref, target)))

    print()
    print("| command | wall (ms, median) | CPU (ms, mean) |")
    print("| --- | ---: | ---: |")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall * 1000:,.0f} | {cpu * 1000:,.0f} |")


if __name__ == "__main__":
    main()
