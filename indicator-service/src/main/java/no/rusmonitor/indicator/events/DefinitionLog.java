package no.rusmonitor.indicator.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.engine.DefinitionStore;
import no.rusmonitor.platform.outbox.OutboxRecord;

/**
 * The definitions ({@code indicator_definition}) as an outbox, as the change log is one ({@link ChangeLogOutbox}): each
 * version is numbered ({@code seq}) in the transaction that publishes it, and the relay sends the versions after
 * {@code definition_relay_position} as {@link DefinitionPublished} events, keyed by indicator id. So every version
 * leaves once it is committed, at least once, without a second copy written anywhere: the seeded ones at
 * the first start, those operators publish, and, after the upgrade that numbered them (V7), all stored before.
 * An event Kafka refused for good is kept in {@code definition_relay_parked}; the version stays where it is.
 */
@Singleton
@Typed(DefinitionLog.class)
public class DefinitionLog extends NumberedLog {

    private final String next = "select seq, indicator_id, version, content::text, published_at from indicator_definition where "
            + waiting() + " order by seq limit $1";
    private final DefinitionStore store;
    private final ObjectMapper mapper;
    private final String topic;

    @Inject
    public DefinitionLog(DefinitionStore store, ObjectMapper mapper, @ConfigProperty(name = "rusmonitor.topics.definitions") String topic) {
        super("indicator_definition", "published_at", "definition_relay_position", "definition_relay_parked");
        this.store = store;
        this.mapper = mapper;
        this.topic = topic;
    }

    /** Whether the event is one of this log's (the relay's batches hold both logs' events). */
    boolean holds(Waiting event) {
        return topic.equals(event.topic());
    }

    @Override
    public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
        return connection.preparedQuery(next).execute(Tuple.of(limit)).map(rows -> {
            List<Waiting> waiting = new ArrayList<>(rows.size());
            for (Row row : rows) {
                String id = row.getString(1);
                DefinitionPublished data = DefinitionPublished.of(id, row.getInteger(2), store.readContent(id, row.getString(3)),
                        row.getOffsetDateTime(4).toInstant());
                OutboxRecord record = OutboxRecord.of(topic, id, data.event(), mapper);
                waiting.add(new Waiting(row.getLong(0), record.topic(), record.key(), record.payload()));
            }
            return waiting;
        });
    }

    /** Nothing to remove: the definitions are kept for good. */
    @Override
    public Uni<Void> purge(SqlClient client) {
        return Uni.createFrom().voidItem();
    }
}
