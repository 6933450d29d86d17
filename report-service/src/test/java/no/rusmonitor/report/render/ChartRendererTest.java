package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import no.rusmonitor.report.report.Cell;
import no.rusmonitor.report.report.Flag;
import no.rusmonitor.report.report.YearCell;

class ChartRendererTest {

    @Test
    void coordinatesAreWrittenToAHundredthOfAPixel() {
        assertEquals("63.42", ChartRenderer.hundredths(63.42100143432617));
        assertEquals("19.89", ChartRenderer.hundredths(19.885807037353516));
        assertEquals("640", ChartRenderer.hundredths(640.0));
        assertEquals("0.5", ChartRenderer.hundredths(0.4999999));
        assertEquals("-3.25", ChartRenderer.hundredths(-3.2500001));
        assertEquals("0", ChartRenderer.hundredths(0.001));
        assertEquals("0", ChartRenderer.hundredths(-0.004));
        assertEquals("0.05", ChartRenderer.hundredths(0.0512));
        assertEquals("-0.5", ChartRenderer.hundredths(-0.5));
        assertEquals("-640", ChartRenderer.hundredths(-640.0));
    }

    @Test
    void coordinatesReadAsTheDecimalNumberRoundedToHundredths() {
        for (int i = -270_000; i < 270_000; i++) {
            double value = i * 0.0037;
            String expected = BigDecimal.valueOf(Math.round(value * 100), 2).stripTrailingZeros().toPlainString();
            assertEquals(expected, ChartRenderer.hundredths(value), () -> "for " + value);
        }
    }

    @Test
    void aTrendIsDrawnWithoutFullPrecisionCoordinates() {
        List<YearCell> series = List.of(new YearCell(2022, new Cell(31.7, Flag.none, null)), new YearCell(2023, new Cell(null, Flag.missing,
                "no_value")), new YearCell(2024, new Cell(42.13, Flag.none, null)));
        String svg = ChartRenderer.svg("t1", ChartRenderer.trend("Norway", series, null, null, 1, "en"));
        assertTrue(svg.startsWith("<svg") && svg.contains("<path"), svg);
        assertFalse(Pattern.compile("d='[^']*\\d\\.\\d{3}").matcher(svg).find(), "a path with more than two decimals: " + svg);
    }
}
