package no.rusmonitor.platform.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class YearParameterTest {

    @ParameterizedTest
    @ValueSource(strings = { "2015", "2020", "2024" })
    void aYearWithinTheBoundsIsRead(String text) {
        assertEquals(OptionalInt.of(Integer.parseInt(text)), YearParameter.parse(text, 2015, 2024));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "2014", "2025", "+2024", " 2024", "2024 ", "02024", "224", "٢٠٢٤", "２０２４", "2024.0", "0x7E8", "-2024" })
    void anythingElseIsNot(String text) {
        assertTrue(YearParameter.parse(text, 2015, 2024).isEmpty(), "'" + text + "' is no year");
    }
}
