package no.rusmonitor.report.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Failures;
import no.rusmonitor.platform.problem.Problem;

/**
 * Rebuilding the read model from the beginning of the indicator topic.
 * <ul>
 * <li>A new consumer group starts at the beginning ({@code auto.offset.reset=earliest}).</li>
 * <li>When partitions are assigned and the read model is empty (a new deployment, or a new database behind an
 * existing consumer group), the consumer seeks them to the beginning, and the filling counts
 * as a rebuild ({@link #fillAsRebuild}): until every partition has been read to the end it had then, the read
 * model is incomplete and nothing is published from it.</li>
 * <li>An operator asks for a rebuild ({@code POST /api/read-model/rebuild}): the table is emptied,
 * the rebuild generation goes up and each partition's end offset is recorded in {@code read_model_replay}, in
 * one transaction. Every replica notices the new generation within {@code rusmonitor.read-model.rebuild-check}
 * and seeks its own partitions to the beginning. Events applied in between are applied again; the
 * highest-revision rule makes the result the same.</li>
 * <li>A partition's row goes once its replay has passed that offset ({@link #replayed}): once this replica has
 * stored, since its last seek, a batch of the partition that begins at the topic's first offset and then one
 * that reaches the recorded end. A batch fetched before the seek took effect does not count, however far it
 * reaches, nor does one stored before the rebuild emptied the table: its values are gone. Until then a replica
 * that is assigned the partition (after a restart or a rebalance) reads it from the beginning again: the
 * offsets its group committed before the rebuild lie ahead of what was replayed. While any row is left the
 * read model is incomplete, and publishing waits ({@link #rebuilding}).</li>
 * </ul>
 */
@ApplicationScoped
@Default
@Identifier(ReadModelRebuild.LISTENER)
public class ReadModelRebuild implements KafkaConsumerRebalanceListener {

    public static final String LISTENER = "report-indicators-rebalance";
    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    /** How long a new assignment waits for the database to say what the read model holds. */
    private static final Duration STATE_READ_LIMIT = Duration.ofMinutes(2);

    private final Pool pool;
    private final KafkaClientService kafka;
    private final IndicatorsJoined joined;
    private final String topic;
    /** The generation this replica has replayed for; -1 until first read. */
    private final AtomicLong seenGeneration = new AtomicLong(-1);
    /** Whether a rebuild may still be reading the topic again (refreshed from the database on every check). */
    private volatile boolean replaying = true;
    /**
     * The partitions this replica has read again from their first offset since it last sought them there, each
     * with the end its replay must reach: only these can finish a replay.
     */
    private final Map<Integer, Long> readFromTheBeginning = new ConcurrentHashMap<>();

    @Inject
    public ReadModelRebuild(Pool pool, KafkaClientService kafka, IndicatorsJoined joined,
            @ConfigProperty(name = "rusmonitor.topics.indicators") String topic) {
        this.pool = pool;
        this.kafka = kafka;
        this.joined = joined;
        this.topic = topic;
    }

    public record State(long generation, Instant requestedAt, String requestedBy) {
    }

