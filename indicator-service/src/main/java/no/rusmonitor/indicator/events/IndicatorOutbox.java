package no.rusmonitor.indicator.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import no.rusmonitor.platform.outbox.OutboxSource;

/**
 * The relay's source in indicator-service (it takes one): the definitions waiting ({@link DefinitionLog}), then
 * the changed values ({@link ChangeLogOutbox}), in one batch. Definitions first, so that a version usually
 * reaches Kafka before the values computed with it (they commit together); the two logs are numbered apart,
 * and each keeps its own position, so a batch of both is recorded in each log for its part.
 * <p>
 * A definition Kafka did not take (its topic missing or without a leader, say) must not hold the values back:
 * after a failed send the relay tries one event at a time until one goes, and that one would be the same
 * definition every time. So after a definition fails, the definitions rest for {@link #DEFINITIONS_REST} and
 * the values leave meanwhile; the definitions waiting are in the relay's lag all the same, and the relay is
 * unwell until one leaves ({@link #holdingBack}).
 */
@ApplicationScoped
public class IndicatorOutbox implements OutboxSource {

    static final Duration DEFINITIONS_REST = Duration.ofSeconds(30);

    private final OutboxSource definitions;
    private final Predicate<Waiting> isDefinition;
    private final OutboxSource changes;
    private final LongSupplier nanoTime;
    /** {@link System#nanoTime()} until which the definitions rest; volatiles since relay runs may change threads. */
    private volatile long definitionsRestUntil;
    private volatile boolean resting;
    /**
     * A definition failed and none has left since: unwell until one does (or none waits), for at most two rests, so
     * that an instance whose relay another instance took over does not stay unwell.
     */
    private volatile boolean definitionsStuck;
    private volatile long stuckUntil;

    @Inject
    public IndicatorOutbox(DefinitionLog definitions, ChangeLogOutbox changes) {
        this(definitions, definitions::holds, changes, System::nanoTime);
    }

    IndicatorOutbox(OutboxSource definitions, Predicate<Waiting> isDefinition, OutboxSource changes, LongSupplier nanoTime) {
        this.definitions = definitions;
        this.isDefinition = isDefinition;
        this.changes = changes;
        this.nanoTime = nanoTime;
    }

    @Override
    public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
        if (resting && nanoTime.getAsLong() - definitionsRestUntil < 0) {
            return changes.next(connection, limit);
        }
        resting = false;
        return definitions.next(connection, limit).flatMap(waiting -> {
            if (waiting.isEmpty()) {
                definitionsStuck = false;
            }
            if (waiting.size() >= limit) {
                return Uni.createFrom().item(waiting);
            }
            return changes.next(connection, limit - waiting.size()).map(more -> {
                List<Waiting> batch = new ArrayList<>(waiting);
                batch.addAll(more);
                return batch;
            });
        });
    }

    /** The batch's definitions are its head (as {@link #next} gives them): each log records its part. */
    @Override
    public Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] settled) {
        int split = definitionsAtHead(batch);
        int end = batch.size();
        if (split > 0 && allSettled(settled, split)) {
            definitionsStuck = false;
        } else if (split > 0) {
            long now = nanoTime.getAsLong();
            definitionsRestUntil = now + DEFINITIONS_REST.toNanos();
            resting = true;
            stuckUntil = now + 2 * DEFINITIONS_REST.toNanos();
            definitionsStuck = true;
        }
        Uni<Void> recorded = split == 0 ? Uni.createFrom().voidItem()
                : definitions.sent(connection, batch.subList(0, split), Arrays.copyOfRange(settled, 0, split));
        return split == end ? recorded
                : recorded.flatMap(x -> changes.sent(connection, batch.subList(split, end), Arrays.copyOfRange(settled, split, end)));
    }

    private int definitionsAtHead(List<Waiting> batch) {
        int count = 0;
        while (count < batch.size() && isDefinition.test(batch.get(count))) {
            count++;
        }
        return count;
    }

    private static boolean allSettled(boolean[] settled, int count) {
        for (int i = 0; i < count; i++) {
            if (!settled[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Uni<Boolean> park(SqlConnection connection, Waiting event, String reason) {
        return isDefinition.test(event) ? definitions.park(connection, event, reason) : changes.park(connection, event, reason);
    }

    /** Both logs' waiting events and parked ones, and the older of their oldest. */
    @Override
    public Uni<Lag> lag(SqlClient client, int countLimit) {
        return definitions.lag(client, countLimit).flatMap(ofDefinitions -> changes.lag(client, countLimit)
                .map(ofChanges -> new Lag(Math.min(countLimit, ofDefinitions.waiting() + ofChanges.waiting()),
                        Math.max(ofDefinitions.oldestAgeSeconds(), ofChanges.oldestAgeSeconds()), ofDefinitions.parked() + ofChanges.parked())));
    }

    /**
     * From a definition that failed until one leaves: a missing topic must not look healthy between two tries, nor
     * while the next try waits for the broker's answer.
     */
    @Override
    public boolean holdingBack() {
        return definitionsStuck && nanoTime.getAsLong() - stuckUntil < 0;
    }

    @Override
    public Uni<Void> purge(SqlClient client) {
        return definitions.purge(client).flatMap(x -> changes.purge(client));
    }
}
