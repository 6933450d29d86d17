package no.rusmonitor.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * A key's events reach Kafka one after the other, and none after one of them failed; other keys go on. One
 * Kafka refused for good does not hold the key's later events back.
 */
class KeyOrderTest {

    private static OutboxSource.Waiting event(long position, String key) {
        return new OutboxSource.Waiting(position, "topic", key, key + position);
    }

    @Test
    void aKeysLaterEventsWaitForTheOneBeforeAndStopAtAFailure() {
        List<OutboxSource.Waiting> batch = List.of(event(1, "A"), event(2, "B"), event(3, "A"), event(4, "A"), event(5, "B"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> results = OutboxRelay.sendInKeyOrder(batch, e -> {
            log.add("start " + e.payload());
            // A1 takes a while: A3 must not start before it is acknowledged. A3 fails (Kafka away, say).
            Uni<Delivery> answer = Uni.createFrom().item(e.payload().equals("A3") ? Delivery.FAILED : Delivery.ACKNOWLEDGED);
            if (e.payload().equals("A1")) {
                answer = answer.onItem().delayIt().by(Duration.ofMillis(200));
            }
            return answer.invoke(ok -> log.add("end " + e.payload()));
        }, Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(true, true, false, false, true), results.stream().map(Delivery::acknowledged).toList(),
                "A4 is not sent after A3 failed; B goes on");
        assertEquals(log.indexOf("end A1") + 1, log.indexOf("start A3"), "A3 starts once A1 is acknowledged");
        assertEquals(-1, log.indexOf("start A4"));
    }

    /**
     * A broker that never answers one send: once the limit has passed, what settled is recorded and the rest
     * counts as not sent, so that the run ends before the database ends its transaction.
     */
    @Test
    void whatHasNotSettledWithinTheLimitCountsAsNotSent() {
        List<OutboxSource.Waiting> batch = List.of(event(1, "A"), event(2, "B"), event(3, "A"));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> results = OutboxRelay.sendInKeyOrder(batch, e -> {
            sent.add(e.payload());
            return e.payload().equals("A1") ? Uni.createFrom().nothing() : Uni.createFrom().item(Delivery.ACKNOWLEDGED);
        }, Duration.ofMillis(300)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(false, true, false), results.stream().map(Delivery::settled).toList(), "B2 went; A1 never answered");
        assertEquals(List.of("A1", "B2"), sent.stream().sorted().toList(), "A3 waits for A1, as ever");
    }

    @Test
    void aKeysEventRefusedForGoodLetsTheNextOneGo() {
        List<OutboxSource.Waiting> batch = List.of(event(1, "A"), event(2, "A"), event(3, "A"));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> results = OutboxRelay.sendInKeyOrder(batch, e -> {
            sent.add(e.payload());
            return Uni.createFrom().item(e.payload().equals("A1") ? Delivery.refused("RecordTooLargeException: too large") : Delivery.ACKNOWLEDGED);
        }, Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("A1", "A2", "A3"), sent);
        assertEquals("RecordTooLargeException: too large", results.get(0).refusal());
        assertEquals(List.of(true, true, true), results.stream().map(Delivery::settled).toList());
        assertEquals(List.of(false, true, true), results.stream().map(Delivery::acknowledged).toList());
    }
}
