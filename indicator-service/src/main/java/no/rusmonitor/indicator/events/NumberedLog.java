package no.rusmonitor.indicator.events;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.outbox.OutboxSource;

/**
 * A table of indicator-service's that the relay sends as it is, in the order of its {@code seq} column, which
 * writers number in commit order (they hold the {@code compute_state} lock while they take numbers): the
 * change log ({@link ChangeLogOutbox}) and the definitions ({@link DefinitionLog}), which say how an entry
 * becomes an event ({@link #next}). How far Kafka has acknowledged the table is a one-row position table;
 * events Kafka refused for good are kept, as they were sent, in a parked table
 * ({@code seq, event_key, payload, parked_at, reason}). {@link Waiting#position()} is the entry's {@code seq}.
 */
abstract class NumberedLog implements OutboxSource {

    private final String table;
    private final String timeColumn;
    private final String positionTable;
    private final String parkedTable;

    /**
     * @param timeColumn the entry's time, for the age of the oldest one waiting
     */
    protected NumberedLog(String table, String timeColumn, String positionTable, String parkedTable) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.positionTable = positionTable;
        this.parkedTable = parkedTable;
    }

    /**
     * The condition for entries not yet sent. The position as a subquery, not a join: only so does the plan start the
     * index scan at the position rather than at the first entry.
     */
    protected final String waiting() {
        return "seq > (select seq from " + positionTable + ")";
    }

    /**
     * Moves the position past the settled events at the head of the batch: the first one that did not leave
     * is sent again, and all after it (consumers ignore the repeats).
     */
    @Override
    public final Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] settled) {
        int head = 0;
        while (head < settled.length && settled[head]) {
            head++;
        }
        if (head == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("update " + positionTable + " set seq = $1").execute(Tuple.of(batch.get(head - 1).position()))
                .replaceWithVoid();
    }

    /**
     * Keeps the event as it was sent. An entry after one that failed for now is sent again with it, since the
     * position only moves past a settled head, and so can be refused again: it is parked once.
     */
    @Override
    public final Uni<Boolean> park(SqlConnection connection, Waiting event, String reason) {
        return connection.preparedQuery("insert into " + parkedTable + " (seq, event_key, payload, parked_at, reason) values ($1, $2, $3, now(), $4) "
                + "on conflict (seq) do nothing").execute(Tuple.of(event.position(), event.key(), event.payload(), reason))
                .map(rows -> rows.rowCount() > 0);
    }

    @Override
    public final Uni<Lag> lag(SqlClient client, int countLimit) {
        return client.query("select (select count(*) from (select 1 from " + table + " where " + waiting() + " limit " + countLimit
                + ") waiting), coalesce((select extract(epoch from now() - " + timeColumn + ") from " + table + " where " + waiting()
                + " order by seq limit 1), 0), (select count(*) from " + parkedTable + ")")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lag(row.getLong(0), row.getNumeric(1).longValue(), row.getLong(2));
                });
    }
}
