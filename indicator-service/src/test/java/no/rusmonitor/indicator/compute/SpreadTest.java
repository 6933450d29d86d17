package no.rusmonitor.indicator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        Spread spread = Spread.of(new double[] { 7, 1, 3, 5, 9 }, 5);
        assertEquals(new Spread(5, 1, 3, 5, 7, 9), spread);
        Spread even = Spread.of(new double[] { 1, 2, 3, 4 }, 4);
        assertEquals(1.75, even.q1(), 1e-12);
        assertEquals(2.5, even.median(), 1e-12);
        assertEquals(3.25, even.q3(), 1e-12);
    }

    @Test
    void oneValueIsItsOwnSpreadAndNoneIsNone() {
        assertEquals(new Spread(1, 4, 4, 4, 4, 4), Spread.of(new double[] { 4 }, 1));
        assertNull(Spread.of(new double[0], 0));
    }

    @Test
    void onlyTheFirstCountValuesCount() {
        // The computation fills an array sized for every member and counts those with a value.
        assertEquals(new Spread(5, 1, 3, 5, 7, 9), Spread.of(new double[] { 7, 1, 3, 5, 9, 100, -100 }, 5));
        assertNull(Spread.of(new double[] { 1, 2 }, 0));
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
