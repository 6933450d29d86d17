# bin/bench ingest: accepted submissions per second at increasing concurrency, next to pgbench
# committing a bare two-row insert transaction with as many clients on the same server.

if $quick; then INGEST_RUNS=1 INGEST_FIRST_WARMUP=20 INGEST_WARMUP=3 INGEST_DURATION=8 INGEST_LEVELS=(16)
else INGEST_RUNS=3 INGEST_FIRST_WARMUP=60 INGEST_WARMUP=5 INGEST_DURATION=20 INGEST_LEVELS=(4 16 64); fi

pgbench_rate() { # clients
  local db="${DB_PREFIX}_pgbench"
  psql_admin -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1 || psql_admin -c "create database $db" >/dev/null
  PGCONNECT_TIMEOUT=5 psql -X -q -h "$RUSMONITOR_PG_HOST" -p "$RUSMONITOR_PG_PORT" -U "$RUSMONITOR_PG_USER" -d "$db" \
    -c "set client_min_messages = warning; create table if not exists bench_parent (id bigserial primary key, code char(4), payload jsonb, created_at timestamptz);
        create table if not exists bench_child (id bigserial primary key, parent_id bigint, payload text, created_at timestamptz);
        truncate bench_parent, bench_child;" >/dev/null
  local script="$RUN/bench-two-rows.sql"
  cat >"$script" <<'SQL'
BEGIN;
INSERT INTO bench_parent (code, payload, created_at) VALUES ('0301', '{"users_total": 180}', now());
INSERT INTO bench_child (parent_id, payload, created_at) VALUES (currval('bench_parent_id_seq'), 'submission accepted', now());
COMMIT;
SQL
  pgbench -n -h "$RUSMONITOR_PG_HOST" -p "$RUSMONITOR_PG_PORT" -U "$RUSMONITOR_PG_USER" -f "$script" -c "$1" -j 2 -T "$INGEST_DURATION" "$db" 2>"$RUN/logs/pgbench.log" \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1
}

# The load generator runs once for all runs, driven through two named pipes (fd 7 to it, fd 8 from it): it
# signs its tokens and compiles its code once, and a run's numbers are not a new JVM's start.
start_generator() {
  local pipe="$RUN/ingest-generator" line
  rm -f "$pipe.in" "$pipe.out"; mkfifo "$pipe.in" "$pipe.out"
  java -cp "$BENCH_CP" no.rusmonitor.tools.bench.IngestBenchmark --url "$SURVEY" --key "$KEYS/jwt-private.pem" --serve true \
    <"$pipe.in" >"$pipe.out" 2>"$RUN/logs/ingest-generator.log" &
  GENERATOR_PID=$!
  exec 7>"$pipe.in" 8<"$pipe.out"
  read -r line <&8 && [ "$line" = READY ] || die "the load generator did not start, see $RUN/logs/ingest-generator.log"
}

stop_generator() { exec 7>&- 8<&-; wait "$GENERATOR_PID" 2>/dev/null || true; rm -f "$RUN/ingest-generator.in" "$RUN/ingest-generator.out"; }

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # a process's user + system CPU, in clock ticks
# Every PostgreSQL process's, and, through the server's main process, those of the backends that have ended
# (pgbench's, for one): a parent's stat counts the CPU of the children it has reaped.
all_postgres_ticks() {
  local pids; pids=" $(pgrep -x postgres | tr '\n' ' ')"
  for p in $pids; do cat "/proc/$p/stat" 2>/dev/null; done | awk -v pids="$pids" \
    '{s += $14 + $15; if (index(pids, " " $4 " ") == 0) s += $16 + $17} END {print s + 0}'
}
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # the machine's, all cores
# CPU ticks so far: survey-service, PostgreSQL (every backend), Kafka, the load generator, the whole machine.
cpu_snapshot() {
  echo "$(ticks "$(cat "$RUN/pids/survey-service.pid")") $(all_postgres_ticks) $(ticks "$(cat "$RUN/pids/kafka.pid")") $(ticks "$GENERATOR_PID") $(busy_ticks)"
}
# CPU milliseconds per unit between two snapshots, for each of their fields: "before" "after" units
cpu_per() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
  split(a, x, " "); split(b, y, " "); for (i = 1; i <= 5; i++) printf "%s%.2f", (i > 1 ? " " : ""), (n > 0 ? (y[i] - x[i]) * 1000 / hz / n : 0) }'; }

