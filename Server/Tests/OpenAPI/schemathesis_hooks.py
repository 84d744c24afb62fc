"""Schemathesis hooks for Scripts/check-api: a check that a refused request wrote nothing, and a
count of the requests sent.

The database is watched through SQLite's `PRAGMA data_version` on a read-only connection of its
own: the number changes when any other connection commits. Schemathesis runs one request at a
time here (--workers 1), so a change between a request and its answer is that request's write.

PARLEY_FUZZ_DB names the database; PARLEY_FUZZ_SUMMARY the file the counts are written to.
"""
import atexit
import json
import os
import re
import sqlite3
from collections import Counter

import schemathesis

DATABASE = os.environ["PARLEY_FUZZ_DB"]
SUMMARY = os.environ.get("PARLEY_FUZZ_SUMMARY")
# Schemathesis calls the hooks from its worker thread; one request at a time (--workers 1).
connection = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
requests = Counter()
statuses = Counter()
reasons = Counter()
refused_writes = Counter()
before = {}


def data_version():
    return connection.execute("PRAGMA data_version").fetchone()[0]


def change_count():
    return connection.execute("SELECT count(*) FROM change_log").fetchone()[0]


@schemathesis.hook
def before_call(context, case, kwargs):
    before[id(case)] = (data_version(), change_count())


@schemathesis.hook
def after_call(context, case, response):
    requests[f"{case.method} {case.path}"] += 1
    statuses[str(response.status_code)] += 1
    if response.status_code == 400:
        try:
            detail = response.json().get("detail", "")
        except ValueError:
            detail = response.text
        # Quoted values (ids, labels, dates) vary from request to request: counted as one reason.
        reason = re.sub(r"'[^']*'", "'…'", detail)[:140]
        reasons[f"{case.method} {case.path}: {reason}"] += 1


@schemathesis.check
def refused_request_writes_nothing(ctx, response, case):
    """A request answered with 4xx or 5xx left the database exactly as it was."""
    was = before.pop(id(case), None)
    if was is None or response.status_code < 400:
        return None
    if case.method.upper() != "GET":
        refused_writes[str(response.status_code)] += 1
    now = (data_version(), change_count())
    if now != was:
        raise AssertionError(
            f"{case.method} {case.path} was refused with {response.status_code}, yet the database changed "
            f"(data_version {was[0]} -> {now[0]}, change log {was[1]} -> {now[1]} entries)")
    return None


def write_summary():
    """The counts as JSON, and in a line for people."""
    if not SUMMARY:
        return
    summary = {
        "requests": sum(requests.values()),
        "per_operation": dict(sorted(requests.items())),
        "statuses": dict(sorted(statuses.items())),
        "refused_writes_checked": sum(refused_writes.values()),
        # Why requests were refused with 400, most frequent first: where the document admits what
        # the server refuses (Schemathesis warns of a "schema validation mismatch").
        "reasons_400": dict(reasons.most_common(80)),
    }
    with open(SUMMARY, "w") as out:
        json.dump(summary, out, indent=2)
    with open(SUMMARY + ".txt", "w") as out:
        per = ", ".join(f"{name}: {count}" for name, count in summary["per_operation"].items())
        codes = ", ".join(f"{code}: {count}" for code, count in summary["statuses"].items())
        out.write(
            f"{summary['requests']} requests ({per}); statuses {codes}; "
            f"{summary['refused_writes_checked']} refused writes checked to have written nothing\n")


atexit.register(write_summary)
