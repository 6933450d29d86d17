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
  pgbench -n -h "$RUSMONITOR_PG_HOST" -p "$RUSMONITOR_PG_PORT" -U "$RUSMONITOR_PG_USER" -f "$script" -c "$1" -j 2 -T "$INGEST_DURATION" "$db" 2>/dev/null \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1
}

ingest() { # concurrency [warm-up seconds]
  tool IngestBenchmark --url "$SURVEY" --key "$KEYS/jwt-private.pem" --concurrency "$1" --warmup "${2:-$INGEST_WARMUP}" \
    --duration "$INGEST_DURATION" | grep '^RESULT'
}

bench_ingest() {
  # What is measured is survey-service's path (HTTP, PostgreSQL, the outbox relay to Kafka). The consumers
  # of its events would otherwise work off the runs' backlog at the same time, on the same two cores, and
  # take their share from both the service and the reference.
  stop_pid indicator-service; stop_pid report-service
  say "Ingest: warming up for ${INGEST_FIRST_WARMUP}s, then $INGEST_RUNS run(s) of ${INGEST_DURATION}s per level after ${INGEST_WARMUP}s warm-up each (indicator-service and report-service stopped)" >&2
  ingest 16 "$INGEST_FIRST_WARMUP" >/dev/null
  echo "| concurrency | accepted/s (median) | runs | p50 ms | p90 ms | p99 ms | max ms | errors | pgbench 2-row tx/s (median) | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for c in "${INGEST_LEVELS[@]}"; do
    local rates=() refs=() lines=() line rate ref mid
    for _ in $(seq 1 "$INGEST_RUNS"); do
      refs+=("$(pgbench_rate "$c")")
      line="$(with_vacuum ingest "$c")"; lines+=("$line"); rates+=("$(field rate <<<"$line")")
    done
    rate="$(printf '%s\n' "${rates[@]}" | median)"; ref="$(printf '%s\n' "${refs[@]}" | median)"
    # Latencies of the median run.
    mid="$(for l in "${lines[@]}"; do echo "$(field rate <<<"$l") $l"; done | sort -g | sed -n "$(( (INGEST_RUNS + 1) / 2 ))p")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f |\n' "$c" "$rate" "$(printf '%s/' "${rates[@]}" | sed 's#/$##')" \
      "$(field p50_ms <<<"$mid")" "$(field p90_ms <<<"$mid")" "$(field p99_ms <<<"$mid")" "$(field max_ms <<<"$mid")" \
      "$(field errors <<<"$mid")" "$ref" "$(awk "BEGIN {print $rate / $ref}")"
  done
  echo
  machine
  # The events of these runs would otherwise wait for the next benchmark's indicator-service.
  skip_submission_backlog
}
