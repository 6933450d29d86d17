# bin/bench rebuild: a full rebuild of every indicator over ten years of demo data (every municipality of
# 2015-2024, submitted through survey-service), next to one SQL aggregate over the same stored answers.

if $quick; then REBUILD_RUNS=3; else REBUILD_RUNS=7; fi

# Ten years of answers for indicator-service. The demo loader submits them through survey-service; then,
# rather than wait for indicator-service to take in some four thousand first submissions one by one
# (each recomputes every indicator of its year; on a busy machine that takes many minutes), they are
# copied across (skip_submission_backlog in bin/bench).
load_answers() {
  "$ROOT/bin/demo" >"$RUN/logs/demo.log" 2>&1 || die "the demo loader failed, see $RUN/logs/demo.log"
  skip_submission_backlog
}

rebuild_once() { # prints: duration_ms values_computed values_changed
  local token id state body deadline=$((SECONDS + 600))
  token="$(bin_token operator)"
  # The token goes to curl as a header file, not on its command line, where ps shows it to every local user.
  body="$(curl -fsS -X POST -H @<(printf 'Authorization: Bearer %s\n' "$token") "$INDICATOR/api/rebuilds")" || die "could not start a rebuild"
  id="$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$body")"
  while :; do
    body="$(curl -fsS -H @<(printf 'Authorization: Bearer %s\n' "$token") "$INDICATOR/api/rebuilds/$id")"
    state="$(sed -n 's/.*"state":"\([^"]*\)".*/\1/p' <<<"$body")"
    [ "$state" = running ] || [ "$state" = queued ] || break
    [ "$SECONDS" -lt "$deadline" ] || die "rebuild $id still $state after 10 minutes: $body"
    sleep 0.05
  done
  [ "$state" = succeeded ] || die "rebuild $id ended $state: $body"
  echo "$(sed -n 's/.*"durationMillis":\([0-9]*\).*/\1/p' <<<"$body") $(sed -n 's/.*"valuesComputed":\([0-9]*\).*/\1/p' <<<"$body") $(sed -n 's/.*"valuesChanged":\([0-9]*\).*/\1/p' <<<"$body")"
}

# The reference: the users of every county and year summed from the stored answers' JSON, timed by psql.
REBUILD_SQL="select survey_year, left(municipality_code, 2) as county, count(*), sum((answers ->> 'users_total')::numeric)
  from answer_set group by 1, 2"
sql_once() { indicator_sql -c '\timing on' -c "$REBUILD_SQL" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; }

bench_rebuild() {
  say "Rebuild: loading ten years of demo data through survey-service (a few minutes the first time)" >&2
  load_answers
  local answers years
  answers="$(indicator_sql -tAc 'select count(*) from answer_set')"
  years="$(indicator_sql -tAc 'select count(distinct survey_year) from answer_set')"
  say "Rebuild: $answers answer sets over $years years; one rebuild to warm up, then $REBUILD_RUNS" >&2
  rebuild_once >/dev/null
  sql_once >/dev/null
  local durations=() sqls=() line computed changed
  for _ in $(seq 1 "$REBUILD_RUNS"); do
    line="$(rebuild_once)"; durations+=("${line%% *}"); computed="$(cut -d' ' -f2 <<<"$line")"; changed="$(cut -d' ' -f3 <<<"$line")"
    sqls+=("$(sql_once)")
  done
  echo "| what | median ms | spread (min–max) ms | runs | target |"
  echo "|---|---|---|---|---|"
  echo "| full rebuild ($answers answer sets, $years years, $computed values computed, $changed changed) | $(printf '%s\n' "${durations[@]}" | median) | $(printf '%s\n' "${durations[@]}" | spread) | $REBUILD_RUNS | < 3,000 |"
  echo "| reference: one SQL aggregate over the same answer sets (users by year and county) | $(printf '%s\n' "${sqls[@]}" | median) | $(printf '%s\n' "${sqls[@]}" | spread) | $REBUILD_RUNS | |"
  echo
  echo "Rebuild durations are the service's own (started to finished, as GET /api/rebuilds/{id} reports them)."
  machine
}
