#!/usr/bin/env python3
"""Measures Parley's PostgreSQL backend beside its SQLite backend, in one run (issue 24): every
report at each size on SQLite (against sqlite3 running Benchmarks/sql/*.sql) and on PostgreSQL
(against psql running Benchmarks/sql/postgres/*.sql, the same work in PostgreSQL's SQL), and the
bulk load into an empty PostgreSQL database (`parley import` of the case's CSV tables, and `parley
copy` of the SQLite file) against psql's \\copy of the same rows (Benchmarks/sql/postgres/import.sql).

The four commands of a report run alternately (Parley on SQLite, sqlite3, Parley on PostgreSQL,
psql), round after round; each figure is the median of the rounds. The machine is shared, so the
figure that counts is CPU time:
- a client's (parley, sqlite3, psql): its user + system time, from wait4;
- the PostgreSQL server's: the whole cluster's, read from /proc before and after each command: the
  postmaster's own utime + stime, plus cutime + cstime (the backends that exited and were reaped,
  among them the command's own), plus utime + stime + cutime + cstime of every live child
  (background workers). After each command the script waits until the postmaster has reaped the
  command's backend (its children are back to those before), so that no backend is counted twice or
  missed. Autovacuum is turned off for the run (after VACUUM ANALYZE), so that it does not land in
  one command's figure.
A PostgreSQL figure is the client's CPU plus the cluster's.

Usage: Scripts/pg-benchmark [--sizes 100000,1000000] [--runs 5] [--import-runs 3] [--data DIR]
       [--check] [--markdown FILE] [--before BIN]
--before BIN also runs a second Parley binary (the code before a change) on PostgreSQL in the same
rounds, just before the first, so that a change is measured against its baseline in one run.
It runs under Scripts/with-postgres, which gives the server's address in PARLEY_TEST_POSTGRES.
The data folder holds one folder per size with parley-bench's output (statements.csv,
reference.yaml, queries.json); the SQLite database (full.sqlite) and the CSV tables are made there
when missing. --check compares the rows of each same-work query on both engines and stops.
"""
import argparse
import csv
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time

from process import run as run_process

HERE = os.path.dirname(os.path.abspath(__file__))
SQL = os.path.join(HERE, "sql")
PG_SQL = os.path.join(SQL, "postgres")
TICK = os.sysconf("SC_CLK_TCK")
# Benchmarks/run.py's search: the words typed, what Parley makes of them for FTS5 (each quoted), and
# the phrases Parley's PostgreSQL reader makes of them (the joiners made spaces).
SEARCH_WORDS = "party-07 topic-004 later"
SEARCH_FTS = '"party-07" "topic-004" "later"'
SEARCH_PHRASES = dict(w1="party 07", w2="topic 004", w3="later")


def key(date):
    return date.replace("-", "")


class Cluster:
    """The PostgreSQL server of PARLEY_TEST_POSTGRES: its databases and its CPU time."""

    def __init__(self, address):
        self.address = address
        self.base = address.rsplit("/", 1)[0]
        folder = self.scalar("SHOW data_directory")
        with open(os.path.join(folder, "postmaster.pid")) as f:
            self.postmaster = int(f.readline())

    def url(self, db):
        return f"{self.base}/{db}"

    def psql(self, sql, db="postgres"):
        out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql, self.url(db)],
                             check=True, capture_output=True, text=True)
        return out.stdout

    def scalar(self, sql, db="postgres"):
        return self.psql(sql, db).strip()

    def fresh(self, db, parley):
        """An empty database `db` holding Parley's schema (made by `parley init`)."""
        self.psql(f"DROP DATABASE IF EXISTS {db}")
        self.psql(f"CREATE DATABASE {db}")
        subprocess.run([parley, "init", "--db", self.url(db)], check=True, stdout=subprocess.DEVNULL)

    @staticmethod
    def _stat(pid):
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
        # Fields after the command name (which may hold spaces) in parentheses.
        rest = text[text.rindex(")") + 2:].split()
        ppid = int(rest[1])
        utime, stime, cutime, cstime = (int(v) for v in rest[11:15])
        return ppid, utime + stime + cutime + cstime

    def children(self):
        """The postmaster's live children and the CPU ticks each has used (with its reaped children's)."""
        found = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                ppid, ticks = self._stat(int(name))
            except (OSError, ValueError, IndexError):
                continue
            if ppid == self.postmaster:
                found[int(name)] = ticks
        return found

    def cpu(self):
        """The cluster's CPU seconds so far: the postmaster's, its reaped children's, its live children's."""
        _, own = self._stat(self.postmaster)
        return (own + sum(self.children().values())) / TICK

    def settle(self, before):
        """Waits (up to 2 s) until the postmaster's children are those in `before` again."""
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if set(self.children()) <= before:
                return
            time.sleep(0.005)


