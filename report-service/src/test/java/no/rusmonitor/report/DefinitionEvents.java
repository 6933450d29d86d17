package no.rusmonitor.report;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Indicator definition events as indicator-service publishes them on rusmonitor.indicator-definitions.v1 (the
 * contract: key the indicator id, id fixed per indicator and version), produced on the real broker.
 */
public final class DefinitionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DefinitionEvents() {
    }

    /** The event publishing one version, with a field a later contract might add. */
    public static String json(String indicatorId, int version, String nameNb, String nameEn, String unit, int decimals, String goal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("indicatorId", indicatorId);
        data.put("version", version);
        data.put("name", Map.of("nb", nameNb, "en", nameEn));
        data.put("description", Map.of("nb", "Beskrivelse", "en", "Description"));
        data.put("goal", goal);
        data.put("unit", unit);
        data.put("decimals", decimals);
        data.put("publishedAt", "2026-12-07T12:00:00Z");
        data.put("aFieldAddedLater", List.of(1, 2));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.nameUUIDFromBytes(("indicator-definition:" + indicatorId + "/" + version).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("source", "urn:rusmonitor:indicator-service");
        event.put("type", "no.rusmonitor.indicator.definition-published.v1");
        event.put("subject", "indicators/" + indicatorId + "/versions/" + version);
        event.put("time", "2026-12-07T12:00:00Z");
        event.put("datacontenttype", "application/json");
        event.put("dataschema", "https://rusmonitor.no/schemas/events/indicator-definition-published-v1.json");
        event.put("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record of the definitions topic, keyed by the indicator as the contract says. */
    public static ProducerRecord<String, byte[]> record(String indicatorId, String value) {
        return new ProducerRecord<>(RealInfrastructure.DEFINITIONS, indicatorId, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(List<ProducerRecord<String, byte[]>> records) {
        IndicatorEvents.sendRaw(records);
    }
}
