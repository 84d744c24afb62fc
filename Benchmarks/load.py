#!/usr/bin/env python3
"""parley-server under load (issue 11): readers of the disputes board and writers of statements
through the API, for a fixed time, while a `parley import` of more statements runs against the
same database file.

Scripts/load-benchmark builds the release binaries and runs this. Everything is on the loopback
interface; the run is bounded by --seconds (default 60) plus the set-up.

What it reports, per endpoint: requests, request rate, p50/p99/max latency, errors (any answer
other than the expected status, or a failed connection); for writes also p99 outside the import's
window, and whether every acknowledged write (201 with its number) is in the database afterwards.
The baseline is `parley report disputes` as a whole process on the same database, measured in the
same run before the load starts.

With --postgres ADMIN_ADDRESS (issue 24) the case is served from a PostgreSQL database instead: a
database made there once per run of this script's caller (`parley init` and `parley copy` of the
SQLite file, then VACUUM ANALYZE), cloned for each run (CREATE DATABASE ... TEMPLATE). With
--servers 2, two servers serve the same database, the readers and the writers spread over both.
The binaries must then be built with the PostgreSQL trait (Scripts/pg-load-benchmark).
"""
import argparse
import csv
import http.client
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

from process import copy_db


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--bench", help="parley-bench, needed only when the extra statements are not made yet")
    ap.add_argument("--data", default="bench-data")
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--extra", type=int, default=100_000)
    ap.add_argument("--readers", type=int, default=16)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--import-after", type=float, default=10, help="start the import this many seconds in")
    ap.add_argument("--no-import", action="store_true",
                    help="no import during the load (PostgreSQL does not take the statements CSV yet)")
    ap.add_argument("--write-interval", type=float, default=0,
                    help="each writer waits this long between writes (0: as fast as answers come)")
    ap.add_argument("--board", default="/", help="the board's address: / (the page) or /api/v1/disputes")
    ap.add_argument("--warm", action="store_true",
                    help="ask for the board once before the clock starts, so the first board made from scratch is not in the figures")
    ap.add_argument("--postgres", help="serve the case from a PostgreSQL database made on this server (an address "
                    "whose role may create databases, as Scripts/with-postgres gives in PARLEY_TEST_POSTGRES)")
    ap.add_argument("--servers", type=int, default=1, help="how many servers serve the database (2: PostgreSQL only)")
    ap.add_argument("--timeline", help="have the server log each write's steps to this file (PARLEY_WRITE_TIMELINE) "
                    "and print where the writes' time went, client and server on one clock")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    if args.servers > 1 and not args.postgres:
        sys.exit("load: several servers need --postgres (SQLite is served by one)")
    parley = os.path.abspath(args.parley)

    # The data: the benchmark's case at --statements, and --extra more statements to import.
    base = os.path.abspath(os.path.join(args.data, str(args.statements)))
    full = os.path.join(base, "full.sqlite")
    if not os.path.exists(full):
        sys.exit(f"load: {full} is missing; run Scripts/benchmark --sizes {args.statements} first")
    # The extra statements cite the case's own sources: as many as it has (20,000 at 1M statements,
    # fewer in a smaller case, whose import would otherwise fail on sources it does not have).
    sources = sqlite3.connect(full).execute("SELECT count(*) FROM source").fetchone()[0]
    name = f"load-extra-{args.extra}" if sources == 20_000 else f"load-extra-{args.extra}-sources-{sources}"
    extra_dir = os.path.abspath(os.path.join(args.data, name))
    extra_csv = os.path.join(extra_dir, "extra.csv")
    if not os.path.exists(extra_csv):
        if not args.bench:
            sys.exit(f"load: {extra_csv} is missing; give --bench to make it")
        subprocess.run([args.bench, "--statements", str(args.extra), "--sources", str(sources), "--seed", "7",
                        "--output", extra_dir], check=True, stdout=subprocess.DEVNULL)
        # Other stance labels, so that none of them repeats a statement already in the case.
        with open(os.path.join(extra_dir, "statements.csv"), newline="") as f, open(extra_csv, "w", newline="") as out:
            rows = csv.reader(f)
            header = next(rows)
            stance = header.index("stance")
            writer = csv.writer(out)
            writer.writerow(header)
            for row in rows:
                row[stance] = "later-" + row[stance]
                writer.writerow(row)
    if args.postgres:
        db = postgres_case(args.postgres, parley, full, args.statements)
    else:
        work = os.path.abspath(os.path.join(args.data, "load"))
        os.makedirs(work, exist_ok=True)
        db = os.path.join(work, "load.sqlite")
        copy_db(full, db)
        subprocess.run([parley, "init", "--db", db], check=True, stdout=subprocess.DEVNULL)  # migrate first
    token = subprocess.run([parley, "token", "add", "--name", "load-writer", "--role", "editor", "--db", db],
                           check=True, capture_output=True, text=True).stdout.strip()
    start_count = count_statements(db)
    reference = json.load(open(os.path.join(base, "queries.json")))
    # Writes spread over the case's sub-issues, as a team's would be.
    issues = re.findall(r"^- id: (topic-\d+/sub-\d+)$", open(os.path.join(base, "reference.yaml")).read(), re.M)

    # The baseline: the board as a whole `parley` process, on the same file, before any load.
    baseline = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([parley, "report", "disputes", "--db", db], check=True, stdout=subprocess.DEVNULL)
        baseline.append(time.perf_counter() - t)
    cli = statistics.median(baseline)
    print(f"baseline: parley report disputes, whole process: median {cli * 1000:.0f} ms, "
          f"max {max(baseline) * 1000:.0f} ms", flush=True)

    # The servers started here are ended however the run ends (a failed warm-up, an interrupt).
    servers, ports = [], []
    stop = threading.Event()
    try:
        for _ in range(args.servers):
            environment = dict(os.environ)
            if args.timeline:
                if os.path.exists(args.timeline):
                    os.unlink(args.timeline)
                environment["PARLEY_WRITE_TIMELINE"] = os.path.abspath(args.timeline)
            server = subprocess.Popen([args.server, "--db", db, "--port", "0"], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, env=environment)
            servers.append(server)
            line = server.stdout.readline()
            # The port of the address it serves on (a PostgreSQL address before it has a port too).
            ports.append(int(re.search(r" on http://[^ ]*:(\d+)/", line).group(1)))
            print(line.strip(), flush=True)

        if args.warm:
            for port in ports:
                warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                t = time.perf_counter()
                warm.request("GET", args.board, headers={"Authorization": f"Bearer {token}"})
                warm.getresponse().read()
                warm.close()
                print(f"warm-up: the first board took {(time.perf_counter() - t) * 1000:.0f} ms, not counted", flush=True)

        results = []  # (endpoint, start, latency, ok, number, start on the monotonic clock)
        lock = threading.Lock()
        t0 = time.perf_counter()

        def reader(index):
            port = ports[index % len(ports)]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while not stop.is_set():
                start = time.perf_counter()
                try:
                    conn.request("GET", args.board, headers={"Authorization": f"Bearer {token}"})
                    response = conn.getresponse()
                    body = response.read()
                    ok = response.status == 200 and len(body) > 0
                except Exception:
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                with lock:
                    results.append(("board", start - t0, time.perf_counter() - start, ok, None))

        def writer(index):
            port = ports[index % len(ports)]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            n = 0
            while not stop.is_set():
                n += 1
                body = json.dumps({
                    "party": reference["add_party"], "issue": issues[(n * 7 + index) % len(issues)], "kind": "assertion",
                    "stance": f"load-{index}-{n}", "new_label": True,
                    "summary": f"Load test statement {n} from writer {index}.", "source": reference["add_source"],
                })
                start = time.perf_counter()
                number = None
                try:
                    conn.request("POST", "/api/v1/statements", body=body, headers={
                        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                    response = conn.getresponse()
                    answer = response.read()
                    ok = response.status == 201
                    if ok:
                        number = json.loads(answer)["number"]
                    else:
                        print(f"write refused: {response.status} {answer[:200]!r}", file=sys.stderr)
                except Exception as error:
                    ok = False
                    print(f"write failed: {error}", file=sys.stderr)
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                with lock:
                    results.append(("statement", start - t0, time.perf_counter() - start, ok, number, start))
                if args.write_interval:
                    stop.wait(args.write_interval)

        threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(args.readers)]
        threads += [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(args.writers)]
        for thread in threads:
            thread.start()
        if args.no_import:
            import_start = import_end = float("inf")
            imported = None
        else:
            time.sleep(args.import_after)
            import_start = time.perf_counter() - t0
            imported = subprocess.run([parley, "import", extra_csv, "--db", db], capture_output=True, text=True)
            import_end = time.perf_counter() - t0
            print(f"import of {args.extra} statements: {import_end - import_start:.1f} s "
                  f"(from {import_start:.1f} s to {import_end:.1f} s), exit {imported.returncode} "
                  f"{imported.stderr.strip()[:200]}", flush=True)
        remaining = args.seconds - (time.perf_counter() - t0)
        if remaining > 0:
            time.sleep(remaining)
        # The machine's load over the last minute, taken at the end of the load (other processes share it).
        load = os.getloadavg()
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - t0
    finally:
        stop.set()
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    # Every acknowledged write must be in the database.
    acknowledged = [r[4] for r in results if r[0] == "statement" and r[3]]
    present = set(acknowledged) & load_statements(db)
    end_count = count_statements(db)
    expected_count = start_count + len(acknowledged) + (args.extra if imported and imported.returncode == 0 else 0)

    rows = []
    for endpoint in ("board", "statement"):
        mine = [r for r in results if r[0] == endpoint]
        latencies = [r[2] for r in mine if r[3]]
        outside = [r[2] for r in mine if r[3] and not (import_start - 0.5 <= r[1] <= import_end)]
        errors = sum(1 for r in mine if not r[3])
        rows.append((endpoint, len(mine), len(mine) / elapsed, percentile(latencies, 50), percentile(latencies, 99),
                     max(latencies, default=float("nan")), percentile(outside, 99), errors))

    where = ("SQLite, 1 server" if not args.postgres else "PostgreSQL, 1 server" if args.servers == 1
             else f"PostgreSQL, {args.servers} servers (readers and writers spread over them)")
    lines = [
        f"{where}: "
        f"{args.readers} readers of `GET {args.board}` and {args.writers} writers of `POST /api/v1/statements` "
        + (f"(each pausing {args.write_interval:g} s between writes) " if args.write_interval else "")
        +
        f"for {elapsed:.0f} s on {args.statements:,} statements; "
        + ("no import." if imported is None else f"`parley import` of {args.extra:,} more from "
           f"{import_start:.1f} s to {import_end:.1f} s (exit {imported.returncode})."),
        "",
        "| endpoint | requests | per second | p50 | p99 | max | p99 outside the import | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for endpoint, count, rate, p50, p99, top, p99_out, errors in rows:
        lines.append(f"| {endpoint} | {count} | {rate:.1f} | {p50 * 1000:.1f} ms | {p99 * 1000:.1f} ms | "
                     f"{top * 1000:.1f} ms | {p99_out * 1000:.1f} ms | {errors} |")
    lines += [
        "",
        f"Baseline, `parley report disputes` as a whole process on the same file before the load: median "
        f"{cli * 1000:.0f} ms, max {max(baseline) * 1000:.0f} ms (5 runs).",
        f"Acknowledged writes: {len(acknowledged)}; found in the database afterwards: {len(present)}. "
        f"Statements before: {start_count:,}; after: {end_count:,}; expected {expected_count:,}.",
        f"Load average at the end of the load (1, 5, 15 min): {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}.",
    ]
    if args.timeline:
        lines += [""] + timeline_table(args.timeline, [r for r in results if r[0] == "statement" and r[3]],
                                       import_start + t0, import_end + t0)
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    if len(present) != len(acknowledged) or end_count != expected_count:
        sys.exit("load: acknowledged writes are missing from the database")


def timeline_table(path, writes, import_start, import_end):
    """Where the acknowledged writes outside the import spent their time: each step's p50, p99 and
    max, and the steps' share of the slowest 1% of writes, from the server's timeline (`path`,
    one JSON line per write, CLOCK_MONOTONIC nanoseconds) and the client's own times (the same
    clock: time.perf_counter() on Linux)."""
    steps = {}
    for line in open(path):
        entry = json.loads(line)
        if entry.get("number") is not None:
            steps[entry["number"]] = entry
    phases = [
        ("sent → handler began (connection, event loop, task start)", None, "arrived"),
        ("token checked", "arrived", "authenticated"),
        ("body read", "authenticated", "decoded"),
        ("wait for a worker thread", "decoded", "started"),
        ("wait for the writer (queue, lock)", "started", "began"),
        ("transaction body", "began", "body_done"),
        ("commit (and any checkpoint)", "body_done", "committed"),
        ("back to the handler", "committed", "resumed"),
        ("answer written and read by the client", "resumed", None),
    ]
    rows = []  # per write: [phase durations in ms], total, cpu, runnable
    for w in writes:
        entry = steps.get(w[4])
        if entry is None or "began" not in entry or import_start - 0.5 <= w[5] <= import_end:
            continue
        start, end = w[5] * 1e9, (w[5] + w[2]) * 1e9
        durations = [((entry[b] if b else end) - (entry[a] if a else start)) / 1e6 for _, a, b in phases]
        rows.append((durations, w[2] * 1000, entry["cpu"] / 1e6, entry["runnable"] / 1e6))
    if not rows:
        return ["Write timeline: no write outside the import had one."]
    totals = sorted(r[1] for r in rows)
    cut = percentile(totals, 99)
    slow = [r for r in rows if r[1] >= cut]
    out = [f"Where the {len(rows)} acknowledged writes outside the import spent their time (ms; the slowest 1% are the "
           f"{len(slow)} writes of {cut:.1f} ms or more):", "",
           "| step | p50 | p99 | max | mean in the slowest 1% |", "| --- | ---: | ---: | ---: | ---: |"]
    named = [(name, [r[0][i] for r in rows], [r[0][i] for r in slow]) for i, (name, _, _) in enumerate(phases)]
    named += [("(of start → use case returned: on a CPU)", [r[2] for r in rows], [r[2] for r in slow]),
              ("(of start → use case returned: runnable, waiting for a CPU)", [r[3] for r in rows], [r[3] for r in slow]),
              ("whole write, as the client saw it", [r[1] for r in rows], [r[1] for r in slow])]
    for name, values, tail in named:
        out.append(f"| {name} | {percentile(values, 50):.2f} | {percentile(values, 99):.2f} | {max(values):.2f} | "
                   f"{statistics.mean(tail):.2f} |")
    return out


def psql(address, sql):
    return subprocess.run(["psql", address, "-XAtqc", sql], check=True, capture_output=True, text=True).stdout


def postgres_case(admin, parley, full, size, run=None):
    """A new PostgreSQL database holding the case of `full` (named `run`, by default
    `load_run_SIZE`): cloned from `load_base_SIZE`, which is made (init, copy, VACUUM ANALYZE) the
    first time."""
    base, run = f"load_base_{size}", run or f"load_run_{size}"
    prefix = admin[:admin.rindex("/") + 1]
    if psql(admin, f"SELECT count(*) FROM pg_database WHERE datname = '{base}'").strip() != "1":
        t = time.perf_counter()
        psql(admin, f"CREATE DATABASE {base}")
        subprocess.run([parley, "init", "--db", prefix + base], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([parley, "copy", "--from", full, "--to", prefix + base], check=True, stdout=subprocess.DEVNULL)
        psql(prefix + base, "VACUUM ANALYZE")
        print(f"PostgreSQL: {base} made by parley copy in {time.perf_counter() - t:.0f} s", flush=True)
    psql(admin, f"DROP DATABASE IF EXISTS {run} WITH (FORCE)")
    psql(admin, f"CREATE DATABASE {run} TEMPLATE {base}")
    return prefix + run


def count_statements(db):
    if db.startswith("postgres"):
        return int(psql(db, "SELECT count(*) FROM parley.statement"))
    return sqlite3.connect(db).execute("SELECT count(*) FROM statement").fetchone()[0]


def load_statements(db):
    """The numbers of the statements the writers recorded."""
    query = "SELECT pk FROM {}statement WHERE stance LIKE 'load-%'"
    if db.startswith("postgres"):
        return {int(n) for n in psql(db, query.format("parley.")).split()}
    return {n for (n,) in sqlite3.connect(db).execute(query.format(""))}


if __name__ == "__main__":
    main()
