package no.rusmonitor.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadStatsTest {

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        SpreadStats s = SpreadStats.of(List.of(18.4, 15.1, 17.9), 1);
        assertEquals(new SpreadStats(3, 15.1, 16.5, 17.9, 18.2, 18.4), s);
        SpreadStats four = SpreadStats.of(List.of(1.0, 2.0, 3.0, 4.0), 2);
        assertEquals(1.75, four.q1());
        assertEquals(2.5, four.median());
        assertEquals(3.25, four.q3());
    }

    @Test
    void missingValuesAreLeftOutAndNothingGivesNoSpread() {
        assertEquals(1, SpreadStats.of(Arrays.asList(null, 4.0, Double.NaN), 1).count());
        assertNull(SpreadStats.of(List.of(), 1));
    }
}
