# Shared by the bin/ commands: where things live, and how PostgreSQL, Kafka and the keys are made ready.
# Everything the commands start keeps its state, logs and pid files under .run/ (ignored by git).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where state, logs and pid files go, and what the databases are called; bin/bench sets both so that its
# data never mixes with the system bin/run shows.
RUN="${RUSMONITOR_RUN_DIR:-$ROOT/.run}"
DB_PREFIX="${RUSMONITOR_DB_PREFIX:-rusmonitor}"
mkdir -p "$RUN/logs" "$RUN/pids"
# The logs' directory as messages name it: relative to the checkout when it is inside it (.run/logs, or
# bin/bench's .run/bench/logs).
LOGS_SHOWN="${RUN#"$ROOT"/}/logs"

PG_HOST="${RUSMONITOR_PG_HOST:-127.0.0.1}"
PG_PORT="${RUSMONITOR_PG_PORT:-5432}"
PG_USER="${RUSMONITOR_PG_USER:-postgres}"
# psql reads a password from PGPASSWORD only; the services are given RUSMONITOR_PG_PASSWORD.
if [ -n "${RUSMONITOR_PG_PASSWORD:-}" ]; then export PGPASSWORD="$RUSMONITOR_PG_PASSWORD"; fi
# A private cluster, used only when no PostgreSQL answers on $PG_HOST:$PG_PORT.
PRIVATE_PG_PORT=55432
KAFKA_PORT="${RUSMONITOR_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${RUSMONITOR_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
DATABASES=("${DB_PREFIX}_survey" "${DB_PREFIX}_indicator" "${DB_PREFIX}_report")

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; } # pid

wait_for_port() { # host port seconds what [name of the process in .run/pids, given up on as soon as it ends]
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    [ -z "${5:-}" ] || still_starting "$5" || die "$4 stopped while starting, see $LOGS_SHOWN/$5.log"
    [ "$SECONDS" -lt "$deadline" ] || die "$4 did not open $1:$2 within $3 s${5:+, see $LOGS_SHOWN/$5.log}"
    sleep 0.2
  done
}

# The process recorded in .run/pids/$1.pid, if it still runs and is ours (its command names this checkout or
# .run): a pid file that outlived a crash or a reboot may name another program's process by now.
recorded_pid() {
  local file="$RUN/pids/$1.pid" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -e "$ROOT/" -e "$RUN/" || return 1
  echo "$pid"
}

# Whether a process runs. One that ended but was never reaped (a zombie) does not: where PID 1 reaps nothing, as in
# some containers, a service started with nohup stays one after it stops, and kill -0 still finds it.
alive() { kill -0 "$1" 2>/dev/null && [ "$(proc_stat "$1" 3)" != Z ]; }

# Field $2 of /proc/$1/stat (3 the state, 22 the start time), read after the command's name, which may hold spaces.
proc_stat() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$(($2 - 2))"; }

# Stops the process recorded in .run/pids/$1.pid (TERM, then KILL after a grace period).
stop_pid() {
  local file="$RUN/pids/$1.pid" pid
  if pid="$(recorded_pid "$1")"; then
    kill -TERM "$pid" 2>/dev/null || true
    # 30 s, or 3 minutes for a JVM recording its start-up cache (startup_cache_options): it writes the cache
    # as it stops, and a cache cut short is no cache. Its command line says so; the files appear only then.
    local tries=150; grep -qaz -- '^-XX:AOTCacheOutput=' "/proc/$pid/cmdline" 2>/dev/null && tries=900
    for _ in $(seq 1 "$tries"); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

running() { recorded_pid "$1" >/dev/null; }

# Whether the process this script has just started and recorded still runs. Its command is not checked: until
# the child has replaced itself with the program, it shows the command of the script that started it.
still_starting() { [ -f "$RUN/pids/$1.pid" ] && alive "$(cat "$RUN/pids/$1.pid")"; }

require_java() {
  command -v java >/dev/null || die "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed, found $major"
  # The build and Kafka use the java on PATH; the services use SERVICE_JAVA (below).
  [ -z "${RUSMONITOR_JAVA:-}" ] || command -v "$RUSMONITOR_JAVA" >/dev/null \
    || die "RUSMONITOR_JAVA=$RUSMONITOR_JAVA is not a java command (unset it to run the services on the newest JDK)"
}

# Installs Debian packages, as root or through sudo; dies naming the command to run by hand.
apt_install() { # package...
  local sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "could not install $* (apt-get install $*)"
}

# curl asks the services whether they are ready, openssl makes the development keys and signs bin/token's
# tokens, and psql makes the databases (on a server that answers, or a private one); installed here if missing.
require_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing ${missing[*]}"
  apt_install "${missing[@]}"
}

