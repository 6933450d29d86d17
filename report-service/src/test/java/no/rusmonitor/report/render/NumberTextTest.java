package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import no.rusmonitor.report.report.Cell;
import no.rusmonitor.report.report.Flag;

class NumberTextTest {

    @Test
    void bokmaalAndEnglishWriteNumbersTheirOwnWay() {
        assertEquals("1\u00A0234,5", NumberText.number(1234.5, 1, "nb"));
        assertEquals("1,234.5", NumberText.number(1234.5, 1, "en"));
        assertEquals("-0,4", NumberText.signed(-0.4, 1, "nb"));
        assertEquals("+1.6", NumberText.signed(1.6, 1, "en"));
        assertEquals("0.13", NumberText.number(0.125, 2, "en"));
    }

    @Test
    void withheldAndMissingValuesShowTheirSymbols() {
        assertEquals(":", NumberText.cell(new Cell(null, Flag.secondary, null), 1, "en"));
        assertEquals("..", NumberText.cell(Cell.NO_VALUE, 1, "nb"));
        assertEquals("37.5 (:)", NumberText.cell(new Cell(37.5, Flag.primary, null), 1, "en"));
    }
}