    /** Called on the consumer's polling thread, where blocking is allowed. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        joined.joined();
        if (partitions.isEmpty()) {
            return;
        }
        // Tried again while the database is away for a moment (a failover at start): thrown out of here, the failure
        // would leave the partitions assigned where their committed offsets are, without the seek below, and an
        // empty read model would fill only from those offsets on and be taken for complete. Within the consumer's
        // poll interval (5 minutes), so that the group does not take the partitions away meanwhile.
        Row row = pool.query("select not exists (select 1 from indicator_value), array(select topic_partition from read_model_replay), "
                + "(select generation from read_model_state where id = 1)").execute()
                .map(rows -> rows.iterator().next())
                .onFailure().invoke(failure -> LOG.warnf("Could not read the read model's state for %s, trying again: %s", partitions, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).expireIn(STATE_READ_LIMIT.toMillis())
                .await().atMost(STATE_READ_LIMIT.plusSeconds(30));
        Set<Integer> unfinished = Set.of(row.getArrayOfIntegers(1));
        replaying = !unfinished.isEmpty();
        // The generation this replica starts from: a rebuild asked for of another replica from now on is newer, and
        // its next check reads this replica's partitions again (left at -1, that check would take it as the start).
        seenGeneration.compareAndSet(-1, row.getLong(2));
        if (row.getBoolean(0)) {
            if (unfinished.isEmpty()) {
                fillAsRebuild(consumer);
            }
            LOG.infof("The read model is empty: reading %s from the beginning", partitions);
            partitions.forEach(p -> readFromTheBeginning.remove(p.partition()));
            consumer.seekToBeginning(partitions);
            return;
        }
        List<TopicPartition> again = partitions.stream().filter(p -> unfinished.contains(p.partition())).toList();
        again.forEach(p -> readFromTheBeginning.remove(p.partition()));
        if (!again.isEmpty()) {
            LOG.infof("A rebuild had not finished reading %s: reading them from the beginning", again);
            consumer.seekToBeginning(again);
        }
    }

    /**
     * Empties the read model, raises the generation and records how far each partition must be read again;
     * this replica replays at once, the others on their next check.
     */
    public Uni<State> request(String by) {
        // The table first, then the state row: a batch being stored takes them in that order too (the values, then
        // last_change_at), and the other order would deadlock with it.
        return endOffsets().flatMap(ends -> pool.withTransaction(connection -> connection.query("truncate indicator_value").execute()
                .flatMap(x -> connection.query("delete from read_model_replay").execute())
                .flatMap(x -> connection.preparedQuery(NEXT_GENERATION + " returning generation, rebuild_requested_at, rebuild_requested_by")
                        .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), by)))
                .flatMap(rows -> recordReplay(connection, ends).replaceWith(state(rows.iterator().next()))))
                .invoke(state -> {
                    replaying = true;
                    LOG.infof("Rebuild generation %d asked for by %s: partitions to read again up to %s", state.generation(), by, ends);
                }))
                .call(state -> replayIfNewer(state.generation()));
    }

    /** Raises the rebuild generation, with when ($1) and by whom ($2); a rebuild asked for and a filling both start so. */
    private static final String NEXT_GENERATION = "update read_model_state set generation = generation + 1, rebuild_requested_at = $1, "
            + "rebuild_requested_by = $2, last_change_at = $1 where id = 1";

    /** Where a partition's records begin, and the offset after its last one. */
    private record Span(long from, long until) {
    }

    /** How far each partition must be read again, in the transaction that empties the read model or finds it empty. */
    private static Uni<Void> recordReplay(SqlConnection connection, Map<Integer, Span> ends) {
        return ends.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("insert into read_model_replay (topic_partition, from_offset, until_offset) values ($1, $2, $3)")
                        .executeBatch(ends.entrySet().stream().map(e -> Tuple.of(e.getKey(), e.getValue().from(), e.getValue().until())).toList())
                        .replaceWithVoid();
    }

    /**
     * An empty read model found at an assignment is being filled from the topic: it is as incomplete as one a
     * rebuild emptied, so it is recorded as a rebuild (the generation raised, each partition's end), unless a
     * rebuild is recorded already or another replica has stored values meanwhile. Until every partition has been
     * read that far, nothing is published or drafted from it, and a replica given a partition later (one started
     * meanwhile, or after a rebalance) reads it from the beginning too rather than from its group's offsets, which
     * an empty database's values lie behind. Should Kafka or the database not answer, the partitions are still
     * read from the beginning, as before, only without the record.
     */
    private void fillAsRebuild(Consumer<?, ?> consumer) {
        try {
            Map<Integer, Span> ends = spans(consumer);
            if (ends.isEmpty()) {
                return; // nothing on the topic: the empty read model is complete
            }
            Row row = pool.withTransaction(connection -> connection.preparedQuery(NEXT_GENERATION
                    + " and not exists (select 1 from indicator_value) and not exists (select 1 from read_model_replay) returning generation")
                    .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), FOUND_EMPTY))
                    .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().<Row>nullItem()
                            : recordReplay(connection, ends).replaceWith(rows.iterator().next())))
                    .await().atMost(Duration.ofSeconds(30));
            if (row != null) {
                replaying = true;
                seenGeneration.accumulateAndGet(row.getLong(0), Math::max);
                LOG.infof("The read model is empty: filling it counts as rebuild generation %d, partitions to read up to %s", row.getLong(0), ends);
            }
        } catch (RuntimeException e) {
            LOG.warnf("The read model is empty, and its filling could not be recorded as a rebuild: %s", e.toString());
        }
    }

    /** Who {@link #fillAsRebuild} says asked for the rebuild. */
    static final String FOUND_EMPTY = "report-service: the read model was empty";

    /** Each partition of the topic that holds records, and where they begin and end; on the consumer's polling thread. */
    private Map<Integer, Span> spans(Consumer<?, ?> c) {
        List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, Duration.ofSeconds(10));
        Map<Integer, Span> ends = new HashMap<>();
        c.endOffsets(partitions, Duration.ofSeconds(10)).forEach((p, end) -> {
            long from = begin.getOrDefault(p, 0L);
            if (end > from) {
                ends.put(p.partition(), new Span(from, end));
            }
        });
        return ends;
    }

    /** Each partition of the topic that holds records, and where they begin and end. */
    private Uni<Map<Integer, Span>> endOffsets() {
        var consumer = kafka.<String, byte[]>getConsumer(IndicatorConsumer.CHANNEL);
        if (consumer == null) {
            return Uni.createFrom().failure(kafkaUnavailable());
        }
        return consumer.runOnPollingThread(this::spans).onFailure(KafkaException.class).transform(e -> {
            LOG.infof("No rebuild: the indicator topic's offsets could not be read (%s)", e.getMessage());
            return kafkaUnavailable();
        });
    }

    /** As every service answers when its broker is away (README): the same type and Retry-After, so clients retry it alike. */
    private static ApiException kafkaUnavailable() {
        return new ApiException(Problem.of(503, "unavailable", "Service unavailable",
                "The indicator topic cannot be read now, so the read model cannot be rebuilt; nothing was changed. Try again when Kafka is back."),
                5);
    }

    /**
     * The rebuild generation, read before a batch is stored, for {@link #replayed}; null when this replica
     * knows of no rebuild under way. Waits out the database's absence, as storing the batch does: a batch given
     * no generation counts for nothing, and the one that begins a partition's replay must count. Costs nothing
     * when no rebuild is under way.
     */
    public Uni<Long> generationBeforeStoring() {
        if (!replaying) {
            return Uni.createFrom().nullItem();
        }
        return pool.query("select generation from read_model_state where id = 1").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .plug(Failures::waitedOut);
    }

    /**
     * After a batch is stored, with the generation read before it was ({@link #generationBeforeStoring}) and the
     * first and last offset it held of each partition: a partition read from its first offset again is noted, and
     * one that has then passed its recorded end is done. A batch of another generation counts for nothing: a
     * rebuild asked for while it was stored may have emptied the table after it was. Costs nothing when no rebuild
     * is under way.
     */
    public Uni<Void> replayed(Long generation, Map<Integer, Long> firstOffsets, Map<Integer, Long> lastOffsets) {
        if (!replaying || lastOffsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.query("select r.topic_partition, r.from_offset, r.until_offset, s.generation from read_model_replay r "
                + "cross join read_model_state s where s.id = 1").execute().flatMap(rows -> {
            if (rows.size() > 0 && !Long.valueOf(rows.iterator().next().getLong(3)).equals(generation)) {
                return Uni.createFrom().voidItem();
            }
            List<Integer> done = new ArrayList<>();
            for (Row row : rows) {
                int partition = row.getInteger(0);
                long until = row.getLong(2);
                if (firstOffsets.containsKey(partition) && firstOffsets.get(partition) <= row.getLong(1)) {
                    readFromTheBeginning.put(partition, until);
                }
                Long last = lastOffsets.get(partition);
                if (last != null && last + 1 >= until && Long.valueOf(until).equals(readFromTheBeginning.get(partition))) {
                    done.add(partition);
                }
            }
            // Rows another replica deletes meanwhile keep this one replaying a little longer; its next check corrects that.
            boolean left = rows.size() > done.size();
            if (done.isEmpty()) {
                noteReplaying(left);
                return Uni.createFrom().voidItem();
            }
            // Only while the generation is still the batch's: a rebuild asked for meanwhile keeps its own rows.
            return pool.preparedQuery("delete from read_model_replay where topic_partition = any($1) "
                    + "and exists (select 1 from read_model_state where id = 1 and generation = $2)")
                    .execute(Tuple.of(done.toArray(Integer[]::new), generation))
                    .invoke(deleted -> {
                        // Fewer deleted than done: a rebuild asked for meanwhile (or another replica) changed the rows,
                        // and what was read before says nothing now; the next check reads them again.
                        if (deleted.rowCount() == done.size()) {
                            done.forEach(readFromTheBeginning::remove);
                            noteReplaying(left);
                        }
                    })
                    .replaceWithVoid();
        });
    }

    private void noteReplaying(boolean now) {
        replaying = now;
        if (!now) {
            readFromTheBeginning.clear();
        }
    }

    /** Whether a rebuild is still reading the topic again: the read model is incomplete until it has. */
    public Uni<Boolean> rebuilding() {
        return pool.query("select exists (select 1 from read_model_replay)").execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * What {@code build} makes from the read model, only from a complete one: a 409 while a rebuild is reading
     * the topic again, before {@code build} begins or (a rebuild having emptied the read model while it waited
     * or read) once it has ended.
     */
    public <T> Uni<T> fromCompleteModel(Supplier<Uni<T>> build) {
        return completeGeneration().flatMap(before -> build.get().call(built -> completeGeneration().invoke(after -> {
            if (!after.equals(before)) {
                throw rebuildingNow();
            }
        })));
    }

    /**
     * The rebuild generation of a complete read model, read in one statement with whether a rebuild is reading
     * the topic again; a 409 while one is. Equal generations before and after something is built say no
     * rebuild emptied the read model in between.
     */
    private Uni<Long> completeGeneration() {
        return pool.query("select generation, exists (select 1 from read_model_replay) from read_model_state where id = 1").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getBoolean(1)) {
                        throw rebuildingNow();
                    }
                    return row.getLong(0);
                });
    }

    static ApiException rebuildingNow() {
        return new ApiException(Problem.of(409, "read-model-rebuilding", "Read model rebuilding",
                "The read model is being rebuilt and does not hold every value yet; try again once GET /api/read-model says it is done."));
    }

    public Uni<State> state() {
        return pool.query("select generation, rebuild_requested_at, rebuild_requested_by from read_model_state where id = 1").execute()
                .map(rows -> state(rows.iterator().next()));
    }

    @Scheduled(every = "${rusmonitor.read-model.rebuild-check:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        return rebuilding().invoke(this::noteReplaying).flatMap(x -> state()).flatMap(state -> {
            if (seenGeneration.compareAndSet(-1, state.generation())) {
                return Uni.createFrom().voidItem();
            }
            return replayIfNewer(state.generation());
        }).onFailure().recoverWithItem(failure -> {
            LOG.debugf("Could not check the rebuild generation: %s", failure.getMessage());
            return null;
        });
    }

    private Uni<Void> replayIfNewer(long generation) {
        long seen = seenGeneration.getAndUpdate(current -> Math.max(current, generation));
        if (seen >= generation) {
            return Uni.createFrom().voidItem();
        }
        var consumer = kafka.<String, byte[]>getConsumer(IndicatorConsumer.CHANNEL);
        if (consumer == null) {
            return Uni.createFrom().voidItem();
        }
        return consumer.getAssignments().flatMap((Set<TopicPartition> assigned) -> {
            LOG.infof("Rebuild generation %d: reading %s from the beginning", generation, assigned);
            readFromTheBeginning.clear();
            return assigned.isEmpty() ? Uni.createFrom().voidItem() : consumer.seekToBeginning(assigned);
        });
    }

    private static State state(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("rebuild_requested_at");
        return new State(row.getLong("generation"), at == null ? null : at.toInstant(), row.getString("rebuild_requested_by"));
    }
}
