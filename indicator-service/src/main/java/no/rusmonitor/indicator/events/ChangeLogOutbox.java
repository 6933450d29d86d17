package no.rusmonitor.indicator.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.platform.outbox.CloudEvent;
import no.rusmonitor.platform.outbox.OutboxSource;

/**
 * The change log ({@code value_change}) is indicator-service's outbox. Every changed value is there already,
 * written in the transaction that changed it and numbered in commit order (writers hold the
 * {@code compute_state} lock while they take numbers). The relay sends the entries after
 * {@code relay_position} and moves it past what Kafka acknowledged. So a changed value is written once,
 * not once more into an outbox table, and so is its JSON: the analysts' view that the change log keeps
 * for the live stream ({@link no.rusmonitor.indicator.values.ValueView}) is the event's data
 * (docs/events/indicator-changed-v1.schema.json). Only the envelope is written here.
 * <p>
 * Each entry has its own event id, so an event sent again (after a crash before the position moved) keeps
 * its id; consumers keep the highest revision of each value anyway.
 */
@ApplicationScoped
public class ChangeLogOutbox implements OutboxSource {

    private static final String TYPE = "no.rusmonitor.indicator.changed.v1";
    private static final String SCHEMA = "https://rusmonitor.no/schemas/events/indicator-changed-v1.json";
    private static final String SOURCE = "urn:rusmonitor:indicator-service";

    /** The position as a subquery, not a join: only so does the plan start the index scan at the position rather than at the first entry. */
    private static final String AFTER_POSITION = "seq > (select seq from relay_position)";
    private static final String NEXT = "select seq, event_id::text, indicator_id, level, area_code, borders, year, created_at, payload::text "
            + "from value_change where " + AFTER_POSITION + " order by seq limit $1";

    private final ObjectMapper mapper;
    private final String topic;

    @Inject
    public ChangeLogOutbox(ObjectMapper mapper, @ConfigProperty(name = "rusmonitor.topics.indicators") String topic) {
        this.mapper = mapper;
        this.topic = topic;
    }

    @Override
    public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
        return connection.preparedQuery(NEXT).execute(Tuple.of(limit)).map(rows -> {
            List<Waiting> waiting = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ValueKey key = new ValueKey(row.getString(2), Level.parse(row.getString(3)), row.getString(4), Borders.parse(row.getString(5)),
                        row.getInteger(6));
                waiting.add(new Waiting(row.getLong(0), topic, key.eventKey(),
                        envelope(row.getString(1), key, row.getOffsetDateTime(7), row.getString(8))));
            }
            return waiting;
        });
    }

    private String envelope(String eventId, ValueKey key, OffsetDateTime createdAt, String data) {
        CloudEvent<RawValue> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, eventId, SOURCE, TYPE, key.subject(), createdAt.toInstant(),
                "application/json", SCHEMA, new RawValue(data));
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON", e);
        }
    }

    /**
     * Moves the position past the settled events at the head of the batch: the first one that did not leave
     * is sent again, and all after it (consumers ignore the repeats).
     */
    @Override
    public Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] settled) {
        int head = 0;
        while (head < settled.length && settled[head]) {
            head++;
        }
        if (head == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("update relay_position set seq = $1").execute(Tuple.of(batch.get(head - 1).position()))
                .replaceWithVoid();
    }

    /**
     * Keeps the event, as it was sent, in {@code relay_parked}: the change log's purge may remove its entry.
     * The value's next change supersedes it (consumers keep the highest revision). An entry after one that
     * failed for now is sent again with it, since the position only moves past a settled head, and so can
     * be refused again: it is parked once.
     */
    @Override
    public Uni<Boolean> park(SqlConnection connection, Waiting event, String reason) {
        return connection.preparedQuery("insert into relay_parked (seq, event_key, payload, parked_at, reason) values ($1, $2, $3, now(), $4) "
                + "on conflict (seq) do nothing").execute(Tuple.of(event.position(), event.key(), event.payload(), reason))
                .map(rows -> rows.rowCount() > 0);
    }

    @Override
    public Uni<Lag> lag(SqlClient client, int countLimit) {
        return client.query("select (select count(*) from (select 1 from value_change where " + AFTER_POSITION + " limit " + countLimit
                + ") waiting), coalesce((select extract(epoch from now() - created_at) from value_change where " + AFTER_POSITION
                + " order by seq limit 1), 0), (select count(*) from relay_parked)")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lag(row.getLong(0), row.getNumeric(1).longValue(), row.getLong(2));
                });
    }

    /** Nothing of its own: the change log's purge (ChangeFeed) never removes an entry the relay has not sent. */
    @Override
    public Uni<Void> purge(SqlClient client) {
        return Uni.createFrom().voidItem();
    }
}
