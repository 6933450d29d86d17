package no.rusmonitor.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relays events to Kafka in the order its {@link OutboxSource} gives them (as a rule the {@code outbox_event}
 * table, {@link OutboxTable}), then records what Kafka acknowledged.
 * <p>
 * It runs right after a change commits ({@link #wakeUp()}) and on a short sweep, so events also leave
 * after a broker outage or a crash. One relay at a time across all instances of a service holds a
 * PostgreSQL advisory lock, which keeps the events of each key in order; within a run a key's events are
 * sent one after the other, none after one that failed. An event counts as sent only
 * after Kafka acknowledged it; a crash in between sends it again, so consumers must deduplicate (each
 * event contract says by what). An event Kafka refuses for good ({@link KafkaRefusal}: too large for the
 * topic, say) would hold its key's later events back for ever; it is parked instead ({@link OutboxSource#park})
 * and the wellness check stays down until an operator has dealt with it.
 * <p>
 * A service using it configures the outgoing channel {@value #CHANNEL} and {@code rusmonitor.outbox.*},
 * and provides the source's table (see {@link OutboxTable}).
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel every service configures for its outbox (each event names its own topic). */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Identifies the relay's advisory lock among any others in this database (whoever holds it keeps the relay waiting). */
    public static final long RELAY_LOCK = 0x5275_736d_4f42L;
    /** The lag gauge counts waiting events up to this many (more means the relay is far behind anyway). */
    private static final int LAG_COUNT_LIMIT = 10_000;
    /**
     * Takes the relay's lock and bounds, for the run's transaction only, how long one statement may run and how
     * long the transaction may sit idle between two (while it waits for Kafka's acknowledgements: the send phase
     * is given up before that, {@link #SEND_LIMIT}). Without them an instance that stalled inside a run (a frozen
     * process, a lost network) held the lock for as long as PostgreSQL kept its connection, hours until TCP gave
     * up, and no instance relayed meanwhile. With them the database ends that transaction and the lock passes on;
     * what the stalled run had sent but not recorded is sent again, which consumers deduplicate.
     */
    private static final String LOCK = lockStatement(Duration.ofSeconds(30), Duration.ofSeconds(60));
    /**
     * How long a run waits for Kafka's acknowledgements of its batch: what has not settled by then counts as not
     * sent and comes again. Within the idle limit above, so that a slow broker (a key's events acknowledged one
     * after the other, each in a second or two) does not have the database end a run that is sending.
     */
    static final Duration SEND_LIMIT = Duration.ofSeconds(40);
    /**
     * A run that has not ended after this long is given up (after the database has ended its transaction, by the
     * limits above): otherwise a run whose connection hung would keep this instance from ever relaying again.
     */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    /** The statement that takes the relay's lock ({@code $1}: {@link #RELAY_LOCK}) with the run's time limits. */
    public static String lockStatement(Duration statementLimit, Duration idleLimit) {
        return "select pg_try_advisory_xact_lock($1), set_config('statement_timeout', '" + statementLimit.toMillis() + "', true), "
                + "set_config('idle_in_transaction_session_timeout', '" + idleLimit.toMillis() + "', true)";
    }

    private final Pool pool;
    private final OutboxSource source;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration staleAfter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    /**
     * After a failed send, try the first waiting event of each key until the broker takes them all again
     * ({@link OutboxSource#firstOfEachKey}): what failed may be one partition's trouble, which must not hold the
     * other partitions' keys back.
     */
    private final AtomicBoolean probing = new AtomicBoolean();
    /** Whether the run under way (one at a time) is a probe. */
    private final AtomicBoolean probed = new AtomicBoolean();
    /** The last run failed as a whole (its database work, not a send): nothing leaves until one succeeds. */
    private final AtomicBoolean runFailed = new AtomicBoolean();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final Counter published;
    private final Counter failedSends;
    private final Counter refusals;

    @Inject
    public OutboxRelay(Pool pool, OutboxSource source,
            @Channel(OutboxRelay.CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "rusmonitor.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "rusmonitor.outbox.stale-after", defaultValue = "5m") Duration staleAfter, MeterRegistry registry) {
        this.pool = pool;
        this.source = source;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.staleAfter = staleAfter;
        this.published = Counter.builder("rusmonitor.outbox.published").description("Events relayed to Kafka").register(registry);
        this.failedSends = Counter.builder("rusmonitor.outbox.send.failures").description("Sends Kafka did not acknowledge").register(registry);
        this.refusals = Counter.builder("rusmonitor.outbox.refused").description("Events Kafka refused for good, parked").register(registry);
        Gauge.builder("rusmonitor.outbox.lag", lag, AtomicLong::get).description("Events waiting in the outbox").register(registry);
        Gauge.builder("rusmonitor.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest event waiting in the outbox").register(registry);
        Gauge.builder("rusmonitor.outbox.parked", parked, AtomicLong::get).description("Events Kafka refused for good, kept for an operator")
                .register(registry);
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
        return source.purge(pool);
    }

    private void drain() {
        pending.set(false);
        relayBatch().ifNoItem().after(RUN_LIMIT).failWith(() -> new TimeoutException("the run did not end within " + RUN_LIMIT))
                .subscribe().with(sent -> {
            runFailed.set(false);
            // A full batch, or a probe the broker took whole (the waiting events behind it may all go now): go on.
            boolean more = sent >= batchSize || (probed.get() && sent > 0);
            if (more || pending.get()) {
                drain();
            } else {
                running.set(false);
                if (pending.get() && running.compareAndSet(false, true)) {
                    drain();
                }
            }
        }, failure -> {
            runFailed.set(true);
            running.set(false);
            LOG.warnf("Outbox relay run failed, the sweep will retry: %s", failure.getMessage());
        });
    }

    /** One transaction: lock, read a batch in order, send it, record what Kafka acknowledged. */
    Uni<Integer> relayBatch() {
        boolean probe = probing.get();
        probed.set(probe);
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> {
                    if (lock.iterator().next().getBoolean(0)) {
                        return relayLocked(connection, probe);
                    }
                    // Another instance relays, and its wellness says how that goes: a failure this one saw while it
                    // relayed says nothing now, and would keep it unwell for as long as the other holds the lock.
                    probing.set(false);
                    return Uni.createFrom().item(0);
                }));
    }

    private Uni<Integer> relayLocked(SqlConnection connection, boolean probe) {
        return (probe ? source.firstOfEachKey(connection, batchSize) : source.next(connection, batchSize)).flatMap(batch -> {
            if (batch.isEmpty()) {
                probing.set(false); // nothing waits: whatever failed before, another run or instance has sent since
                return Uni.createFrom().item(0);
            }
            return sendInKeyOrder(batch, this::send, SEND_LIMIT).flatMap(results -> recordSent(connection, batch, results));
        });
    }

    /**
     * Sends the batch: events of different keys at once, those of one key one after the other, each only once
     * the one before has settled (Kafka acknowledged it or refused it for good). After a failure the key's
     * later events are not sent in this run, so a key's events reach the topic in order even when some of a
     * batch fail (Kafka away, say). What has not settled within {@code limit} counts as failed.
     */
    static Uni<List<Delivery>> sendInKeyOrder(List<OutboxSource.Waiting> batch, Function<OutboxSource.Waiting, Uni<Delivery>> send,
            Duration limit) {
        Delivery[] results = new Delivery[batch.size()];
        Arrays.fill(results, Delivery.FAILED);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byKey.computeIfAbsent(String.valueOf(batch.get(i).key()), k -> new ArrayList<>()).add(i);
        }
        List<Uni<Boolean>> keys = new ArrayList<>(byKey.size());
        for (List<Integer> positions : byKey.values()) {
            Uni<Boolean> chain = Uni.createFrom().item(true);
            for (int i : positions) {
                chain = chain.flatMap(previousSettled -> previousSettled
                        ? send.apply(batch.get(i)).invoke(delivery -> results[i] = delivery).map(Delivery::settled)
                        : Uni.createFrom().item(false));
            }
            keys.add(chain);
        }
        // What has not settled within the limit counts as failed; a copy, as late answers still write to the array.
        return Uni.join().all(keys).andCollectFailures().replaceWithVoid()
                .ifNoItem().after(limit).recoverWithItem(() -> null)
                .map(x -> List.of(results.clone()));
    }

    private Uni<Delivery> send(OutboxSource.Waiting event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic()).withKey(event.key()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata))
                .replaceWith(Delivery.ACKNOWLEDGED)
                .onFailure().recoverWithItem(failure -> {
                    String refusal = KafkaRefusal.permanent(failure);
                    if (refusal != null) {
                        return Delivery.refused(refusal);
                    }
                    failedSends.increment();
                    LOG.debugf("Kafka did not acknowledge outbox event %d: %s", event.position(), failure.getMessage());
                    return Delivery.FAILED;
                });
    }

    /**
     * Parks what Kafka refused for good and records what left, also when nothing did (a source may act on what
     * failed); returns how many left when all of the batch did (the drain goes on), otherwise 0.
     */
    private Uni<Integer> recordSent(SqlConnection connection, List<OutboxSource.Waiting> batch, List<Delivery> results) {
        boolean[] settled = new boolean[batch.size()];
        int count = 0;
        int acknowledged = 0;
        Uni<Void> parking = Uni.createFrom().voidItem();
        for (int i = 0; i < settled.length; i++) {
            Delivery delivery = results.get(i);
            settled[i] = delivery.settled();
            count += settled[i] ? 1 : 0;
            acknowledged += delivery.acknowledged() ? 1 : 0;
            if (delivery.refused()) {
                OutboxSource.Waiting event = batch.get(i);
                parking = parking.flatMap(x -> source.park(connection, event, delivery.refusal())).invoke(now -> {
                    if (now) { // an event refused again (sent again behind one that failed) was counted when first parked
                        refusals.increment();
                        parked.incrementAndGet(); // shown at once; the next measurement counts them again
                        LOG.errorf("Kafka refused outbox event %d (key %s, topic %s) for good, it is parked: %s", event.position(),
                                event.key(), event.topic(), delivery.refusal());
                    }
                }).replaceWithVoid();
            }
        }
        boolean allSettled = count == batch.size();
        probing.set(!allSettled);
        if (!allSettled) {
            LOG.warnf("Kafka acknowledged %d of %d outbox events; the rest stay in the outbox", acknowledged, batch.size());
        }
        int left = count;
        int sent = acknowledged;
        return parking.flatMap(x -> source.sent(connection, batch, settled)).map(x -> {
            published.increment(sent);
            return allSettled ? left : 0;
        });
    }

    private Uni<Void> measureLag() {
        return source.lag(pool, LAG_COUNT_LIMIT).invoke(measured -> {
            lag.set(measured.waiting());
            oldestAgeSeconds.set(measured.oldestAgeSeconds());
            parked.set(measured.parked());
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

    /**
     * Whether the oldest waiting event has waited longer than {@code rusmonitor.outbox.stale-after}: events do not
     * leave, whatever this instance's own runs say. It sees that also where another instance holds the relay's
     * lock and has stopped relaying without letting go of it.
     */
    public boolean stale() {
        return oldestAgeSeconds.get() >= staleAfter.toSeconds();
    }

    /** Events Kafka refused for good and the relay parked, as last measured. */
    public long parked() {
        return parked.get();
    }

    /**
     * Whether Kafka left the last events the relay sent unacknowledged (it then tries the first of each key until the broker
     * answers), the last run failed as a whole (its reads or records in the database), or the source holds some
     * events back after they failed ({@link OutboxSource#holdingBack}).
     */
    public boolean failing() {
        return probing.get() || runFailed.get() || source.holdingBack();
    }
}
