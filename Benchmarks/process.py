"""Running one measured process, shared by the benchmark scripts (run.py, batch.py, issue23.py)."""
import os
import subprocess
import sys
import time


def run(cmd, cwd=None, stdin_path=None):
    """Runs one process to its end, its output discarded; exits with its errors when it fails.
    Returns (wall seconds, CPU seconds: user + system, peak resident memory in MiB), from wait4."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0
