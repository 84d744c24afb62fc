#!/usr/bin/env python3
"""`parley add` (one statement) and `parley history --issue I --party P` against sqlite3 doing the
same work (sql/add.sql, sql/history.sql), on the same 1M-statement database, in one run: issue 23's
targets (each at most 1.5 times sqlite3). Rounds alternate the tools (one run of each a round), so
a change in the machine's load falls on all of them alike; each figure is the mean CPU time
(user + system, from wait4: the kernel counts it in ticks, so a mean, not a median) and the median
wall time of the runs. Each binary writes to its own
copy of the database; sqlite3 to a third. `--before` is optional (a second Parley binary, such as
main's, measured the same way).

Usage: Benchmarks/add-history.py --after BIN [--before BIN] --data bench-data/1000000 --db FILE
                                  --work DIR [--rounds 21]
--db is the imported database (full.sqlite); it is copied, never written.
"""
import argparse
import json
import os
import shutil
import statistics

from process import timed as run

SQL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sql")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--after", required=True)
    ap.add_argument("--before")
    ap.add_argument("--data", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rounds", type=int, default=21)
    args = ap.parse_args()
    q = json.load(open(os.path.join(args.data, "queries.json")))
    os.makedirs(args.work, exist_ok=True)
    tools = {"after": args.after}
    if args.before:
        tools["before"] = args.before
    dbs = {}
    for name in list(tools) + ["sqlite3"]:
        dbs[name] = os.path.join(args.work, f"{name}.sqlite")
        for suffix in ("-wal", "-shm"):
            if os.path.exists(dbs[name] + suffix):
                os.remove(dbs[name] + suffix)
        shutil.copyfile(args.db, dbs[name])
    times = {}

    def add(tool, i):
        if tool == "sqlite3":
            cmd = ["sqlite3", "-cmd", f".parameter set :party {q['add_party']}", "-cmd",
                   f".parameter set :issue {q['add_issue']}", "-cmd", f".parameter set :stance bench-s-{i}",
                   "-cmd", f".parameter set :source {q['add_source']}", dbs[tool]]
            return run(cmd, stdin_path=os.path.join(SQL, "add.sql"))
        return run([tools[tool], "add", "--db", dbs[tool], "--party", q["add_party"], "--issue", q["add_issue"],
                    "--kind", "demand", "--stance", f"bench-p-{i}", "--summary", "A benchmark statement.",
                    "--source", q["add_source"], "--new-label"])

    def history(tool, i):
        if tool == "sqlite3":
            cmd = ["sqlite3", "-cmd", f".parameter set :issue {q['history_issue']}", "-cmd",
                   f".parameter set :party {q['history_party']}", dbs[tool]]
            return run(cmd, stdin_path=os.path.join(SQL, "history.sql"))
        return run([tools[tool], "history", "--db", dbs[tool], "--issue", q["history_issue"], "--party",
                    q["history_party"]])

    # One warm-up each (the first opening of a copied file reads it from disk).
    for tool in list(tools) + ["sqlite3"]:
        history(tool, -1)
    for i in range(args.rounds):
        for op, fn in (("add", add), ("history", history)):
            for tool in list(tools) + ["sqlite3"]:
                times.setdefault((op, tool), []).append(fn(tool, i))
    print(f"{args.rounds} rounds; mean CPU, median wall (ms)")
    print("| command | tool | CPU | wall | CPU ratio to sqlite3 |")
    print("| --- | --- | ---: | ---: | ---: |")
    for op in ("add", "history"):
        base = statistics.mean(c for _, c in times[(op, "sqlite3")])
        for tool in list(tools) + ["sqlite3"]:
            runs = times[(op, tool)]
            cpu = statistics.mean(c for _, c in runs)
            wall = statistics.median(w for w, _ in runs)
            print(f"| {op} | {tool} | {cpu * 1000:.1f} | {wall * 1000:.1f} | {cpu / base:.2f} |")


if __name__ == "__main__":
    main()
