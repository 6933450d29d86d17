package no.rusmonitor.indicator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        Spread spread = Spread.of(List.of(7.0, 1.0, 3.0, 5.0, 9.0));
        assertEquals(new Spread(5, 1, 3, 5, 7, 9), spread);
        Spread even = Spread.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(1.75, even.q1(), 1e-12);
        assertEquals(2.5, even.median(), 1e-12);
        assertEquals(3.25, even.q3(), 1e-12);
    }

    @Test
    void oneValueIsItsOwnSpreadAndNoneIsNone() {
        assertEquals(new Spread(1, 4, 4, 4, 4, 4), Spread.of(List.of(4.0)));
        assertNull(Spread.of(List.of()));
    }

    @Test
    void sizeClassesFollowPopulation() {
        assertEquals(SizeClass.UNDER_5000, SizeClass.of(4_999L));
        assertEquals(SizeClass.FROM_5000, SizeClass.of(5_000L));
        assertEquals(SizeClass.FROM_5000, SizeClass.of(19_999L));
        assertEquals(SizeClass.FROM_20000, SizeClass.of(20_000L));
        assertEquals(SizeClass.FROM_50000, SizeClass.of(50_000L));
        assertNull(SizeClass.of(null));
    }
}
