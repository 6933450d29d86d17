package no.rusmonitor.report.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.report.catalogue.IndicatorDefinition;

class DefinitionEventReaderTest {

    private final DefinitionEventReader reader = new DefinitionEventReader(new ObjectMapper());

    private static final String VALID = "\"indicatorId\":\"goal3.waiting_days\",\"version\":2,\"name\":{\"nb\":\"Ventetid\",\"en\":\"Waiting\"},"
            + "\"description\":{\"nb\":\"d\",\"en\":\"d\"},\"goal\":\"3\",\"unit\":\"hours\",\"decimals\":0,"
            + "\"publishedAt\":\"2026-12-07T12:00:00Z\",\"aFieldAddedLater\":true";

    private static String event(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"0b9c\",\"source\":\"urn:rusmonitor:indicator-service\",\"type\":\"" + type + "\","
                + "\"subject\":\"indicators/goal3.waiting_days/versions/2\",\"time\":\"2026-12-07T12:00:00Z\",\"novel\":1,\"data\":{" + data + "}}";
    }

    private static String event(String data) {
        return event(DefinitionEventReader.TYPE, data);
    }

    @Test
    void readsTheContractAndIgnoresWhatItDoesNotKnow() throws PoisonEvent {
        DefinitionEventReader.Read read = reader.read(event(VALID));
        assertEquals("0b9c", read.eventId());
        IndicatorDefinition d = read.definition();
        assertEquals("goal3.waiting_days", d.indicatorId());
        assertEquals(2, d.version());
        assertEquals("Ventetid", d.nameNb());
        assertEquals("Waiting", d.nameEn());
        assertEquals("hours", d.unit());
        assertEquals(0, d.decimals());
        assertEquals("3", d.goal());
        assertEquals("2026-12-07T12:00:00Z", d.publishedAt().toString());
    }

    @Test
    void theGoalAndTheTimeMayBeMissing() throws PoisonEvent {
        IndicatorDefinition d = reader.read(event(VALID.replace("\"goal\":\"3\",", "").replace(",\"publishedAt\":\"2026-12-07T12:00:00Z\"", "")))
                .definition();
        assertNull(d.goal());
        assertNull(d.publishedAt());
    }

    @Test
    void poisonSaysWhatIsWrong() {
        assertTrue(poison(event("no.rusmonitor.indicator.changed.v1", VALID)).contains("unexpected event type"));
        assertTrue(poison("{oops").startsWith("not JSON"));
        assertTrue(poison(event(VALID.replace("\"indicatorId\":\"goal3.waiting_days\",", ""))).contains("indicatorId"));
        assertTrue(poison(event(VALID.replace("\"version\":2,", ""))).contains("version"));
        assertTrue(poison(event(VALID.replace("\"version\":2", "\"version\":0"))).contains("version"));
        assertTrue(poison(event(VALID.replace("\"name\":{\"nb\":\"Ventetid\",\"en\":\"Waiting\"},", ""))).contains("name"));
        assertTrue(poison(event(VALID.replace("\"en\":\"Waiting\"", "\"en\":\"\""))).contains("en"));
        assertTrue(poison(event(VALID.replace("\"unit\":\"hours\",", ""))).contains("unit"));
        assertTrue(poison(event(VALID.replace("\"decimals\":0,", ""))).contains("decimals"));
        assertTrue(poison(event(VALID.replace("\"decimals\":0", "\"decimals\":7"))).contains("decimals"));
        assertTrue(poison(event(VALID.replace("\"decimals\":0", "\"decimals\":1.5"))).contains("decimals"));
        assertTrue(poison(event(VALID.replace("\"Ventetid\"", "\"Vente\\u0001tid\""))).contains("control characters"));
    }

    private String poison(String json) {
        return assertThrows(PoisonEvent.class, () -> reader.read(json)).getMessage();
    }
}
