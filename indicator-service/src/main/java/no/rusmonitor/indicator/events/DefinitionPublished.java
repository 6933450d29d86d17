package no.rusmonitor.indicator.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.LocalizedText;
import no.rusmonitor.platform.outbox.CloudEvent;

/**
 * The data of a {@value #TYPE} event (docs/events/indicator-definition-published-v1.schema.json): what a
 * consumer shows of one published version. Its own type, not the API's definition, so that the API may change
 * without changing the event: fields may be added, none renamed or removed. Who published it is not in it.
 *
 * @param description absent when the definition has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DefinitionPublished(String indicatorId, int version, LocalizedText name, LocalizedText description, String goal, String unit,
        int decimals, Instant publishedAt) {

    public static final String TYPE = "no.rusmonitor.indicator.definition-published.v1";
    static final String SCHEMA = "https://rusmonitor.no/schemas/events/indicator-definition-published-v1.json";
    static final String SOURCE = "urn:rusmonitor:indicator-service";

    public static DefinitionPublished of(String indicatorId, int version, DefinitionContent content, Instant publishedAt) {
        return new DefinitionPublished(indicatorId, version, content.name(), content.description(), content.goal(), content.unit(),
                content.decimalsOrDefault(), publishedAt);
    }

    /**
     * The event, with an id fixed by indicator and version: a version sent again (at-least-once) keeps its id, and
     * so would one sent by another instance.
     */
    public CloudEvent<DefinitionPublished> event() {
        String id = UUID.nameUUIDFromBytes(("indicator-definition:" + indicatorId + "/" + version).getBytes(StandardCharsets.UTF_8)).toString();
        return new CloudEvent<>(CloudEvent.SPEC_VERSION, id, SOURCE, TYPE, "indicators/" + indicatorId + "/versions/" + version, publishedAt,
                "application/json", SCHEMA, this);
    }
}
