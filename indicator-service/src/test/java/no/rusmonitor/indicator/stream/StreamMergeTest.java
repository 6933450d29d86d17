package no.rusmonitor.indicator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A connection's events are merged from the heartbeats and the changes without reading ahead of the client. */
class StreamMergeTest {

    @Test
    void theChangesAreAskedForNoFurtherThanTheClientReads() {
        AtomicLong asked = new AtomicLong();
        Multi<Integer> changes = Multi.createFrom().range(0, 1_000).onRequest().invoke(asked::addAndGet);
        AssertSubscriber<Integer> client = StreamResource.merged(List.of(Multi.createFrom().item(-1), changes))
                .subscribe().withSubscriber(AssertSubscriber.create(3));

        assertEquals(List.of(-1, 0, 1), client.getItems());
        assertTrue(asked.get() <= 3, "asked for " + asked.get() + " changes while the client took 2 and has room for none");

        client.request(2);
        assertEquals(List.of(-1, 0, 1, 2, 3), client.getItems());
        assertTrue(asked.get() <= 5, "asked for " + asked.get() + " changes after the client took 4");
    }
}
