package no.rusmonitor.indicator.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

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
 * its id; consumers keep the highest revision of each value anyway. An entry Kafka refused for good is kept,
 * as it was sent, in {@code relay_parked}: the change log's purge may remove the entry itself, and the value's
 * next change supersedes it (consumers keep the highest revision).
 * <p>
 * The relay's source is {@link IndicatorOutbox}, which sends this log after the definitions' ({@link DefinitionLog}).
 */
@Singleton
@Typed(ChangeLogOutbox.class)
public class ChangeLogOutbox extends NumberedLog {

    private static final String TYPE = "no.rusmonitor.indicator.changed.v1";
    private static final String SCHEMA = "https://rusmonitor.no/schemas/events/indicator-changed-v1.json";
    private static final String SOURCE = "urn:rusmonitor:indicator-service";

    private final String next = "select seq, event_id::text, indicator_id, level, area_code, borders, year, created_at, payload::text "
            + "from value_change where " + waiting() + " order by seq limit $1";
    private final ObjectMapper mapper;
    private final String topic;

    @Inject
    public ChangeLogOutbox(ObjectMapper mapper, @ConfigProperty(name = "rusmonitor.topics.indicators") String topic) {
        super("value_change", "created_at", "relay_position", "relay_parked");
        this.mapper = mapper;
        this.topic = topic;
    }

    @Override
    public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
        return connection.preparedQuery(next).execute(Tuple.of(limit)).map(rows -> {
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

    /** Nothing of its own: the change log's purge (ChangeFeed) never removes an entry the relay has not sent. */
    @Override
    public Uni<Void> purge(SqlClient client) {
        return Uni.createFrom().voidItem();
    }
}
