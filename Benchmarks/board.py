#!/usr/bin/env python3
"""The disputes board after a write (issue 23): what one board costs the server once a write has
changed the case, for two builds side by side on copies of one database.

For each build: copy the database, migrate it with that build's `parley`, start its
`parley-server`, read the board once (made from scratch), then in rounds, alternating between
the builds: write one statement through the API (a new label on one of the case's sub-issues, as
Benchmarks/load.py's writers do), then read the board (`GET /`, the page, about 2 MB at 1M
statements) and `GET /api/v1/disputes`, then `GET /` ten times more with nothing changed (the kept
page answered again; timed as the ten together, divided by ten, as /proc counts CPU in 10 ms
ticks). For each read it records the wall time and the server's
CPU time (user + system, from /proc) spent between sending the request and the answer, which on a
shared machine is the steadier figure. At the end, the API's board from each server is compared
byte for byte with `parley report disputes --format json` run as a process on the same file, and the
page `/` with the page a server started afresh on the file makes: the board and the page the
server kept and brought up to date must equal ones made from scratch.

With --postgres ADMIN_URL (as Benchmarks/load.py takes it) each build serves its own PostgreSQL
database cloned from load.py's copy of the case, and the CPU time of that database's PostgreSQL
backends is measured beside the server's (where most of a PostgreSQL board's reading is done).

  python3 Benchmarks/board.py --before-server A/parley-server --before-parley A/parley \\
      --after-server B/parley-server --after-parley B/parley --db full.sqlite --work DIR --rounds 20
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time

from process import copy_db
from load import postgres_case

TICK = os.sysconf("SC_CLK_TCK")
KEPT_READS = 10


def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def backends_cpu(database):
    """The CPU time (user + system, seconds) of the PostgreSQL backends now connected to `database`."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            title = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            if title.startswith("postgres: ") and f" {database} " in title:
                total += cpu(pid)
        except OSError:
            pass
    return total