# deploy/checks compares its rendering of the Kubernetes overlays with kubectl's. Said before the build,
# not twenty minutes into it; KUBECTL=none chooses the built-in renderer alone. The arguments are Maven's: a
# build of chosen modules (-pl) without deploy/checks needs no kubectl.
require_kubectl() {
  [ "${KUBECTL:-}" = none ] && return 0
  local arg chosen="" next=""
  for arg in "$@"; do
    if [ -n "$next" ]; then chosen="$chosen,$arg"; next=""; continue; fi
    case "$arg" in
      -pl|--projects) next=1 ;;
      -pl=*|--projects=*) chosen="$chosen,${arg#*=}" ;;
    esac
  done
  [ -n "$chosen" ] && [[ "$chosen" != *deploy/checks* ]] && return 0
  command -v "${KUBECTL:-kubectl}" >/dev/null \
    || die "kubectl is needed to check the Kubernetes overlays against kubectl kustomize; install it, or run KUBECTL=none bin/test to check them with the built-in renderer alone"
}

# --- PostgreSQL -------------------------------------------------------------------------------------

psql_admin() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && echo "$dir"
}

# Uses the PostgreSQL on $PG_HOST:$PG_PORT when it answers; otherwise starts a private cluster in
# .run/postgres (installing Debian's postgresql package if there is none). Exports RUSMONITOR_PG_*.
ensure_postgres() {
  if port_open "$PG_HOST" "$PG_PORT" && command -v psql >/dev/null && psql_admin -c 'select 1' >/dev/null 2>&1; then
    :
  else
    if port_open 127.0.0.1 "$PRIVATE_PG_PORT"; then
      PG_HOST=127.0.0.1 PG_PORT=$PRIVATE_PG_PORT
    else
      start_private_postgres
    fi
  fi
  export RUSMONITOR_PG_HOST="$PG_HOST" RUSMONITOR_PG_PORT="$PG_PORT" RUSMONITOR_PG_USER="$PG_USER"
}

start_private_postgres() {
  local bin; bin="$(pg_bin || true)"
  if [ -z "$bin" ]; then
    say "No PostgreSQL answers on $PG_HOST:$PG_PORT and none is installed: installing Debian's postgresql"
    apt_install postgresql
    bin="$(pg_bin)" || die "could not install PostgreSQL"
  fi
  local data="$RUN/postgres" as=()
  # initdb refuses to run as root: run the private cluster as the postgres system user.
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); mkdir -p "$data"; chown postgres "$data" "$RUN"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "Creating a private PostgreSQL cluster in .run/postgres"
    "${as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$RUN/logs/initdb.log" 2>&1 || die "initdb failed, see $LOGS_SHOWN/initdb.log"
  fi
  say "Starting the private PostgreSQL on 127.0.0.1:$PRIVATE_PG_PORT"
  "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $PRIVATE_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || die "PostgreSQL did not start, see .run/postgres/server.log"
  echo "$data" > "$RUN/pids/private-postgres.dir"
  PG_HOST=127.0.0.1 PG_PORT=$PRIVATE_PG_PORT
}

stop_private_postgres() {
  [ -f "$RUN/pids/private-postgres.dir" ] || return 0
  local bin as=(); bin="$(pg_bin)"
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$(cat "$RUN/pids/private-postgres.dir")" -m fast -w stop >/dev/null 2>&1 || true
  rm -f "$RUN/pids/private-postgres.dir"
}