def measured(cluster, cmd, cwd=None, stdin_path=None):
    """Runs `cmd`; returns (wall s, client CPU s, cluster CPU s)."""
    background = set(cluster.children())
    cluster.settle(background)
    before = cluster.cpu()
    wall, cpu, _ = run_process(cmd, cwd, stdin_path)
    cluster.settle(background)
    return wall, cpu, cluster.cpu() - before


def sqlite_params(**values):
    out = []
    for name, value in values.items():
        out += ["-cmd", f".parameter set :{name} {value}"]
    return out


def psql_params(**values):
    out = []
    for name, value in values.items():
        out += ["-v", f"{name}={value}"]
    return out


def reports(q):
    """(name, parley arguments, sqlite3 parameters, psql variables, SQL file)."""
    return [
        ("report disputes", ["report", "disputes"], dict(asof="99991231"), dict(asof="99991231"), "disputes.sql"),
        ("report positions --as-of D", ["report", "positions", "--as-of", q["as_of"]],
         dict(asof=key(q["as_of"])), dict(asof=key(q["as_of"])), "positions.sql"),
        ("diff --from D1 --to D2", ["diff", "--from", q["diff_from"], "--to", q["diff_to"]],
         dict(d1=key(q["diff_from"]), d2=key(q["diff_to"])), dict(d1=key(q["diff_from"]), d2=key(q["diff_to"])),
         "diff.sql"),
        ("history --issue I --party P", ["history", "--issue", q["history_issue"], "--party", q["history_party"]],
         dict(issue=q["history_issue"], party=q["history_party"]), dict(issue=q["history_issue"], party=q["history_party"]),
         "history.sql"),
        ("search WORDS --in statements", ["search", SEARCH_WORDS, "--in", "statements"],
         dict(q="'" + SEARCH_FTS.replace("'", "''") + "'"), SEARCH_PHRASES, "search.sql"),
    ]