class Side:
    def __init__(self, name, server, parley, src, work, issues, postgres=None, size=None):
        self.name, self.server, self.parley, self.issues = name, server, parley, issues
        self.database = None
        if postgres:
            self.database = f"board_{name}"
            self.db = postgres_case(postgres, parley, src, size, run=self.database)
        else:
            self.db = os.path.join(work, f"{name}.sqlite")
            copy_db(src, self.db)
        subprocess.run([parley, "init", "--db", self.db], check=True, stdout=subprocess.DEVNULL)
        self.token = subprocess.run(
            [parley, "token", "add", "--name", f"board-{name}", "--role", "editor", "--db", self.db],
            check=True, capture_output=True, text=True).stdout.strip()
        self.process = subprocess.Popen([server, "--db", self.db, "--port", "0"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        self.port = int(re.search(r" on http://[^ ]*:(\d+)/", self.process.stdout.readline()).group(1))
        self.reads = {"/": [], "/api/v1/disputes": []}
        self.database_cpu = []  # the PostgreSQL backends' CPU per board page after a write
        self.writes = []
        self.kept = []
        self.n = 0

    def request(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        # A connection per request: the server closes one left idle (15 s) while the other build works.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        conn.connect()
        backends = backends_cpu(self.database) if self.database else 0
        before, start = cpu(self.process.pid), time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        answer = response.read()
        wall, spent = time.perf_counter() - start, cpu(self.process.pid) - before
        self.last_database_cpu = (backends_cpu(self.database) - backends) if self.database else 0
        conn.close()
        return response.status, answer, wall, spent

    def write(self, reference):
        self.n += 1
        body = json.dumps({
            "party": reference["add_party"], "issue": self.issues[(self.n * 7) % len(self.issues)],
            "kind": "assertion", "stance": f"board-{self.name}-{self.n}", "new_label": True,
            "summary": f"Board benchmark statement {self.n}.", "source": reference["add_source"]})
        status, answer, wall, spent = self.request("POST", "/api/v1/statements", body)
        if status != 201:
            sys.exit(f"board: {self.name}: write refused: {status} {answer[:200]!r}")
        self.writes.append((wall, spent))

    def read(self, path):
        status, answer, wall, spent = self.request("GET", path)
        if status != 200:
            sys.exit(f"board: {self.name}: {path} answered {status}")
        return answer, wall, spent

    def stop(self):
        self.process.terminate()
        self.process.wait()


def ms(values):
    return f"{statistics.median(values) * 1000:,.0f}"


def main():
    ap = argparse.ArgumentParser()
    for side in ("before", "after"):
        ap.add_argument(f"--{side}-server", required=True)
        ap.add_argument(f"--{side}-parley", required=True)
    ap.add_argument("--db", required=True, help="the case (copied for each build)")
    ap.add_argument("--reference", help="the benchmark data's folder (queries.json, reference.yaml)")
    ap.add_argument("--work", required=True)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--postgres", help="serve each build's copy of the case from PostgreSQL (see Benchmarks/load.py)")
    ap.add_argument("--statements", type=int, default=1_000_000, help="the case's size (names load.py's copy)")
    args = ap.parse_args()
    folder = args.reference or os.path.dirname(os.path.abspath(args.db))
    reference = json.load(open(os.path.join(folder, "queries.json")))
    issues = re.findall(r"^- id: (topic-\d+/sub-\d+)$", open(os.path.join(folder, "reference.yaml")).read(), re.M)
    os.makedirs(args.work, exist_ok=True)
    sides = [Side(name, server, parley, args.db, args.work, issues, args.postgres, args.statements)
             for name, server, parley in (("before", args.before_server, args.before_parley),
                                          ("after", args.after_server, args.after_parley))]
    try:
        first = {}
        for side in sides:
            _, wall, spent = side.read("/")
            first[side.name] = (wall, spent)
            side.read("/api/v1/disputes")
        for round in range(args.rounds):
            for side in (sides if round % 2 == 0 else sides[::-1]):
                side.write(reference)
                for path in side.reads:
                    _, wall, spent = side.read(path)
                    side.reads[path].append((wall, spent))
                    if path == "/":
                        side.database_cpu.append(side.last_database_cpu)
                again = [side.read("/") for _ in range(KEPT_READS)]
                side.kept.append((sum(r[1] for r in again) / KEPT_READS, sum(r[2] for r in again) / KEPT_READS))
        same, page_same = {}, {}
        for side in sides:
            kept, _, _ = side.read("/api/v1/disputes")
            fresh = subprocess.run([side.parley, "report", "disputes", "--format", "json", "--db", side.db],
                                   check=True, capture_output=True).stdout
            same[side.name] = json.loads(kept) == json.loads(fresh)
            # The page kept and brought up to date, against the page a server started now makes.
            kept_page, _, _ = side.read("/")
            side.stop()
            side.process = subprocess.Popen([side.server, "--db", side.db, "--port", "0"], stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, text=True)
            side.port = int(re.search(r" on http://[^ ]*:(\d+)/", side.process.stdout.readline()).group(1))
            fresh_page, _, _ = side.read("/")
            page_same[side.name] = kept_page == fresh_page
    finally:
        for side in sides:
            side.stop()
    print(f"{args.rounds} rounds of one write then the board, alternating; medians, milliseconds "
          "(wall / server CPU)\n")
    print("| build | first board `/` | board `/` after a write | `/api/v1/disputes` after a write "
          "| board `/` again, unchanged | the write | kept board = `parley report disputes` "
          "| kept page = a fresh server's |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for side in sides:
        w, c = first[side.name]
        page, api = side.reads["/"], side.reads["/api/v1/disputes"]
        print(f"| {side.name} | {w * 1000:,.0f} / {c * 1000:,.0f} | {ms([r[0] for r in page])} / "
              f"{ms([r[1] for r in page])} | {ms([r[0] for r in api])} / {ms([r[1] for r in api])} | "
              f"{ms([r[0] for r in side.kept])} / {ms([r[1] for r in side.kept])} | "
              f"{ms([r[0] for r in side.writes])} / {ms([r[1] for r in side.writes])} | {same[side.name]} | "
              f"{page_same[side.name]} |")
    if args.postgres:
        print("\nThe PostgreSQL backends' CPU for the board `/` after a write, median: " + ", ".join(
            f"{side.name} {ms(side.database_cpu)} ms" for side in sides))
    if not all(same.values()) or not all(page_same.values()):
        sys.exit("board: a kept board or page differs from one derived from scratch")


if __name__ == "__main__":
    main()