ensure_databases() {
  # The databases and Kafka's log are one system's state: indicator-service's values come from the submission
  # topic, report-service's from the indicator topic. Databases an earlier run left on the server (a deleted
  # .run, another clone) do not match a Kafka log made afresh, so they are made afresh with it.
  # Nothing is dropped for a start that would fail anyway: another checkout's broker on the port.
  require_kafka_port
  local fresh_kafka=false
  [ -f "$KAFKA_DIR/data/meta.properties" ] || fresh_kafka=true
  for db in "${DATABASES[@]}"; do
    if $fresh_kafka && [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")" = "1" ]; then
      # A database someone is connected to is another system's live state, never an earlier run's leftover.
      if [ "$(psql_admin -tAc "select count(*) from pg_stat_activity where datname = '$db' and backend_type = 'client backend'")" != "0" ]; then
        die "database $db is in use (another checkout's Rusmonitor running?): stop that, or drop $db yourself, then start again"
      fi
      say "Kafka's log is new, so database $db, left by an earlier run, no longer matches it: making it afresh"
      psql_admin -c "drop database $db with (force)" >/dev/null
    fi
    if [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")" != "1" ]; then
      psql_admin -c "create database $db" >/dev/null
      say "Created database $db"
    fi
  done
}

# --- Browser for the dashboard's end-to-end test -----------------------------------------------------

# Debian's chromium and chromium-driver, which system-tests' DashboardBrowserIT drives headless.
ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
  say "Installing Debian's chromium and chromium-driver for the dashboard's browser test"
  apt_install chromium chromium-driver
}

# --- Kafka ------------------------------------------------------------------------------------------

KAFKA_DIR="$RUN/kafka"