def prepare(args, cluster, size):
    """The SQLite database, the CSV tables, and a PostgreSQL database `bench_SIZE` holding the same case."""
    folder = os.path.abspath(os.path.join(args.data, str(size)))
    if not os.path.exists(os.path.join(folder, "statements.csv")):
        subprocess.run([args.bench, "--statements", str(size), "--seed", "42", "--output", folder], check=True)
    full = os.path.join(folder, "full.sqlite")
    if not os.path.exists(full):
        for source in ("reference.yaml", "statements.csv"):
            subprocess.run([args.parley, "import", source, "--db", full], cwd=folder, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sqlite3", full, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)
    tables = os.path.join(folder, "tables")
    if not os.path.exists(os.path.join(tables, "statements.csv")):
        subprocess.run([args.parley, "export", "--format", "csv", "--output", tables, "--db", full], check=True,
                       stdout=subprocess.DEVNULL)
    db = f"bench_{size}"
    exists = cluster.scalar(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "1"
    if not exists:
        cluster.fresh(db, args.parley)
        subprocess.run([args.parley, "copy", "--from", full, "--to", cluster.url(db)], check=True, stdout=subprocess.DEVNULL)
        cluster.psql("VACUUM ANALYZE", db)
    return folder, full, db


def dump_rows(cluster, db, folder):
    """Writes every table of database `db` as TABLE.tsv in `folder` (COPY's text format)."""
    os.makedirs(folder, exist_ok=True)
    tables = cluster.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'parley'", db).split()
    for table in tables:
        cluster.psql(f"\\copy parley.{table} TO '{os.path.join(folder, table + '.tsv')}'", db)


LABEL_LIST = re.compile(r"^[a-z0-9-]+(,[a-z0-9-]+)+$")


def rows_of(output, mode):
    """The rows of a CSV result, truths as 0/1, and a position's labels (between commas) in order:
    SQLite's group_concat(DISTINCT) lists them in the order met, the PostgreSQL query sorts them."""
    rows = []
    for row in csv.reader(io.StringIO(output)):
        if mode == "psql":
            row = ["1" if v == "t" else "0" if v == "f" else v for v in row]
        rows.append([",".join(sorted(v.split(","))) if LABEL_LIST.match(v) else v for v in row])
    return rows


def check(args, cluster, size, folder, full, db, q):
    """Runs each same-work query on both engines and compares the rows they return."""
    ok = True
    for name, _, sp, pp, sql in reports(q):
        if sql == "search.sql":
            print(f"{name:<30} {size:>9}  not compared: ts_rank and BM25 rank the hits differently by nature")
            continue
        with open(os.path.join(SQL, sql)) as f:
            text = f.read().replace(".mode json\n", "")
        lite = subprocess.run(["sqlite3", "-csv", "-header"] + sqlite_params(**sp) + [full], input=text, check=True,
                              capture_output=True, text=True).stdout
        pg = subprocess.run(["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1"] + psql_params(**pp)
                            + ["-f", os.path.join(PG_SQL, sql), cluster.url(db)], check=True, capture_output=True,
                            text=True).stdout
        a, b = rows_of(lite, "sqlite"), rows_of(pg, "psql")
        same = a == b
        ok &= same
        print(f"{name:<30} {size:>9}  sqlite3 {len(a):>6} lines  psql {len(b):>6} lines  {'same' if same else 'DIFFERENT'}")
        if not same:
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    print(f"  first difference, line {i + 1}:\n  sqlite3 {x}\n  psql    {y}")
                    break
    return ok


def median_of(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--import-runs", type=int, default=3)
    ap.add_argument("--data", default="bench-data")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument("--import-tables-up-to", type=int, default=100000,
                    help="time `parley import TABLES` only at sizes up to this (it stages the case in SQLite first: slow)")
    ap.add_argument("--markdown")
    ap.add_argument("--before", help="a second Parley binary run on PostgreSQL in the same rounds (the baseline of a change)")
    ap.add_argument("--reports", help="only the reports whose names start with one of these (comma-separated)")
    args = ap.parse_args()
    args.parley = os.path.abspath(args.parley)
    if args.before:
        args.before = os.path.abspath(args.before)
    address = os.environ.get("PARLEY_TEST_POSTGRES")
    if not address:
        sys.exit("postgres.py: no PARLEY_TEST_POSTGRES (run it under Scripts/with-postgres, or through Scripts/pg-benchmark)")
    cluster = Cluster(address)
    print(f"PostgreSQL {cluster.scalar('SHOW server_version')}, postmaster {cluster.postmaster}; "
          f"load: {os.popen('uptime').read().strip()}", flush=True)
    report_rows = []  # (operation, size, medians by command): each (wall, client CPU, cluster CPU)
    import_rows = []  # (operation, size, parley (wall, client, server), psql (wall, client, server))
    all_ok = True
    for size in [int(s) for s in args.sizes.split(",")]:
        folder, full, db = prepare(args, cluster, size)
        q = json.load(open(os.path.join(folder, "queries.json")))
        if args.check:
            all_ok &= check(args, cluster, size, folder, full, db, q)
            continue
        cluster.psql("ALTER SYSTEM SET autovacuum = off")
        cluster.psql("SELECT pg_reload_conf()")
        url = cluster.url(db)
        chosen = [r for r in reports(q) if not args.reports or any(r[0].startswith(x) for x in args.reports.split(","))]
        for name, command, sp, pp, sql in chosen:
            samples = {"parley-sqlite": [], "sqlite3": [], "parley-pg": [], "psql": []}
            if args.before:
                samples["before-pg"] = []
            for _ in range(args.runs):
                samples["parley-sqlite"].append(measured(cluster, [args.parley] + command + ["--db", full], folder))
                samples["sqlite3"].append(measured(cluster, ["sqlite3"] + sqlite_params(**sp) + [full], folder,
                                                   os.path.join(SQL, sql)))
                if args.before:
                    samples["before-pg"].append(measured(cluster, [args.before] + command + ["--db", url], folder))
                samples["parley-pg"].append(measured(cluster, [args.parley] + command + ["--db", url], folder))
                samples["psql"].append(measured(cluster, ["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1"]
                                                + psql_params(**pp) + ["-f", os.path.join(PG_SQL, sql), url], folder))
            m = {k: median_of(v) for k, v in samples.items()}
            report_rows.append((name, size, m))
            ps, s3, pg, pq = (m[k] for k in ("parley-sqlite", "sqlite3", "parley-pg", "psql"))
            before = ""
            if args.before:
                bp = m["before-pg"]
                before = f"  before/PG {bp[1]:.3f}+{bp[2]:.3f} x{(bp[1] + bp[2]) / (pq[1] + pq[2]):.2f}"
            print(f"{name:<30} {size:>9}  CPU s: parley/SQLite {ps[1]:.3f}  sqlite3 {s3[1]:.3f}  x{ps[1] / s3[1]:.2f}   "
                  f"parley/PG {pg[1]:.3f}+{pg[2]:.3f}  psql {pq[1]:.3f}+{pq[2]:.3f}  x{(pg[1] + pg[2]) / (pq[1] + pq[2]):.2f}"
                  + before, flush=True)
        if args.skip_import:
            continue
        # Bulk load into an empty database: Parley's import of the CSV tables and Parley's copy of
        # the SQLite file, each against psql's \copy of the rows it leaves in the database.
        target = f"load_{size}"
        copied_rows = os.path.join(folder, "rows-copied")
        if not os.path.exists(os.path.join(copied_rows, "statement.tsv")):
            dump_rows(cluster, db, copied_rows)
        imported_rows = os.path.join(folder, "rows-imported")
        if size <= args.import_tables_up_to and not os.path.exists(os.path.join(imported_rows, "statement.tsv")):
            cluster.fresh(target, args.parley)
            subprocess.run([args.parley, "import", os.path.join(folder, "tables"), "--db", cluster.url(target)], check=True,
                           stdout=subprocess.DEVNULL)
            dump_rows(cluster, target, imported_rows)
        psql_import = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(PG_SQL, "import.sql"),
                       cluster.url(target)]
        loads = [("parley copy --from SQLITE --to PG", [args.parley, "copy", "--from", full, "--to", cluster.url(target)],
                  copied_rows)]
        if size <= args.import_tables_up_to:
            loads.append(("parley import TABLES (into PostgreSQL)",
                          [args.parley, "import", os.path.join(folder, "tables"), "--db", cluster.url(target)],
                          imported_rows))
        for name, command, rows in loads:
            ours, theirs = [], []
            for _ in range(args.import_runs):
                cluster.fresh(target, args.parley)
                ours.append(measured(cluster, command, folder))
                cluster.fresh(target, args.parley)
                theirs.append(measured(cluster, psql_import, rows))
            o, t = median_of(ours), median_of(theirs)
            import_rows.append((name, size, o, t))
            print(f"{name:<30} {size:>9}  CPU s: parley {o[1]:.3f}+{o[2]:.3f}  psql \\copy {t[1]:.3f}+{t[2]:.3f}  "
                  f"x{(o[1] + o[2]) / (t[1] + t[2]):.2f}  (wall {o[0]:.2f} / {t[0]:.2f})", flush=True)
        cluster.psql(f"DROP DATABASE IF EXISTS {target}")
    cluster.psql("ALTER SYSTEM RESET autovacuum")
    cluster.psql("SELECT pg_reload_conf()")
    if args.check:
        sys.exit(0 if all_ok else 1)

    lines = [f"Load: {os.popen('uptime').read().strip()}", "",
             "| operation | statements | Parley/SQLite CPU | sqlite3 CPU | ratio | Parley/PG CPU: client + server "
             "| psql CPU: client + server | ratio | PG over SQLite (Parley) | Parley/PG wall | psql wall |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, size, m in report_rows:
        ps, s3, pg, pq = (m[k] for k in ("parley-sqlite", "sqlite3", "parley-pg", "psql"))
        pgt, pqt = pg[1] + pg[2], pq[1] + pq[2]
        lines.append(f"| {name} | {size:,} | {ps[1]:.3f} | {s3[1]:.3f} | {ps[1] / s3[1]:.2f} "
                     f"| {pgt:.3f} ({pg[1]:.3f} + {pg[2]:.3f}) | {pqt:.3f} ({pq[1]:.3f} + {pq[2]:.3f}) | {pgt / pqt:.2f} "
                     f"| {pgt / ps[1]:.2f} | {pg[0]:.3f} | {pq[0]:.3f} |")
    if args.before:
        lines += ["", "| operation | statements | before: Parley/PG CPU: client + server | ratio to psql "
                  "| after: Parley/PG CPU: client + server | ratio to psql | after / before |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, size, m in report_rows:
            bp, pg, pq = m["before-pg"], m["parley-pg"], m["psql"]
            bpt, pgt, pqt = bp[1] + bp[2], pg[1] + pg[2], pq[1] + pq[2]
            lines.append(f"| {name} | {size:,} | {bpt:.3f} ({bp[1]:.3f} + {bp[2]:.3f}) | {bpt / pqt:.2f} "
                         f"| {pgt:.3f} ({pg[1]:.3f} + {pg[2]:.3f}) | {pgt / pqt:.2f} | {pgt / bpt:.2f} |")
    if import_rows:
        lines += ["", "| load into an empty database | statements | Parley CPU: client + server | psql \\copy CPU: client + server "
                  "| ratio | Parley wall | psql wall |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, size, o, t in import_rows:
            lines.append(f"| {name} | {size:,} | {o[1] + o[2]:.3f} ({o[1]:.3f} + {o[2]:.3f}) "
                         f"| {t[1] + t[2]:.3f} ({t[1]:.3f} + {t[2]:.3f}) | {(o[1] + o[2]) / (t[1] + t[2]):.2f} "
                         f"| {o[0]:.2f} | {t[0]:.2f} |")
    table = "\n".join(lines)
    print()
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
