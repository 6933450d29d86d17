package no.rusmonitor.report.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rebuilding the read model from the beginning of the indicator topic.
 * <ul>
 * <li>A new consumer group starts at the beginning ({@code auto.offset.reset=earliest}).</li>
 * <li>When partitions are assigned and the read model is empty (a new or wiped database behind an existing
 * consumer group), the consumer seeks them to the beginning.</li>
 * <li>An operator or analyst asks for a rebuild ({@code POST /api/read-model/rebuild}): the table is emptied
 * and the rebuild generation goes up in one transaction. Every replica notices the new generation within
 * {@code rusmonitor.read-model.rebuild-check} and seeks its own partitions to the beginning. Events applied
 * in between are applied again; the highest-revision rule makes the result the same.</li>
 * </ul>
 */
@ApplicationScoped
@Default
@Identifier(ReadModelRebuild.LISTENER)
public class ReadModelRebuild implements KafkaConsumerRebalanceListener {

    public static final String LISTENER = "report-indicators-rebalance";
    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    private final Pool pool;
    private final KafkaClientService kafka;
    private final IndicatorsJoined joined;
    /** The generation this replica has replayed for; -1 until first read. */
    private final AtomicLong seenGeneration = new AtomicLong(-1);

    @Inject
    public ReadModelRebuild(Pool pool, KafkaClientService kafka, IndicatorsJoined joined) {
        this.pool = pool;
        this.kafka = kafka;
        this.joined = joined;
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
        boolean empty = pool.query("select not exists (select 1 from indicator_value)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0)).await().atMost(Duration.ofSeconds(30));
        if (empty) {
            LOG.infof("The read model is empty: reading %s from the beginning", partitions);
            consumer.seekToBeginning(partitions);
        }
    }

    /** Empties the read model and raises the generation; this replica replays at once, the others on their next check. */
    public Uni<State> request(String by) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("update read_model_state set generation = generation + 1, rebuild_requested_at = $1, "
                        + "rebuild_requested_by = $2, last_change_at = $1 where id = 1 returning generation, rebuild_requested_at, rebuild_requested_by")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), by))
                .flatMap(rows -> connection.query("truncate indicator_value").execute().replaceWith(state(rows.iterator().next()))))
                .call(state -> replayIfNewer(state.generation()));
    }

    public Uni<State> state() {
        return pool.query("select generation, rebuild_requested_at, rebuild_requested_by from read_model_state where id = 1").execute()
                .map(rows -> state(rows.iterator().next()));
    }

    @Scheduled(every = "${rusmonitor.read-model.rebuild-check:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        return state().flatMap(state -> {
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
            return assigned.isEmpty() ? Uni.createFrom().voidItem() : consumer.seekToBeginning(assigned);
        });
    }

    private static State state(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("rebuild_requested_at");
        return new State(row.getLong("generation"), at == null ? null : at.toInstant(), row.getString("rebuild_requested_by"));
    }
}
