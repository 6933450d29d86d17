package no.rusmonitor.report.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SharedStringsTest {

    @Test
    void equalTextsDecodedApartBecomeOneCopy() {
        SharedStrings strings = new SharedStrings();
        String first = new String("municipality");
        String second = new String("municipality");
        assertSame(first, strings.of(first));
        assertSame(first, strings.of(second));
        assertEquals("county", strings.of("county"));
        assertNull(strings.of(null));
    }
}
