package no.rusmonitor.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relays outbox rows to Kafka in id order, then marks them published.
 * <p>
 * It runs right after a change commits ({@link #wakeUp()}) and on a short sweep, so events also leave
 * after a broker outage or a crash. One relay at a time across all instances of a service holds a
 * PostgreSQL advisory lock, which keeps the events of each key in order. A row is marked published only
 * after Kafka acknowledged it; a crash in between sends it again, so consumers must deduplicate (each
 * event contract says by what).
 * <p>
 * A service using it creates the {@code outbox_event} table in its own migrations (see survey-service's
 * V1) and configures the outgoing channel {@value #CHANNEL} and {@code rusmonitor.outbox.*}. Published rows
 * are kept for {@code rusmonitor.outbox.purge-published-after}; zero deletes each row as soon as Kafka
 * acknowledged it, for a service that keeps what it published elsewhere and writes many events: marking a
 * row published writes the whole row again, deleting it does not.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel every service configures for its outbox (each row names its own topic). */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Identifies the relay's advisory lock among any others in this database. */
    private static final long RELAY_LOCK = 0x5275_736d_4f42L;
    /** The lag gauge counts waiting events up to this many (more means the relay is far behind anyway). */
    private static final int LAG_COUNT_LIMIT = 10_000;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration keepPublished;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    /** After a failed send, try one event at a time until the broker answers again. */
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Counter published;
    private final Counter failedSends;

    @Inject
    public OutboxRelay(Pool pool,
            @Channel(OutboxRelay.CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "rusmonitor.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "rusmonitor.outbox.purge-published-after", defaultValue = "P7D") Duration keepPublished, MeterRegistry registry) {
        this.pool = pool;
        this.keepPublished = keepPublished;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = Counter.builder("rusmonitor.outbox.published").description("Events relayed to Kafka").register(registry);
        this.failedSends = Counter.builder("rusmonitor.outbox.send.failures").description("Sends Kafka did not acknowledge").register(registry);
        Gauge.builder("rusmonitor.outbox.lag", lag, AtomicLong::get).description("Events waiting in the outbox").register(registry);
        Gauge.builder("rusmonitor.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest event waiting in the outbox").register(registry);
    }

    /** Asks for a relay run soon; cheap, never blocks, safe to call from any thread. */
    public void wakeUp() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    @Scheduled(every = "${rusmonitor.outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wakeUp();
    }

    @Scheduled(every = "${rusmonitor.outbox.lag-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        return measureLag().onFailure().recoverWithUni(failure -> {
            LOG.debugf("Could not measure the outbox lag: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return pool.preparedQuery("delete from outbox_event where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(keepPublished.toSeconds())).replaceWithVoid();
    }

    private void drain() {
        pending.set(false);
        relayBatch().subscribe().with(sent -> {
            boolean more = sent >= currentBatchSize() && sent > 0;
            if (more || pending.get()) {
                drain();
            } else {
                running.set(false);
                if (pending.get() && running.compareAndSet(false, true)) {
                    drain();
                }
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("Outbox relay run failed, the sweep will retry: %s", failure.getMessage());
        });
    }

    private int currentBatchSize() {
        return probing.get() ? 1 : batchSize;
    }

    /** One transaction: lock, read a batch in id order, send, mark what Kafka acknowledged. */
    Uni<Integer> relayBatch() {
        int size = currentBatchSize();
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0) ? relayLocked(connection, size) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayLocked(SqlConnection connection, int size) {
        return connection.preparedQuery("select id, topic, event_key, payload from outbox_event where published_at is null order by id limit $1")
                .execute(Tuple.of(size))
                .flatMap(rows -> {
                    List<Uni<Long>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        sends.add(send(row));
                    }
                    if (sends.isEmpty()) {
                        return Uni.createFrom().item(List.<Long>of());
                    }
                    return Uni.join().all(sends).andCollectFailures();
                })
                .flatMap(ids -> markPublished(connection, ids));
    }

    private Uni<Long> send(Row row) {
        long id = row.getLong("id");
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic")).withKey(row.getString("event_key")).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata))
                .replaceWith(id)
                .onFailure().recoverWithItem(failure -> {
                    failedSends.increment();
                    LOG.debugf("Kafka did not acknowledge outbox event %d: %s", id, failure.getMessage());
                    return -1L;
                });
    }

    private Uni<Integer> markPublished(SqlConnection connection, List<Long> results) {
        Long[] acknowledged = results.stream().filter(id -> id >= 0).toArray(Long[]::new);
        boolean allSent = acknowledged.length == results.size();
        probing.set(!allSent);
        if (!allSent) {
            LOG.warnf("Kafka acknowledged %d of %d outbox events; the rest stay in the outbox", acknowledged.length, results.size());
        }
        if (acknowledged.length == 0) {
            return Uni.createFrom().item(0);
        }
        String markDone = keepPublished.isZero() ? "delete from outbox_event where id = any($1)"
                : "update outbox_event set published_at = now() where id = any($1)";
        return connection.preparedQuery(markDone)
                .execute(Tuple.of(acknowledged))
                .map(done -> {
                    published.increment(acknowledged.length);
                    return allSent ? acknowledged.length : 0;
                });
    }

    /**
     * Both figures come from the index of waiting rows, each with a limit: published rows are kept for a
     * while, and under load the planner's estimate of the waiting ones is far off, so an unbounded
     * count was planned as a parallel scan of the whole table (with JIT compilation) every time.
     */
    private Uni<Void> measureLag() {
        return pool.query("select (select count(*) from (select 1 from outbox_event where published_at is null limit " + LAG_COUNT_LIMIT
                + ") waiting), coalesce((select extract(epoch from now() - created_at) from outbox_event where published_at is null "
                + "order by id limit 1), 0)")
                .execute().invoke(rows -> {
                    Row row = rows.iterator().next();
                    lag.set(row.getLong(0));
                    oldestAgeSeconds.set(row.getNumeric(1).longValue());
                }).replaceWithVoid();
    }

    /** Events not yet acknowledged by Kafka, as last measured. */
    public long lag() {
        return lag.get();
    }

    /** Age in seconds of the oldest event not yet acknowledged by Kafka, as last measured. */
    public long oldestWaitingSeconds() {
        return oldestAgeSeconds.get();
    }

    /** Whether Kafka left the last events the relay sent unacknowledged (it then tries one at a time until the broker answers). */
    public boolean failing() {
        return probing.get();
    }
}
