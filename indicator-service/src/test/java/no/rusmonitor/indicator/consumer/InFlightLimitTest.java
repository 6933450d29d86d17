package no.rusmonitor.indicator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The cap on records handed to the engine and not yet applied. */
class InFlightLimitTest {

    @Test
    void aPlaceIsWaitedForOnlyWhenAllAreTakenAndPassesOnWhenGivenBack() {
        InFlightLimit limit = new InFlightLimit(2);
        limit.acquire().await().indefinitely();
        limit.acquire().await().indefinitely();
        assertEquals(2, limit.taken());

        AtomicBoolean third = new AtomicBoolean();
        limit.acquire().subscribe().with(x -> third.set(true));
        assertFalse(third.get(), "the third waits while two are taken");

        limit.release();
        assertTrue(third.get(), "a place given back goes to the one waiting");
        assertEquals(2, limit.taken(), "without being counted free in between");

        limit.release();
        limit.release();
        assertEquals(0, limit.taken());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
    }
}
