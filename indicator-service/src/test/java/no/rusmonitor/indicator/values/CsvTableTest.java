package no.rusmonitor.indicator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void valuesAreRoundedHalfUpToTheirDecimals() {
        assertEquals("28.8", CsvTable.number(28.75, 1));
        assertEquals("15.0", CsvTable.number(15.0, 1), "the decimals are kept");
        assertEquals("..", CsvTable.number(null, 1));
    }

    @Test
    void numeratorsAreWrittenWithoutTheBinaryNoiseOfAddingDecimals() {
        assertEquals("0.3", CsvTable.number(0.1 + 0.2, -1), "0.1 + 0.2 is 0.30000000000000004 in binary");
        assertEquals("100", CsvTable.number(100.0, -1));
        assertEquals("2.5", CsvTable.number(2.5, -1));
    }
}
