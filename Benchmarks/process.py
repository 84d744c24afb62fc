"""What the benchmark scripts share: running one measured process, and copying a database."""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time


def run(cmd, cwd=None, stdin_path=None):
    """Runs one process to its end, its output discarded; exits with its errors when it fails.
    Returns (wall seconds, CPU seconds: user + system, peak resident memory in MiB), from wait4."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    # The child's errors go to a file, not a pipe: a pipe read only after wait4 fills at 64 KB and
    # the child then waits for a reader that never comes (a batch listing every wrong line did).
    error_file = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=error_file)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    error_file.seek(0)
    err = error_file.read().decode(errors="replace")
    error_file.close()
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def timed(cmd, cwd=None, stdin_path=None):
    """`run` without the memory: (wall seconds, CPU seconds)."""
    wall, cpu, _ = run(cmd, cwd, stdin_path)
    return wall, cpu


def copy_db(src, dst):
    """Makes `dst` a copy of the database `src`, removing what was at `dst` (its -wal and -shm too).
    Copied through SQLite's backup, so the copy is whole even when `src` has a write-ahead log."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
