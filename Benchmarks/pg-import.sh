#!/usr/bin/env bash
# Issue 24: the client CPU of one import into a case on PostgreSQL, by two Parley binaries in one
# run, beside SQLite's own import of the same file. Runs under Scripts/with-postgres:
#
#   BEFORE=parley-main AFTER=parley-branch DATA=/tmp/pgbench SIZE=100000 \
#     EXTRA=/tmp/pgbench/extra-10000/extra.csv ROUNDS="1 2" Scripts/with-postgres Benchmarks/pg-import.sh
#
# DATA/SIZE/full.sqlite is the case (parley-bench's statements imported into an SQLite file); it is
# copied into a database `bench` once (by AFTER) and analysed, and each round imports EXTRA with
# each binary into a fresh copy of it (CREATE DATABASE … TEMPLATE), timed with /usr/bin/time
# (wall, user, system, peak RSS), then compares what the two left: the statements by number, the
# pairs, and the change log without its times (cmp). Last, SQLite's import of EXTRA into a copy
# of the file. Both binaries need the PostgreSQL trait.
set -euo pipefail
data=${DATA:-/tmp/pgbench}
size=${SIZE:-100000}
extra=${EXTRA:-$data/extra-10000/extra.csv}
before=${BEFORE:?the binary before (BEFORE=...)}
after=${AFTER:?the binary after (AFTER=...)}
base="${PARLEY_TEST_POSTGRES%/postgres}"
export PGPASSWORD=$(python3 -c "import urllib.parse, os; print(urllib.parse.urlparse(os.environ['PARLEY_TEST_POSTGRES']).password)")
read -r host port < <(python3 -c "import urllib.parse, os; u = urllib.parse.urlparse(os.environ['PARLEY_TEST_POSTGRES']); print(u.hostname, u.port)")
sql() { psql -X -q -h "$host" -p "$port" -U parley_ci -d "$1" -c "$2"; }
sql postgres "CREATE DATABASE bench"
"$after" init --db "$base/bench" >/dev/null
/usr/bin/time -f "copy into PostgreSQL: %e s wall, %U user, %S sys, %M KiB" \
    "$after" copy --from "$data/$size/full.sqlite" --to "$base/bench" >/dev/null
sql bench "VACUUM ANALYZE"
for round in ${ROUNDS:-1}; do
    for which in before after; do
        db="b_${which}_${round}"
        bin=$before
        [ "$which" = after ] && bin=$after
        sql postgres "CREATE DATABASE $db TEMPLATE bench"
        uptime
        /usr/bin/time -f "$which round $round: %e s wall, %U user, %S sys, %M KiB" "$bin" import "$extra" --db "$base/$db"
        sql "$db" "\\copy (SELECT * FROM parley.statement ORDER BY pk) TO '$data/$db.statement.tsv'"
        sql "$db" "\\copy (SELECT * FROM parley.position_key ORDER BY 1, 2) TO '$data/$db.position_key.tsv'"
        sql "$db" "\\copy (SELECT pk, action, kind, record, changes FROM parley.change_log ORDER BY pk) TO '$data/$db.change_log.tsv'"
    done
    for table in statement position_key change_log; do
        cmp "$data/b_before_$round.$table.tsv" "$data/b_after_$round.$table.tsv" \
            && echo "round $round: $table identical ($(wc -l <"$data/b_after_$round.$table.tsv") rows)"
    done
done
cp "$data/$size/full.sqlite" "$data/sqlite-copy.sqlite"
/usr/bin/time -f "SQLite import (baseline): %e s wall, %U user, %S sys, %M KiB" \
    "$after" import "$extra" --db "$data/sqlite-copy.sqlite"
