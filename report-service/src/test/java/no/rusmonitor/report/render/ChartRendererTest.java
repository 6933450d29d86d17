package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

import no.rusmonitor.report.report.Cell;
import no.rusmonitor.report.report.CountyRow;
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

    /** A public report's withheld cell has no value, so its chart has no bar or point for it, and its axis does not reach it. */
    @Test
    void aWithheldValueIsNeitherABarNorAPointNorTheAxisEnd() {
        List<CountyRow> counties = List.of(new CountyRow("11", "Rogaland", Cell.of(12.0, null, 1, false), 3, 23, null),
                new CountyRow("46", "Vestland", Cell.of(37.5, "secondary", 1, false), 2, 43, null));
        CategoryPlot bars = ChartRenderer.counties(counties, 1, "en").drawing().getCategoryPlot();
        assertNull(bars.getDataset().getValue("value", "Vestland"));
        assertEquals(12.0, bars.getDataset().getValue("value", "Rogaland").doubleValue());
        assertTrue(bars.getRangeAxis().getUpperBound() < 37.5, "the axis ends at " + bars.getRangeAxis().getUpperBound());

        List<YearCell> series = List.of(new YearCell(2023, Cell.of(10.0, null, 1, false)), new YearCell(2024, Cell.of(37.5, "primary", 1, false)));
        CategoryPlot trend = ChartRenderer.trend("Kinn", series, null, null, 1, "en").drawing().getCategoryPlot();
        assertNull(trend.getDataset().getValue("Kinn", "2024"));
        assertTrue(trend.getRangeAxis().getUpperBound() < 37.5, "the axis ends at " + trend.getRangeAxis().getUpperBound());
    }
}
