package no.rusmonitor.indicator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import no.rusmonitor.platform.outbox.OutboxSource;
import no.rusmonitor.platform.outbox.OutboxSource.Waiting;

/** How the relay's one source shares its batches between the definitions and the changed values. */
class IndicatorOutboxTest {

    private static final String DEFINITIONS = "definitions";

    private final Log definitions = new Log(DEFINITIONS);
    private final Log changes = new Log("values");
    private final AtomicLong now = new AtomicLong();
    private final IndicatorOutbox outbox = new IndicatorOutbox(definitions, w -> DEFINITIONS.equals(w.topic()), changes, now::get);

    @Test
    void definitionsLeadTheBatchAndEachLogRecordsItsOwnPart() {
        definitions.waiting(1, 2);
        changes.waiting(10, 11, 12);
        List<Waiting> batch = next(4);
        assertEquals(List.of(1L, 2L, 10L, 11L), positions(batch));
        outbox.sent(null, batch, new boolean[] {true, true, true, false}).await().indefinitely();
        assertEquals(List.of(1L, 2L), definitions.settled);
        assertEquals(List.of(10L), changes.settled);
    }

    @Test
    void aDefinitionKafkaDidNotTakeRestsWhileTheValuesGoOn() {
        definitions.waiting(1);
        changes.waiting(10, 11);
        List<Waiting> batch = next(500);
        outbox.sent(null, batch, new boolean[] {false, true, true}).await().indefinitely();
        assertEquals(List.of(), definitions.settled);
        assertTrue(outbox.holdingBack(), "the relay is unwell while the definitions rest");

        // The relay now tries one event at a time: a changed value, not the same definition again.
        changes.waiting(12);
        assertEquals(List.of(12L), positions(next(1)));
        now.addAndGet(IndicatorOutbox.DEFINITIONS_REST.toNanos() - 1);
        assertEquals(List.of(12L), positions(next(1)));

        now.addAndGet(1);
        List<Waiting> retry = next(1);
        assertEquals(List.of(1L), positions(retry), "after the rest the definition is tried again");
        assertTrue(outbox.holdingBack(), "and the relay stays unwell until it has left");
        outbox.sent(null, retry, new boolean[] {true}).await().indefinitely();
        assertFalse(outbox.holdingBack());
    }

    @Test
    void aBatchOfDefinitionsOnlyThatAllFailedRestsThemToo() {
        // As at the upgrade that brings the topic: the whole backlog is definitions, and none of them leaves.
        definitions.waiting(1, 2, 3);
        List<Waiting> batch = next(500);
        assertEquals(List.of(1L, 2L, 3L), positions(batch));
        outbox.sent(null, batch, new boolean[] {false, false, false}).await().indefinitely();
        assertEquals(List.of(), next(1), "nothing else waits, and the definitions rest");
        changes.waiting(10);
        assertEquals(List.of(10L), positions(next(1)));
    }

    @Test
    void aDefinitionRefusedForGoodIsParkedWithoutHoldingTheDefinitionsBack() {
        definitions.waiting(1, 2);
        Waiting refused = next(500).get(0);
        assertEquals(true, outbox.park(null, refused, "too large").await().indefinitely());
        assertEquals(List.of(1L), definitions.parked);
        outbox.sent(null, List.of(refused), new boolean[] {true}).await().indefinitely();
        assertEquals(List.of(2L), positions(next(500)), "parked counts as settled: the next definition leaves at once");
    }

    private List<Waiting> next(int limit) {
        return outbox.next(null, limit).await().indefinitely();
    }

    private static List<Long> positions(List<Waiting> batch) {
        return batch.stream().map(Waiting::position).toList();
    }

    /** A log in memory: it gives what waits, from the first, and records what the outbox says left (no longer waiting) or was parked. */
    private static final class Log implements OutboxSource {
        private final String topic;
        private final List<Waiting> waiting = new ArrayList<>();
        final List<Long> settled = new ArrayList<>();
        final List<Long> parked = new ArrayList<>();

        Log(String topic) {
            this.topic = topic;
        }

        void waiting(long... positions) {
            for (long p : positions) {
                waiting.add(new Waiting(p, topic, "key", "{}"));
            }
        }

        @Override
        public Uni<List<Waiting>> next(SqlConnection connection, int limit) {
            return Uni.createFrom().item(List.copyOf(waiting.subList(0, Math.min(limit, waiting.size()))));
        }

        @Override
        public Uni<Void> sent(SqlConnection connection, List<Waiting> batch, boolean[] done) {
            for (int i = 0; i < batch.size() && done[i]; i++) {
                settled.add(batch.get(i).position());
                waiting.remove(batch.get(i)); // as a log's position moves past its settled head
            }
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Boolean> park(SqlConnection connection, Waiting event, String reason) {
            parked.add(event.position());
            return Uni.createFrom().item(true);
        }

        @Override
        public Uni<Lag> lag(SqlClient client, int countLimit) {
            return Uni.createFrom().item(new Lag(waiting.size(), 0, parked.size()));
        }

        @Override
        public Uni<Void> purge(SqlClient client) {
            return Uni.createFrom().voidItem();
        }
    }
}
