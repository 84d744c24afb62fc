#!/usr/bin/env bash
# Issue 22's costs at 1M statements, in one run (hyperfine, text output; compare CPU, user + sys,
# from the JSON it exports, on a shared machine):
#   sqlite3 = the Benchmarks/sql/ baselines on full.sqlite (positions, disputes, diff, history);
#   old  = (optional, OLD=…) 7a2ae0c (main before issue 22), on a database it imported itself;
#   new  = NEW on the benchmark's full.sqlite (no scales, no corrections);
#   scaled = new + a scale position-1 > … > position-5 on every issue (every move named);
#   corrected = scaled + corrections recorded later (labels renamed under one topic, 200 amendments,
#     50 retractions), asked without K, with K before the corrections, and with K after them.
# With IMPORT=1 it also times the bulk import of statements.csv (NEW against sqlite3's
# Benchmarks/sql/import.sql, each into a copy of the reference records, as Benchmarks/run.py does).
set -euo pipefail
# Usage: NEW=… [OLD=…] [IMPORT=1] D=bench-data/1000000 Benchmarks/issue22.sh (BENCHMARKS.md, issue 22).
SQL="$(cd "$(dirname "$0")" && pwd)/sql"
NEW=${NEW:?the parley binary to measure (NEW=…)}
OLD=${OLD:-}
D=${D:?the folder parley-bench wrote, with full.sqlite imported as Benchmarks/run.py does (D=…)}
D=$(cd "$D" && pwd)
W=${W:-$D/issue22}
mkdir -p $W
cd $D
Q() { python3 -c "import json;print(json.load(open('queries.json'))['$1'])"; }
ASOF=$(Q as_of); FROM=$(Q diff_from); TO=$(Q diff_to); HI=$(Q history_issue); HP=$(Q history_party)
if [ -n "$OLD" ] && [ ! -f $W/old.sqlite ]; then
  $OLD import reference.yaml --db $W/old.sqlite >/dev/null
  /usr/bin/time -f "old bulk import of 1M: %e s, %M KiB" $OLD import statements.csv --db $W/old.sqlite >/dev/null
  sqlite3 $W/old.sqlite "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
if [ ! -f $W/scaled.sqlite ]; then
  cp full.sqlite $W/scaled.sqlite
  export PARLEY_NOW=2026-01-15T00:00:00Z
  n=0
  for issue in $(sqlite3 $W/scaled.sqlite "select id from issue where pk in (select issue_pk from position_key)"); do
    $NEW labels scale --db $W/scaled.sqlite --issue "$issue" position-1 position-2 position-3 position-4 position-5 >/dev/null 2>&1 && n=$((n+1))
  done
  echo "scales recorded on $n issues"
  sqlite3 $W/scaled.sqlite "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
if [ ! -f $W/corrected.sqlite ]; then
  cp $W/scaled.sqlite $W/corrected.sqlite
  export PARLEY_NOW=2026-03-01T00:00:00Z
  for issue in $(sqlite3 $W/corrected.sqlite "select id from issue where parent_pk is null order by id limit 1"); do
    $NEW labels rename --db $W/corrected.sqlite --issue "$issue" --from position-1 --to position-1b >/dev/null
  done
  for n in $(seq 1000 4000 800000); do
    $NEW amend $n --db $W/corrected.sqlite --summary "Amended $n." --reason bench >/dev/null 2>&1 || true
  done
  for n in $(seq 3000 16000 800000); do
    $NEW retract $n --db $W/corrected.sqlite --reason bench >/dev/null 2>&1 || true
  done
  sqlite3 $W/corrected.sqlite "select count(*) from change_log" 2>/dev/null || true
  sqlite3 $W/corrected.sqlite "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
unset PARLEY_NOW
if [ "${IMPORT:-0}" = 1 ]; then
  [ -f $W/ref.sqlite ] || { $NEW import reference.yaml --db $W/ref.sqlite >/dev/null; sqlite3 $W/ref.sqlite "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; }
  hyperfine -w 0 -r ${IMPORT_RUNS:-2} --export-json $W/import.json \
    --prepare "rm -f $W/imp.sqlite*; cp $W/ref.sqlite $W/imp.sqlite" \
    -n sqlite3 "sqlite3 $W/imp.sqlite < $SQL/import.sql" \
    -n new "$NEW import statements.csv --db $W/imp.sqlite" 2>&1 | grep -v "^ *$"
  rm -f $W/imp.sqlite*
fi
k() { echo "$1" | tr -d -; }
run() { # name, parley args, sqlite3 -cmd params, sql file
  local name=$1 op=$2 params=$3 sql=$4
  local extra=()
  if [ -n "$sql" ]; then extra=(-n sqlite3 "sqlite3 $params full.sqlite < $SQL/$sql"); fi
  local old=()
  if [ -n "$OLD" ]; then old=(-n old "$OLD $op --db $W/old.sqlite"); fi
  hyperfine -w 1 -r ${RUNS:-4} --export-json $W/$name.json \
    "${extra[@]}" "${old[@]}" \
    -n new "$NEW $op --db full.sqlite" \
    -n scaled "$NEW $op --db $W/scaled.sqlite" \
    -n corrected "$NEW $op --db $W/corrected.sqlite" \
    -n "corrected K=2026-02-01" "$NEW $op --db $W/corrected.sqlite --known-as-of 2026-02-01" \
    -n "corrected K=2026-12-31" "$NEW $op --db $W/corrected.sqlite --known-as-of 2026-12-31" \
    2>&1 | grep -v "^ *$"
}
p() { local out=""; for a in "$@"; do out+=" -cmd '.parameter set :$a'"; done; echo "$out"; }
run disputes "report disputes" "$(p 'asof 99991231')" disputes.sql
run positions "report positions --as-of $ASOF" "$(p "asof $(k $ASOF)")" positions.sql
run diff "diff --from $FROM --to $TO" "$(p "d1 $(k $FROM)" "d2 $(k $TO)")" diff.sql
run history "history --issue $HI --party $HP" "$(p "issue $HI" "party $HP")" history.sql
run contradictions "report contradictions" "" ""
run agreements "report agreements" "" ""
# Mean wall / mean CPU (user + system) per command, in seconds, from the exported JSON.
for f in $W/import.json $W/disputes.json $W/positions.json $W/diff.json $W/history.json $W/contradictions.json $W/agreements.json; do
  [ -f $f ] || continue
  python3 - "$f" <<'PY'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
print(sys.argv[1].rsplit("/", 1)[-1][:-5])
for r in data["results"]:
    cpu = [u + s for u, s in zip(r["user"], r["system"])] if isinstance(r["user"], list) else [r["user"] + r["system"]]
    print(f"  {r['command']:<24} {r['mean']:7.2f} / {statistics.mean(cpu):5.2f}")
PY
done
