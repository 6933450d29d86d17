#!/usr/bin/env bash
# Benchmark (not a test) of report-service's national report: the service as a built jar against its own
# PostgreSQL database filled with ten years (2015-2024) of values for every municipality, 20 indicators,
# counties and the country (bench/generate.sql). Measures the analyst's draft of the 2024 national report
# (assembled from the read model on every request) as HTML and as PDF, after a warm-up, one request at a
# time, then six analysts at once, and prints Markdown tables for docs/benchmarks.md.
#
#   report-service/bench/run.sh            build the jar if missing, then measure
#   report-service/bench/run.sh --rebuild  build the jar again first
#   HTML_RUNS=50 PDF_RUNS=20 CONCURRENT=6 CONCURRENT_RUNS=48 report-service/bench/run.sh
#
# Runs on the JVM, with the options and the start-up cache bin/run gives report-service (bin/lib.sh; the
# first run after a build records the cache when the service stops). Uses the PostgreSQL bin/infra uses
# (database rusmonitor_report_bench, dropped and made again each run), the development signing key
# (.run/keys), and port 18083. Kafka is deliberately unreachable: the read
# model is filled directly, and nothing from a running system can change it during the measurement.
source "$(dirname "$0")/../../bin/lib.sh"

HTML_RUNS="${HTML_RUNS:-40}" PDF_RUNS="${PDF_RUNS:-15}" WARMUP="${WARMUP:-30}" PORT="${PORT:-18083}" DB=rusmonitor_report_bench
CONCURRENT="${CONCURRENT:-6}" CONCURRENT_RUNS="${CONCURRENT_RUNS:-48}"
JAR="$ROOT/report-service/target/quarkus-app/quarkus-run.jar"
LOG="$RUN/logs/report-bench.log"

require_java
ensure_postgres
ensure_keys
if [ "${1:-}" = --rebuild ] || [ ! -f "$JAR" ]; then
  say "Building report-service"
  (cd "$ROOT" && ./mvnw -q -B install -DskipTests -pl report-service -am) >"$RUN/logs/report-bench-build.log" 2>&1 \
    || die "the build failed, see .run/logs/report-bench-build.log"
fi
port_open 127.0.0.1 "$PORT" && die "port $PORT is taken"

psql_admin -c "drop database if exists $DB with (force)" >/dev/null
psql_admin -c "create database $DB" >/dev/null

say "Starting report-service on $PORT (database $DB)"
service_options_into report-service JVM_OPTIONS
QUARKUS_HTTP_PORT="$PORT" \
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$RUSMONITOR_PG_HOST:$RUSMONITOR_PG_PORT/$DB" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$RUSMONITOR_PG_HOST:$RUSMONITOR_PG_PORT/$DB" \
QUARKUS_DATASOURCE_USERNAME="$RUSMONITOR_PG_USER" QUARKUS_DATASOURCE_PASSWORD="${RUSMONITOR_PG_PASSWORD:-}" \
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:9" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$KEYS/jwt-public.pem" \
  "$SERVICE_JAVA" "${JVM_OPTIONS[@]}" -jar "$JAR" >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
wait_for_port 127.0.0.1 "$PORT" 60 "report-service"

say "Generating the read model"
PGCONNECT_TIMEOUT=5 psql -X -q -h "$RUSMONITOR_PG_HOST" -p "$RUSMONITOR_PG_PORT" -U "$RUSMONITOR_PG_USER" -d "$DB" \
  -f "$(dirname "$0")/generate.sql" <"$ROOT/platform/reference-data/src/main/resources/no/rusmonitor/reference/population-2015-2024.csv" \
  | tee "$RUN/logs/report-bench-data.txt"

TOKEN="$("$ROOT/bin/token" analyst)"
URL="http://127.0.0.1:$PORT/api/reports/national/2024"
fetch() { curl -sS -o /tmp/report-bench.$1 -w '%{http_code} %{time_total} %{size_download}\n' -H "Authorization: Bearer $TOKEN" "$URL.$1?lang=${2:-nb}"; }

say "Warming up ($WARMUP HTML and $((WARMUP / 3)) PDF requests)"
for _ in $(seq 1 "$WARMUP"); do fetch html >/dev/null; done
for _ in $(seq 1 $((WARMUP / 3))); do fetch pdf >/dev/null; done

stats() { # format runs -> "p50 p90 max bytes" in ms
  for _ in $(seq 1 "$2"); do
    read -r code seconds bytes < <(fetch "$1")
    [ "$code" = 200 ] || die "$1 answered $code, see $LOG"
    echo "$seconds $bytes"
  done | sort -g | awk '{t[NR]=$1*1000; b=$2} END {printf "%.0f %.0f %.0f %d", t[int(NR*0.5+0.5)], t[int(NR*0.9+0.5)], t[NR], b}'
}
# Several analysts at once: $CONCURRENT requests in flight, HTML and PDF in turn. Any answer but 200 is
# counted as failed rather than ending the run: whether they all succeed is what this measures.
together() { # -> "answered failed seconds"
  local start end answers
  start=$(date +%s.%N)
  answers="$(for i in $(seq 1 "$CONCURRENT_RUNS"); do if [ $((i % 2)) = 0 ]; then echo pdf; else echo html; fi; done \
    | xargs -P "$CONCURRENT" -I{} curl -sS -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" "$URL.{}?lang=nb" || true)"
  end=$(date +%s.%N)
  echo "$(grep -c '^200$' <<<"$answers") $(grep -vc '^200$' <<<"$answers") $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", e - s}')"
}
# The service's resident memory every 200 ms while a measurement runs, as footprint measures it under
# ingest load: rendering is report-service's own load.
sampled() { # command... -> its output and the peak RSS in MB
  local samples="$RUN/logs/report-bench-rss.txt" sampler result
  (while kill -0 "$pid" 2>/dev/null; do rss_mb "$pid"; echo; sleep 0.2; done) >"$samples" &
  sampler=$!
  result="$("$@")"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  echo "$result $(sort -n "$samples" | tail -1)"
}
read -r h50 h90 hmax hbytes hrss <<<"$(sampled stats html "$HTML_RUNS")"
read -r p50 p90 pmax pbytes prss <<<"$(sampled stats pdf "$PDF_RUNS")"
say "$CONCURRENT analysts at once, $CONCURRENT_RUNS requests"
read -r cok cfail csec crss <<<"$(sampled together)"

echo
echo "| format | requests | p50 ms | p90 ms | max ms | size | peak RSS | target |"
echo "|---|---|---|---|---|---|---|---|"
printf '| HTML | %s | %s | %s | %s | %s kB | %s MB | < 200 ms |\n' "$HTML_RUNS" "$h50" "$h90" "$hmax" "$((hbytes / 1024))" "$hrss"
printf '| PDF | %s | %s | %s | %s | %s kB | %s MB | < 2,000 ms |\n' "$PDF_RUNS" "$p50" "$p90" "$pmax" "$((pbytes / 1024))" "$prss"
echo
echo "| analysts at once | requests, HTML and PDF in turn | answered | failed | time | peak RSS |"
echo "|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %s s | %s MB |\n' "$CONCURRENT" "$CONCURRENT_RUNS" "$cok" "$cfail" "$csec" "$crss"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, report-service on $("$SERVICE_JAVA" -version 2>&1 | head -1) with $(service_java_opts report-service | xargs) and ${RUSMONITOR_REPORT_RENDER_THREADS:-$(nproc)} render threads, PostgreSQL $(psql_admin -tAc 'show server_version'), $(date -u +%Y-%m-%d)."
