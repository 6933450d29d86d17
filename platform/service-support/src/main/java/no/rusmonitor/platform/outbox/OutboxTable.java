package no.rusmonitor.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code outbox_event} table as the relay's source: rows in id order, each marked published (or deleted)
 * once Kafka acknowledged it. A service creates the table in its own migrations (see survey-service's V1)
 * and writes {@link OutboxRecord}s in the transaction of the change, and the table {@code outbox_parked} for
 * events Kafka refused for good (same columns, with {@code parked_at} and {@code reason}).
 * <p>
 * Published rows are kept for {@code rusmonitor.outbox.purge-published-after}; zero deletes each row as soon
 * as Kafka acknowledged it, for a service that keeps what it published elsewhere and writes many events:
 * marking a row published writes the whole row again, deleting it does not.
 */
@DefaultBean
@ApplicationScoped
public class OutboxTable implements OutboxSource {

    private final Duration keepPublished;

    public OutboxTable(@ConfigProperty(name = "rusmonitor.outbox.purge-published-after", defaultValue = "P7D") Duration keepPublished) {
        this.keepPublished = keepPublished;
    }

    @Override
    public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
        return read(connection, "select id, topic, event_key, payload from outbox_event where published_at is null order by id limit $1", limit);
    }

    @Override
    public Uni<List<Waiting>> firstOfEachKey(SqlConnection connection, int limit) {
        // The firsts found by id and key alone, and only their rows read whole: a backlog's payloads are not sorted.
        return read(connection, "select id, topic, event_key, payload from outbox_event where id in (select distinct on (event_key) id "
                + "from outbox_event where published_at is null order by event_key, id) order by id limit $1", limit);
    }

    private static Uni<List<Waiting>> read(SqlConnection connection, String query, int limit) {
        return connection.preparedQuery(query).execute(Tuple.of(limit)).map(rows -> {
            List<Waiting> waiting = new ArrayList<>(rows.size());
            for (Row row : rows) {
                waiting.add(new Waiting(row.getLong(0), row.getString(1), row.getString(2), row.getString(3)));
            }
            return waiting;
        });
    }

    @Override
    public Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] settled) {
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (settled[i]) {
                done.add(batch.get(i).position());
            }
        }
        if (done.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String markDone = keepPublished.isZero() ? "delete from outbox_event where id = any($1)"
                : "update outbox_event set published_at = now() where id = any($1)";
        return connection.preparedQuery(markDone).execute(Tuple.of(done.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Moves the event to {@code outbox_parked}; moving it back to {@code outbox_event} sends it again. */
    @Override
    public Uni<Boolean> park(SqlConnection connection, Waiting event, String reason) {
        return connection.preparedQuery("with moved as (delete from outbox_event where id = $1 returning *) "
                + "insert into outbox_parked (id, event_id, topic, event_key, payload, created_at, parked_at, reason) "
                + "select id, event_id, topic, event_key, payload, created_at, now(), $2 from moved")
                .execute(Tuple.of(event.position(), reason)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Both waiting figures come from the index of waiting rows, each with a limit: published rows are kept for a
     * while, and under load the planner's estimate of the waiting ones is far off, so an unbounded
     * count was planned as a parallel scan of the whole table (with JIT compilation) every time.
     */
    @Override
    public Uni<Lag> lag(SqlClient client, int countLimit) {
        return client.query("select (select count(*) from (select 1 from outbox_event where published_at is null limit " + countLimit
                + ") waiting), coalesce((select extract(epoch from now() - created_at) from outbox_event where published_at is null "
                + "order by id limit 1), 0), (select count(*) from outbox_parked)")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lag(row.getLong(0), row.getNumeric(1).longValue(), row.getLong(2));
                });
    }

    @Override
    public Uni<Void> purge(SqlClient client) {
        return client.preparedQuery("delete from outbox_event where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(keepPublished.toSeconds())).replaceWithVoid();
    }
}
