package no.rusmonitor.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import no.rusmonitor.report.readmodel.IndicatorValue;

class CellTest {

    private static IndicatorValue value(Double v, String status, String suppressed) {
        return new IndicatorValue("goal3.individual_plan_share", "municipality", "4602", "as_reported", 2024, 1, 1, "3", "percent", "Kinn",
                status, "missing".equals(status) ? "not_reported" : null, v, 3.0, 8.0, 100.0, 3.0, suppressed, null, null, null, null, 1,
                Instant.EPOCH);
    }

    @Test
    void aWithheldValueHasNoNumberInPublicAndKeepsItsFlagForAnalysts() {
        Cell hidden = Cell.of(value(37.5, "ok", "primary"), 1, false);
        assertNull(hidden.value());
        assertEquals(Flag.primary, hidden.flag());
        Cell shown = Cell.of(value(37.5, "ok", "primary"), 1, true);
        assertEquals(37.5, shown.value());
        assertEquals(Flag.primary, shown.flag());
    }

    @Test
    void valuesAreRoundedHalfUpToTheIndicatorsDecimals() {
        assertEquals(18.2, Cell.of(value(18.15, "ok", "none"), 1, false).value());
        assertEquals(0.13, Cell.of(value(0.125, "ok", "none"), 2, false).value());
        assertEquals(1.6, Cell.change(Cell.plain(15.2, 1), Cell.plain(16.8, 1), 1));
        assertNull(Cell.change(new Cell(null, Flag.secondary, null), Cell.plain(16.8, 1), 1));
    }

    @Test
    void aMissingValueSaysWhy() {
        Cell missing = Cell.of(value(null, "missing", "none"), 1, false);
        assertEquals(Flag.missing, missing.flag());
        assertEquals("not_reported", missing.missingReason());
        assertEquals("no_value", Cell.of(null, 1, false).missingReason());
    }
}
