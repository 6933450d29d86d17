package no.rusmonitor.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.report.catalogue.Polarity;

class SummaryDerivationTest {

    private static NationalIndicator indicator(String id, Polarity polarity, Cell previous, Cell value) {
        return new NationalIndicator(id, id, "percent", "%", 1, polarity, value, previous, Cell.change(previous, value, 1), null, null, null,
                null, List.of(), List.of(), null, List.of(), null);
    }

    private static Cell v(double value) {
        return Cell.plain(value, 1);
    }

    @Test
    void polarityDecidesWhatImprovedAndWhatGotWorse() {
        Summary s = SummaryDerivation.derive(2024, List.of(
                indicator("more_is_better_up", Polarity.higher_is_better, v(10), v(12)),
                indicator("less_is_better_up", Polarity.lower_is_better, v(9.0), v(9.6)),
                indicator("less_is_better_down", Polarity.lower_is_better, v(20), v(18)),
                indicator("neutral_down", Polarity.neutral, v(70), v(68.5))));
        assertEquals(2023, s.previousYear());
        assertEquals(List.of("more_is_better_up", "less_is_better_down"), s.improved().stream().map(SummaryItem::indicatorId).toList());
        assertEquals(List.of("less_is_better_up"), s.worsened().stream().map(SummaryItem::indicatorId).toList());
        assertEquals("fell", s.changed().get(0).direction());
        assertEquals(0.6, s.worsened().get(0).change());
    }

    @Test
    void withheldMissingAndUnchangedValuesAreCountedNotListed() {
        Cell withheld = new Cell(null, Flag.primary, null);
        Summary s = SummaryDerivation.derive(2024, List.of(
                indicator("withheld", Polarity.higher_is_better, withheld, v(5)),
                indicator("missing", Polarity.higher_is_better, Cell.NO_VALUE, v(5)),
                indicator("same_after_rounding", Polarity.higher_is_better, v(5.01), v(5.04))));
        assertEquals(2, s.notComparable());
        assertEquals(1, s.unchanged());
        assertEquals(0, s.improvedCount() + s.worsenedCount() + s.changedCount());
        assertFalse(s.nothingToCompare(), "one indicator is comparable, and unchanged");
    }

    @Test
    void theFirstYearHasNothingToCompareWith() {
        Summary s = SummaryDerivation.derive(2015, List.of(
                indicator("a", Polarity.higher_is_better, Cell.NO_VALUE, v(5)),
                indicator("b", Polarity.lower_is_better, Cell.NO_VALUE, v(7))));
        assertTrue(s.nothingToCompare());
        assertEquals(2, s.notComparable());
    }

    @Test
    void theListsHoldTheLargestRelativeMovesButTheCountsCoverAll() {
        List<NationalIndicator> many = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            many.add(indicator("up" + i, Polarity.higher_is_better, v(100), v(100 + i)));
        }
        Summary s = SummaryDerivation.derive(2024, many);
        assertEquals(8, s.improvedCount());
        assertEquals(SummaryDerivation.LIMIT, s.improved().size());
        assertEquals("up8", s.improved().get(0).indicatorId());
    }
}
