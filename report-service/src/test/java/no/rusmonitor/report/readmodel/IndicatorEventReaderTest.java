package no.rusmonitor.report.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class IndicatorEventReaderTest {

    private final IndicatorEventReader reader = new IndicatorEventReader(new ObjectMapper());

    private static String event(String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"6f1c\",\"source\":\"urn:rusmonitor:indicator-service\",\"type\":\"no.rusmonitor.indicator.changed.v1\","
                + "\"subject\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\",\"novel\":1,\"data\":{" + data + "}}";
    }

    private static final String VALID = "\"indicatorId\":\"goal3.individual_plan_share\",\"definitionVersion\":1,\"goal\":\"3\",\"unit\":\"percent\","
            + "\"year\":2024,\"level\":\"country\",\"areaCode\":\"NO\",\"areaName\":\"Norge\",\"borders\":\"as_reported\",\"status\":\"ok\","
            + "\"value\":16.8,\"numerator\":168,\"denominator\":1000,\"factor\":100,\"suppressed\":\"none\",\"revision\":2,"
            + "\"computedAt\":\"2025-03-01T10:00:00+01:00\",\"spread\":{\"count\":3,\"min\":1,\"q1\":2,\"median\":3,\"q3\":4,\"max\":5},"
            + "\"sizeClasses\":[{\"sizeClass\":\"under_5000\",\"value\":12.4,\"count\":80,\"suppressed\":\"none\"}],\"someNewField\":[1,2]";

    @Test
    void readsTheContractAndIgnoresWhatItDoesNotKnow() throws PoisonEvent {
        IndicatorValue v = reader.read(event(VALID)).value();
        assertEquals("goal3.individual_plan_share", v.indicatorId());
        assertEquals(16.8, v.value());
        assertEquals(2, v.revision());
        assertEquals(3, v.spread().count());
        assertEquals("under_5000", v.sizeClasses().get(0).sizeClass());
        assertEquals("2025-03-01T09:00:00Z", v.computedAt().toString());
    }

    @Test
    void poisonSaysWhatIsWrong() {
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read("{oops")).getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"country\"", "\"planet\"")))).getMessage()
                .contains("level"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"revision\":2", "\"revision\":\"two\""))))
                .getMessage().contains("revision"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"areaCode\":\"NO\"", "\"areaCode\":\"0301\""))))
                .getMessage().contains("area code"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"value\":16.8", "\"value\":null"))))
                .getMessage().contains("without a value"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read("[]")).getMessage().contains("object"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"Norge\"", "\"Nor\\u0001ge\""))))
                .getMessage().contains("control characters"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("\"Norge\"", "\"Nor\\ud800ge\""))))
                .getMessage().contains("lone surrogate"));
        assertTrue(assertThrows(PoisonEvent.class, () -> reader.read(event(VALID.replace("2025-03-01T10:00:00+01:00", "+300000-01-01T00:00:00Z"))))
                .getMessage().contains("2000-2200"));
    }

    @Test
    void textXmlCanHoldPasses() {
        assertTrue(EventFields.fitsXml("Nordre Follo\tand\r\nÅsnes \u0085 \uD83D\uDE00"));
        assertFalse(EventFields.fitsXml("a\u0001b"));
        assertFalse(EventFields.fitsXml("a\uFFFE"));
        assertFalse(EventFields.fitsXml("\uDE00a"));
        assertFalse(EventFields.fitsXml("a\uD83D"));
    }
}
