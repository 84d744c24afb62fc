#!/usr/bin/env bash
# Issue 22's costs at 1M statements, in one run (hyperfine, text output, wall time):
#   old  = 7a2ae0c (main before issue 22), on a database it imported itself;
#   new  = issue-22 HEAD on the benchmark's full.sqlite (no scales, no corrections);
#   scaled = new + a scale position-1 > … > position-5 on every issue (every move named);
#   corrected = scaled + corrections recorded later (labels renamed under one topic, 200 amendments,
#     50 retractions), asked without K, with K before the corrections, and with K after them.
set -euo pipefail
# Usage: NEW=… OLD=… D=bench-data/1000000 Benchmarks/issue22.sh (BENCHMARKS.md, issue 22).
SQL="$(cd "$(dirname "$0")" && pwd)/sql"
NEW=${NEW:?the parley binary to measure (NEW=…)}
OLD=${OLD:?the parley binary to compare with (OLD=…)}
D=${D:?the folder parley-bench wrote, with full.sqlite imported as Benchmarks/run.py does (D=…)}
W=${W:-$D/issue22}
mkdir -p $W
cd $D
Q() { python3 -c "import json;print(json.load(open('queries.json'))['$1'])"; }
ASOF=$(Q as_of); FROM=$(Q diff_from); TO=$(Q diff_to); HI=$(Q history_issue); HP=$(Q history_party)
if [ ! -f $W/old.sqlite ]; then
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
k() { echo "$1" | tr -d -; }
run() { # name, parley args, sqlite3 -cmd params, sql file
  local name=$1 op=$2 params=$3 sql=$4
  local extra=()
  if [ -n "$sql" ]; then extra=(-n sqlite3 "sqlite3 $params full.sqlite < $SQL/$sql"); fi
  hyperfine -w 1 -r ${RUNS:-4} --export-json $W/$name.json \
    "${extra[@]}" \
    -n old "$OLD $op --db $W/old.sqlite" \
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