ingest() { # concurrency [warm-up seconds]: the RESULT line, then cpu_ms= survey/postgres/kafka/generator/machine per accepted
  local line before after
  echo "$1 ${2:-$INGEST_WARMUP} $INGEST_DURATION" >&7
  read -r line <&8 && [ "$line" = MEASURING ] || die "the load generator stopped, see $RUN/logs/ingest-generator.log"
  before="$(cpu_snapshot)"
  read -r line <&8 || die "the load generator stopped, see $RUN/logs/ingest-generator.log"
  after="$(cpu_snapshot)"
  echo "$line cpu_ms=$(cpu_per "$before" "$after" "$(field accepted <<<"$line ")" | tr ' ' /)"
}

# pgbench's rate, with the CPU its server and the whole machine spent per transaction: "tps postgres_ms/machine_ms"
pgbench_measured() { # clients
  local before after tps
  before="$(cpu_snapshot)"; tps="$(pgbench_rate "$1")"; after="$(cpu_snapshot)"
  # No rate is no reference: pgbench missing, or the server out of connections with the services' pools.
  [ -n "$tps" ] || die "pgbench measured nothing with $1 clients, see $RUN/logs/pgbench.log"
  echo "$tps $(cpu_per "$before" "$after" "$(awk "BEGIN {print $tps * $INGEST_DURATION}")" | awk '{print $2 "/" $5}')"
}

bench_ingest() {
  # What is measured is survey-service's path (HTTP, PostgreSQL, the outbox relay to Kafka). The consumers
  # of its events would otherwise work off the runs' backlog at the same time, on the same two cores, and
  # take their share from both the service and the reference.
  stop_pid indicator-service; stop_pid report-service
  say "Ingest: warming up for ${INGEST_FIRST_WARMUP}s, then $INGEST_RUNS run(s) of ${INGEST_DURATION}s per level after ${INGEST_WARMUP}s warm-up each (indicator-service and report-service stopped)" >&2
  start_generator
  ingest 16 "$INGEST_FIRST_WARMUP" >/dev/null
  echo "| concurrency | accepted/s (median) | runs | p50 ms | p90 ms | p99 ms | max ms | errors | pgbench 2-row tx/s (median) | ratio | CPU ms per submission: survey-service / PostgreSQL / Kafka / generator / machine | CPU ms per pgbench tx: PostgreSQL / machine |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for c in "${INGEST_LEVELS[@]}"; do
    local rates=() refs=() lines=() line rate ref mid refline
    for _ in $(seq 1 "$INGEST_RUNS"); do
      line="$(pgbench_measured "$c")" || exit 1 # pgbench_measured said why
      refs+=("$line")
      line="$(with_vacuum ingest "$c")" || exit 1 # the generator stopped (ingest said why): no table of empty rows
      lines+=("$line"); rates+=("$(field rate <<<"$line")")
    done
    rate="$(printf '%s\n' "${rates[@]}" | median)"; ref="$(printf '%s\n' "${refs[@]}" | cut -d' ' -f1 | median)"
    # Latencies and CPU of the median run; the CPU of the median reference.
    mid="$(for l in "${lines[@]}"; do echo "$(field rate <<<"$l") $l"; done | sort -g | sed -n "$(( (INGEST_RUNS + 1) / 2 ))p")"
    refline="$(printf '%s\n' "${refs[@]}" | sort -g | sed -n "$(( (INGEST_RUNS + 1) / 2 ))p")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s |\n' "$c" "$rate" "$(printf '%s/' "${rates[@]}" | sed 's#/$##')" \
      "$(field p50_ms <<<"$mid")" "$(field p90_ms <<<"$mid")" "$(field p99_ms <<<"$mid")" "$(field max_ms <<<"$mid")" \
      "$(field errors <<<"$mid")" "$ref" "$(awk "BEGIN {print $rate / $ref}")" "$(field cpu_ms <<<"$mid " | tr / ' ' | sed 's/ / \/ /g')" \
      "$(cut -d' ' -f2 <<<"$refline" | sed 's#/# / #')"
  done
  stop_generator
  echo
  machine
  # The events of these runs would otherwise wait for the next benchmark's indicator-service.
  skip_submission_backlog
}
