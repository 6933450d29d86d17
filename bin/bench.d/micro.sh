# bin/bench micro: JMH microbenchmarks (benchmarks/) of formula evaluation and the year aggregation of the
# 357 municipalities of 2024, one fork each, 3 warm-up and 5 measured iterations of 2 s.

bench_micro() {
  local cp="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")" extra=()
  $quick && extra=(-wi 1 -w 1 -i 2 -r 1)
  java -cp "$cp" org.openjdk.jmh.Main "${extra[@]}" -rf csv -rff "$RUN/jmh.csv" >"$RUN/logs/jmh.log" 2>&1 || die "JMH failed, see $RUN/logs/jmh.log"
  echo "| benchmark | parameter | mean | ± (99.9 %) | unit |"
  echo "|---|---|---|---|---|"
  # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: ..."
  tail -n +2 "$RUN/jmh.csv" | python3 -c '
import csv, sys
for row in csv.reader(sys.stdin):
    name, score, error, unit = row[0].split(".")[-2] + "." + row[0].split(".")[-1], float(row[4]), row[5], row[6]
    param = next((p for p in row[7:] if p), "")
    print(f"| {name} | {param} | {score:,.1f} | {float(error):,.1f} | {unit} |" if error not in ("", "NaN") else f"| {name} | {param} | {score:,.1f} | | {unit} |")
'
  echo
  machine
}
