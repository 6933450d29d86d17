# bin/bench freshness: from survey-service's 201 to the changed value on indicator-service's live stream,
# at a steady 100 submissions/s, next to the broker's own produce-to-consume latency at the same rate.

# The first warm-up is long: at 100/s the five JVMs on two cores (three services, the broker, the load
# generator) are still compiling their hot code a minute after start, and a shorter one measured the
# compilers as much as the path (docs/benchmarks.md, Freshness). FRESH_FIRST_WARMUP=30 gives the old one.
if $quick; then FRESH_RUNS=1 FRESH_FIRST_WARMUP="${FRESH_FIRST_WARMUP:-20}" FRESH_WARMUP=5 FRESH_DURATION=15
else FRESH_RUNS=3 FRESH_FIRST_WARMUP="${FRESH_FIRST_WARMUP:-120}" FRESH_WARMUP=10 FRESH_DURATION=20; fi
FRESH_RATE="${FRESH_RATE:-100}"

freshness() { # warm-up seconds
  tool FreshnessBenchmark --survey "$SURVEY" --indicator "$INDICATOR" --key "$KEYS/jwt-private.pem" --rate "$FRESH_RATE" \
    --warmup "$1" --duration "$FRESH_DURATION" | grep '^RESULT'
}

round_trip() {
  tool KafkaRoundTrip --bootstrap "$KAFKA_BOOTSTRAP" --rate "$FRESH_RATE" --warmup 5 --duration "$FRESH_DURATION" 2>"$RUN/logs/kafka-round-trip.log" \
    | grep '^RESULT' || die "the Kafka round trip measured nothing, see $RUN/logs/kafka-round-trip.log"
}

bench_freshness() {
  # What is measured is a steady stream, not a backlog another benchmark left behind.
  skip_submission_backlog
  say "Freshness at ${FRESH_RATE}/s: first warm-up ${FRESH_FIRST_WARMUP}s, then $FRESH_RUNS run(s) of ${FRESH_DURATION}s, each after a Kafka round trip run" >&2
  local first=true p50s=() p99s=() k50s=() k99s=() table="" row
  # The last two columns split the latency where indicator-service's job began (the value's computedAt): before it,
  # survey-service's relay, Kafka and the wait for the engine; after it, the job, its commit and the stream.
  echo "| run | accepted/s | seen | not seen | p50 ms | p95 ms | p99 ms | max ms | p50/p99 ms from sending | Kafka round trip p50 / p95 / p99 ms | 201 → job began p50 / p99 ms | job began → stream p50 / p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for run in $(seq 1 "$FRESH_RUNS"); do
    local ref line
    ref="$(round_trip)" || exit 1 # round_trip said why
    if $first; then line="$(with_vacuum freshness "$FRESH_FIRST_WARMUP")"; first=false; else line="$(with_vacuum freshness "$FRESH_WARMUP")"; fi
    printf -v row '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s / %s | %s / %s | %s / %s |' "$run" "$(field rate <<<"$line")" "$(field seen <<<"$line")" \
      "$(field unseen <<<"$line")" "$(field p50_ms <<<"$line")" "$(field p95_ms <<<"$line")" "$(field p99_ms <<<"$line")" \
      "$(field max_ms <<<"$line")" "$(field sent_p50_ms <<<"$line")" "$(field sent_p99_ms <<<"$line")" \
      "$(field p50_ms <<<"$ref")" "$(field p95_ms <<<"$ref")" "$(field p99_ms <<<"$ref")" \
      "$(field until_job_p50_ms <<<"$line")" "$(field until_job_p99_ms <<<"$line")" "$(field from_job_p50_ms <<<"$line")" \
      "$(field from_job_p99_ms <<<"$line")"
    echo "$row"; table+="$row"$'\n'
    # Only runs that saw their events have latencies.
    if [ "$(field seen <<<"$line")" != 0 ]; then p50s+=("$(field p50_ms <<<"$line")"); p99s+=("$(field p99_ms <<<"$line")"); fi
    k50s+=("$(field p50_ms <<<"$ref")"); k99s+=("$(field p99_ms <<<"$ref")")
    [ "$(field errors <<<"$line")" = 0 ] || echo "(run $run: $(field errors <<<"$line") submissions refused: ${line##*errors=})"
  done
  echo
  if grep -q '^| [0-9]* | [0-9.]* | 0 |' <<<"$table"; then
    echo "A run whose events were not seen at all (\"seen\" 0) has no latencies: indicator-service fell behind the rate by more than the run and the 30 s after it."
  fi
  [ "${#p50s[@]}" -gt 0 ] && echo "Median of the ${#p50s[@]} run(s) that saw their events: p50 $(printf '%s\n' "${p50s[@]}" | median) ms ($(printf '%s\n' "${p50s[@]}" | spread)), p99 $(printf '%s\n' "${p99s[@]}" | median) ms ($(printf '%s\n' "${p99s[@]}" | spread)); targets 50 / 250 ms."
  echo "Kafka round trip, median: p50 $(printf '%s\n' "${k50s[@]}" | median) ms, p99 $(printf '%s\n' "${k99s[@]}" | median) ms."
  echo
  machine
}