kafka_java() { java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_DIR/libs/*" "$@"; }

# The broker's jars, fetched once for each version of deploy/local/kafka/pom.xml: .complete holds the pom's
# checksum, so a checkout whose pom names another Kafka fetches that one.
fetch_kafka() {
  local wanted; wanted="$(md5sum <"$ROOT/deploy/local/kafka/pom.xml" | cut -c1-32)"
  if [ "$(cat "$KAFKA_DIR/libs/.complete" 2>/dev/null)" != "$wanted" ]; then
    say "Fetching the Kafka broker from Maven Central (once for each version)"
    rm -rf "$KAFKA_DIR/libs"
    "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_DIR/libs" >"$RUN/logs/kafka-fetch.log" 2>&1 || die "fetching Kafka failed, see $LOGS_SHOWN/kafka-fetch.log"
    echo "$wanted" >"$KAFKA_DIR/libs/.complete"
  fi
}

write_kafka_config() {
  cat >"$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$KAFKA_DIR/log4j2.properties" <<'EOF'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
EOF
}

# The broker's port is free, or this checkout's broker holds it.
require_kafka_port() {
  if ! running kafka && port_open 127.0.0.1 "$KAFKA_PORT"; then
    die "port $KAFKA_PORT is taken by something else (another checkout's Kafka?); stop it, or set RUSMONITOR_KAFKA_PORT"
  fi
}

ensure_kafka() {
  # Already running: a topic added to deploy/kafka-topics.csv since it started is still made. One still starting
  # (from a bin/infra up in another terminal) is waited for: a second broker on the same data would fail on its
  # lock and leave the first unrecorded.
  if running kafka; then
    wait_for_port 127.0.0.1 "$KAFKA_PORT" 60 "Kafka" kafka
    create_topics
    return 0
  fi
  require_kafka_port
  mkdir -p "$KAFKA_DIR"
  fetch_kafka
  write_kafka_config
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    kafka_java kafka.tools.StorageTool format --standalone -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$KAFKA_DIR/server.properties" >"$RUN/logs/kafka-format.log" 2>&1 || die "formatting Kafka storage failed, see $LOGS_SHOWN/kafka-format.log"
  fi
  say "Starting Kafka (KRaft) on $KAFKA_BOOTSTRAP"
  nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_DIR/libs/*" \
    kafka.Kafka "$KAFKA_DIR/server.properties" >"$RUN/logs/kafka.log" 2>&1 &
  echo $! >"$RUN/pids/kafka.pid"
  wait_for_port 127.0.0.1 "$KAFKA_PORT" 60 "Kafka" kafka
  create_topics
}

# Creates the topics of deploy/kafka-topics.csv that do not exist yet.
create_topics() {
  local existing
  existing="$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>/dev/null || true)"
  while IFS=, read -r name partitions retention _owner; do
    case "$name" in ''|\#*) continue ;; esac
    if ! grep -qx "$name" <<<"$existing"; then
      kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
        --topic "$name" --partitions "$partitions" --replication-factor 1 --config "retention.ms=$retention" >/dev/null
      say "Created topic $name ($partitions partitions)"
    fi
  done <"$ROOT/deploy/kafka-topics.csv"
}

# --- Signing keys -----------------------------------------------------------------------------------

KEYS="$RUN/keys"

# Development keys are made on first start and never committed. The public key is derived from the private
# one each time: a private key put in place by hand (the compose system's, deploy/README.md) then signs
# tokens the services accept, rather than ones checked against the key pair made before.
ensure_keys() {
  command -v openssl >/dev/null || die "openssl is needed for the development signing keys"
  if [ ! -f "$KEYS/jwt-private.pem" ]; then
    mkdir -p "$KEYS"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/jwt-private.pem" 2>/dev/null
    # On stderr: bin/token's output is the token alone, whatever it had to make first.
    say "Generated development signing keys in .run/keys" >&2
  fi
  chmod 600 "$KEYS/jwt-private.pem"
  local public
  public=$(openssl pkey -in "$KEYS/jwt-private.pem" -pubout) || die "$KEYS/jwt-private.pem is not a private key"
  if [ ! -f "$KEYS/jwt-public.pem" ] || [ "$public" != "$(cat "$KEYS/jwt-public.pem")" ]; then
    printf '%s\n' "$public" >"$KEYS/jwt-public.pem"
  fi
}

# --- Services ---------------------------------------------------------------------------------------

java_major() { # java command
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# The JVM the services run on: the one RUSMONITOR_JAVA names, else the newest JDK 25 or later under
# /usr/lib/jvm, else the `java` on PATH. From 25 on, the ahead-of-time cache below brings each service to
# ready in about half the time JDK 17 takes (docs/benchmarks.md, Footprint). The build and Kafka always use
# the `java` on PATH, and the code is compiled for 17.
newest_jdk25() {
  local java
  for java in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [ "$(java_major "$java")" -ge 25 ] 2>/dev/null && { echo "$java"; return; }
  done
  echo java
}
SERVICE_JAVA="${RUSMONITOR_JAVA:-$(newest_jdk25)}"
SERVICE_JAVA_MAJOR="$(java_major "$SERVICE_JAVA" 2>/dev/null || true)"; : "${SERVICE_JAVA_MAJOR:=0}"

# Every service's JVM, sized for a machine of two cores that runs three services, Kafka and PostgreSQL
# (docs/benchmarks.md, Footprint): the serial collector (no GC threads to feed); smaller thread stacks; the
# C library's heap trimmed every 10 s, which hands back the memory the compilers and request bursts freed
# (10-30 MB a service, it otherwise keeps it); the client compiler only, whose code is good enough for
# services that wait on PostgreSQL and Kafka: C2's compiler threads took half of a service's CPU for minutes
# after start and starved the others. On JDK 17 survey-service keeps C2, without which it accepts fewer than
# half the submissions per second; on JDK 25, with its start-up cache, the client compiler alone came within
# a tenth of C2 there.
SERVICE_JAVA_OPTS="-XX:+UseSerialGC -Xss512k -XX:TrimNativeHeapInterval=10000"
CLIENT_COMPILER_OPTS="-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m"
# Each service's heap: its live data plus room to work, so that under load a service stays under 250 MB
# resident. Young generations are fixed because the serial collector otherwise grows the heap to its
# limit before it collects the old generation. survey-service holds little between requests and gives
# memory back quickly: after a full collection its old generation keeps 10-25 % free, not 20-40 %, which
# took its peak under load from 253 to 243-245 MB at the same rate (docs/benchmarks.md, Footprint).
# report-service keeps about 30 MB between requests, and builds as many reports at once as there are cores, each needing up to 20-30 MB while it renders; a small young generation keeps
# what a render promotes out of the old one (six analysts at once: 40 full collections with 16 MB, 100
# with 32 MB, in 72-80 MB heaps; docs/benchmarks.md). indicator-service's
# rebuild runs faster with more (2.3 s with 112 MB against 2.6 s), but with 112 MB the heap it fills
# while it falls behind a burst took it past 250 MB (docs/benchmarks.md, Footprint). The initial old
# generation (-Xms less -Xmn) must stay at 16 MB or more: a JDK 25 loads the start-up cache's archived
# objects into it, and with 4 MB it refused to start ("archived heap objects cannot be loaded").
service_heap() { # name
  case "$1" in
    survey-service) echo "-Xms32m -Xmx96m -Xmn12m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25" ;;
    indicator-service) echo "-Xms36m -Xmx96m -Xmn20m" ;;
    *) echo "-Xms48m -Xmx72m -Xmn16m" ;;
  esac
}
# report-service's charts (JFreeSVG) and PDFs (openhtmltopdf through PdfBoxGraphics2D) draw on
# java.awt.Graphics2D objects, whose finalize() makes each one outlive its request by a collection or more,
# and with it the PDF document and its layout it points to: a finished PDF stays in the heap until the
# finalizer thread has run and another full collection comes. Nothing in the services relies on
# finalization, and from JDK 18 on it can be turned off (JEP 421); on 17 it stays.
service_finalization() { # name
  if [ "$1" = report-service ] && [ "$SERVICE_JAVA_MAJOR" -ge 18 ]; then echo "--finalization=disabled"; fi
}
service_java_opts() { # name; RUSMONITOR_JAVA_OPTS replaces all of it
  if [ -n "${RUSMONITOR_JAVA_OPTS:-}" ]; then echo "$RUSMONITOR_JAVA_OPTS"; return; fi
  local compiler="$CLIENT_COMPILER_OPTS"
  [ "$1" = survey-service ] && [ "$SERVICE_JAVA_MAJOR" -lt 25 ] && compiler=""
  echo "$SERVICE_JAVA_OPTS $(service_heap "$1") $compiler $(service_finalization "$1")"
}

# A start-up cache per service: the first start of a jar records one when the service stops, later starts
# map it instead of loading, verifying and linking the same classes again. On JDK 25 and later it is an
# ahead-of-time cache (JEP 483/514/515: classes linked, method profiles; the services are packaged as
# aot-jar so that their own classes are in it too); before 25, a class-data archive, which saves about a
# third of the start. The cache is named after the JVM, its options and the jar's libraries, so a
# rebuild, another JDK or other options record a new one.
# A service's whole JVM command line before -jar, into the array named $2: the options are words without spaces
# (RUSMONITOR_JAVA_OPTS too); the start-up cache's, one a line, may name a checkout whose path has a space in it.
service_options_into() { # name array
  local -n into=$2
  local cache
  read -r -a into <<<"$(service_java_opts "$1")"
  cache="$(startup_cache_options "$1")"
  mapfile -t -O "${#into[@]}" into <<<"$cache"
}

startup_cache_options() { # name; one option a line, since its paths may hold spaces
  local dir="$RUN/cds" key cache
  mkdir -p "$dir"
  key="$( (readlink -f "$(command -v "$SERVICE_JAVA")"; service_java_opts "$1"; cd "$ROOT/$1/target/quarkus-app" && find . -name '*.jar' -printf '%p %s %T@\n' | sort) | md5sum | cut -c1-12)"
  if [ "$SERVICE_JAVA_MAJOR" -ge 25 ]; then
    cache="$dir/$1-$key.aot"
    # Classes it cannot hold (a few generated or unlinked ones) are loaded as usual; that is no warning.
    # Mapped where it was recorded, as the archive below: JDK 25 moves it by default, which turned 47 MB of
    # survey-service's cache into private memory (docs/benchmarks.md, Footprint).
    if [ -s "$cache" ]; then printf '%s\n' "-XX:AOTCache=$cache" '-Xlog:aot*=error' -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
    else rm -f "$dir/$1"-*.aot* "$dir/$1"-*.jsa; printf '%s\n' "-XX:AOTCacheOutput=$cache" '-Xlog:aot*=error'; fi
    return
  fi
  cache="$dir/$1-$key.jsa"
  if [ -s "$cache" ]; then
    # Mapped where it was recorded rather than at a random address (Debian's JDK 17 moves it by default):
    # moving it writes to every page, which turns the whole archive into private memory of each process.
    printf '%s\n' "-XX:SharedArchiveFile=$cache" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
  else
    rm -f "$dir/$1"-*.jsa "$dir/$1"-*.aot*
    printf '%s\n' "-XX:ArchiveClassesAtExit=$cache"
  fi
}
# The services' ports; bin/bench moves them (and Kafka's) so that a benchmark can run beside a system
# bin/run started.
SURVEY_PORT="${RUSMONITOR_SURVEY_PORT:-8081}"
INDICATOR_PORT="${RUSMONITOR_INDICATOR_PORT:-8082}"
REPORT_PORT="${RUSMONITOR_REPORT_PORT:-8083}"
# name:port:database of every service of the system; those not built yet are skipped.
SERVICES=("survey-service:$SURVEY_PORT:${DB_PREFIX}_survey" "indicator-service:$INDICATOR_PORT:${DB_PREFIX}_indicator" "report-service:$REPORT_PORT:${DB_PREFIX}_report")

service_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

start_service() { # name port database
  local name=$1 port=$2 db=$3
  stop_pid "$name"
  port_open 127.0.0.1 "$port" && die "port $port for $name is taken by something else"
  say "Starting $name on http://127.0.0.1:$port (database $db)"
  (
    cd "$ROOT/$name"
    # The options first: worked out in the background, they would leave the recorded pid a copy of this shell
    # for a while, which stop_pid does not take for the service's (a failure at once would leave it running).
    local options jar
    service_options_into "$name" options
    jar="$(service_jar "$name")"
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_HTTP_HOST="${RUSMONITOR_HTTP_HOST:-127.0.0.1}" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$RUSMONITOR_PG_HOST:$RUSMONITOR_PG_PORT/$db" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$RUSMONITOR_PG_HOST:$RUSMONITOR_PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$RUSMONITOR_PG_USER" \
    QUARKUS_DATASOURCE_PASSWORD="${RUSMONITOR_PG_PASSWORD:-}" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$KEYS/jwt-public.pem" \
    RUSMONITOR_REPORT_URL="${RUSMONITOR_REPORT_URL:-http://127.0.0.1:$REPORT_PORT}" \
    nohup "$SERVICE_JAVA" "${options[@]}" -jar "$jar" >"$RUN/logs/$name.log" 2>&1 &
    echo $! >"$RUN/pids/$name.pid"
  )
}

# Whether the service on port $1 has started (for a consumer: it has joined its group) and is ready.
# Each look is bounded: a JVM that takes connections but never answers would otherwise hold wait_ready past its limit.
service_up() {
  curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$1/q/health/started" 2>/dev/null \
    && curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$1/q/health/ready" 2>/dev/null
}

wait_ready() { # name port [seconds between two looks, 0.5]
  local deadline=$((SECONDS + 90))
  until service_up "$2"; do
    still_starting "$1" || die "$1 stopped while starting, see $LOGS_SHOWN/$1.log"
    [ "$SECONDS" -lt "$deadline" ] || die "$1 was not ready within 90 s, see $LOGS_SHOWN/$1.log"
    sleep "${3:-0.5}"
  done
}

stop_services() { # all at once: a JVM that writes its start-up cache as it stops takes a while
  for entry in "${SERVICES[@]}"; do stop_pid "${entry%%:*}" & done
  wait
}

bin_token() { "$ROOT/bin/token" "$@"; }
