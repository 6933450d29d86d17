# bin/bench footprint: each service's time from start to ready and its resident memory idle, under the
# ingest load and after it, next to a bare JVM with the same heap limit that does nothing.

if $quick; then FOOT_IDLE=5 FOOT_LOAD=10; else FOOT_IDLE=20 FOOT_LOAD=30; fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts one service and prints how many ms until it is up (wait_ready in bin/lib.sh, looking every 20 ms):
# as bin/run waits, so a consumer counts once it has joined its group.
start_timed() { # name port database
  local t0; t0="$(now_ms)"
  start_service "$1" "$2" "$3" >&2
  wait_ready "$1" "$2" 0.02
  echo $(( $(now_ms) - t0 ))
}

bench_footprint() {
  local names=() ready=() idle=() peak=() after=() entry name port db
  say "Footprint: starting each service in turn, ${FOOT_IDLE}s idle, ${FOOT_LOAD}s of ingest load at 16 users" >&2
  skip_submission_backlog # idle means idle: not working off what an earlier benchmark left
  stop_services
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r name port db <<<"$entry"
    local took; took="$(start_timed "$name" "$port" "$db")" || exit 1 # wait_ready said why
    names+=("$name"); ready+=("$took")
  done
  sleep "$FOOT_IDLE"
  for name in "${names[@]}"; do idle+=("$(rss_mb "$(cat "$RUN/pids/$name.pid")")"); peak+=(0); done
  tool IngestBenchmark --url "$SURVEY" --key "$KEYS/jwt-private.pem" --concurrency 16 --warmup 0 --duration "$FOOT_LOAD" >"$RUN/logs/footprint-load.log" 2>&1 &
  local load=$! i rss
  while kill -0 "$load" 2>/dev/null; do
    for i in "${!names[@]}"; do
      rss="$(rss_mb "$(cat "$RUN/pids/${names[$i]}.pid")")"; [ "$rss" -gt "${peak[$i]}" ] && peak[$i]="$rss"
    done
    sleep 1
  done
  wait "$load" || die "the load generator failed, see $RUN/logs/footprint-load.log"
  sleep 5
  for name in "${names[@]}"; do after+=("$(rss_mb "$(cat "$RUN/pids/$name.pid")")"); done

  # The reference: a JVM with indicator-service's options that starts and does nothing.
  local t0 jvm_start idle_pid jvm_rss reference_opts
  reference_opts="$(service_java_opts indicator-service)"
  t0="$(now_ms)"; "$SERVICE_JAVA" $reference_opts -cp "$BENCH_CP" no.rusmonitor.tools.bench.IdleJvm --exit; jvm_start=$(( $(now_ms) - t0 ))
  "$SERVICE_JAVA" $reference_opts -cp "$BENCH_CP" no.rusmonitor.tools.bench.IdleJvm & idle_pid=$!
  sleep 3; jvm_rss="$(rss_mb "$idle_pid")"; kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true

  echo "| service | start to ready ms | Quarkus' own \"started in\" | RSS idle MB | RSS peak under load MB | RSS after load MB | targets |"
  echo "|---|---|---|---|---|---|---|"
  for i in "${!names[@]}"; do
    echo "| ${names[$i]} | ${ready[$i]} | $(grep -o 'started in [0-9.]*s' "$RUN/logs/${names[$i]}.log" | tail -1 | cut -d' ' -f3) | ${idle[$i]} | ${peak[$i]} | ${after[$i]} | < 2,000 ms, < 250 MB |"
  done
  echo "| reference: a JVM that does nothing ($reference_opts) | $jvm_start (start to exit) | | $jvm_rss | | | |"
  echo
  echo "Load: $(grep '^RESULT' "$RUN/logs/footprint-load.log" | sed 's/^RESULT //')"
  echo "Services run on $("$SERVICE_JAVA" -version 2>&1 | head -1) with: $(for n in "${names[@]}"; do printf '%s `%s`; ' "$n" "$(service_java_opts "$n")"; done)start-up caches as in bin/lib.sh. RSS is VmRSS from /proc/<pid>/status."
  machine
}
