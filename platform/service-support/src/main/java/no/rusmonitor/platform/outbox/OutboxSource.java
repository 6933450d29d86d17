package no.rusmonitor.platform.outbox;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Where {@link OutboxRelay} takes the events it sends to Kafka, in the order they must leave. As a rule
 * that is the {@code outbox_event} table ({@link OutboxTable}). A service whose own change log already
 * holds every event, in commit order, can relay from that log instead and so write each change once
 * (indicator-service does); it declares its own bean of this type, which takes the place of the table.
 * <p>
 * {@link #next} and {@link #sent} run in the relay's transaction, under its lock: one relay at a time.
 */
public interface OutboxSource {

    /** An event waiting to leave: its place in the source (increasing in the order events leave) and the Kafka record. */
    record Waiting(long position, String topic, String key, String payload) {
    }

    /** How many events wait (counted up to a limit), how old the oldest is, and how many were parked. */
    record Lag(long waiting, long oldestAgeSeconds, long parked) {
    }

    /** The next events to send, at most {@code limit}, in order. */
    Uni<List<Waiting>> next(SqlConnection connection, int limit);

    /**
     * What the relay sends while Kafka leaves some events unacknowledged: the first waiting event of each key, at
     * most {@code limit}, in order. Kafka's trouble may be one partition's (its leader away, too few replicas), and
     * trying only the oldest event would hold every key's events back behind that partition's. By default just
     * the oldest event, for a source whose keys are too many to look over each time.
     */
    default Uni<List<Waiting>> firstOfEachKey(SqlConnection connection, int limit) {
        return next(connection, 1);
    }

    /**
     * Records which events of a batch {@link #next} gave have left: {@code settled[i]} for its i-th event,
     * acknowledged by Kafka or {@linkplain #park parked}. What has not left must come again from {@link #next}.
     * Called after every batch sent, also when none of it left.
     */
    Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] settled);

    /**
     * Sets aside an event Kafka refused for good (too large for the topic, say), with the reason: it no longer
     * comes from {@link #next}, so its key's later events can leave, and it is kept for an operator to look
     * at and, once Kafka would take it, send again. Answers whether it was parked now (not already before).
     */
    Uni<Boolean> park(SqlConnection connection, Waiting event, String reason);

    /** The events waiting, counted up to {@code countLimit}. */
    Uni<Lag> lag(SqlClient client, int countLimit);

    /** Removes what was relayed and need not be kept any longer; the relay calls it every hour. */
    Uni<Void> purge(SqlClient client);

    /**
     * Whether the source holds events back for a while after Kafka did not take them, giving others first (so
     * that the relay is not unwell only while it happens to be trying them). None by default.
     */
    default boolean holdingBack() {
        return false;
    }
}
