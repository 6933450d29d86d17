package no.rusmonitor.indicator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import no.rusmonitor.indicator.definition.Aggregation;
import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.LocalizedText;
import no.rusmonitor.platform.outbox.CloudEvent;

/** A definition-published event as the contract spells it, built from a stored version's content. */
class DefinitionPublishedTest {

    private static final Instant PUBLISHED_AT = Instant.parse("2026-12-07T12:00:00.123456Z");
    /** Dates as ISO text, as Quarkus configures its mapper; the event's data is annotated to leave out what is absent. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static DefinitionContent content(Integer decimals, LocalizedText description) {
        return new DefinitionContent(new LocalizedText("Ventetid", "Waiting time"), description, "3", "days", decimals, "waiting_days_avg",
                "users_total", 1.0, Aggregation.sum_over_reporting, null, null);
    }

    @Test
    void theEnvelopeNamesTheVersionAndKeepsItsIdWhenBuiltAgain() {
        CloudEvent<DefinitionPublished> event = DefinitionPublished.of("goal3.waiting_days", 2, content(1, null), PUBLISHED_AT).event();

        assertEquals(UUID.nameUUIDFromBytes("indicator-definition:goal3.waiting_days/2".getBytes(StandardCharsets.UTF_8)).toString(), event.id());
        assertEquals(event.id(), DefinitionPublished.of("goal3.waiting_days", 2, content(1, null), PUBLISHED_AT).event().id());
        assertEquals("1.0", event.specversion());
        assertEquals("urn:rusmonitor:indicator-service", event.source());
        assertEquals("no.rusmonitor.indicator.definition-published.v1", event.type());
        assertEquals("indicators/goal3.waiting_days/versions/2", event.subject());
        assertEquals(PUBLISHED_AT, event.time());
        assertEquals("application/json", event.datacontenttype());
        assertEquals("https://rusmonitor.no/schemas/events/indicator-definition-published-v1.json", event.dataschema());
    }

    @Test
    void theDataHoldsWhatAConsumerShowsAndNoMore() {
        JsonNode data = JSON.valueToTree(DefinitionPublished.of("goal3.waiting_days", 2,
                content(null, new LocalizedText("Dager", "Days")), PUBLISHED_AT).event()).path("data");

        List<String> fields = List.of("indicatorId", "version", "name", "description", "goal", "unit", "decimals", "publishedAt");
        assertEquals(fields, fieldNames(data), "the contract's fields, in its order; who published it is not one");
        assertEquals("goal3.waiting_days", data.path("indicatorId").asText());
        assertEquals(2, data.path("version").asInt());
        assertEquals("Waiting time", data.path("name").path("en").asText());
        assertEquals("Dager", data.path("description").path("nb").asText());
        assertEquals(1, data.path("decimals").asInt(), "a definition without decimals shows one, as the API says");
        assertEquals("2026-12-07T12:00:00.123456Z", data.path("publishedAt").asText());
    }

    @Test
    void aDefinitionWithoutDescriptionHasNoneInItsEvent() {
        JsonNode data = JSON.valueToTree(DefinitionPublished.of("goal3.waiting_days", 1, content(0, null), PUBLISHED_AT));
        assertFalse(data.has("description"));
        assertEquals(0, data.path("decimals").asInt());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
