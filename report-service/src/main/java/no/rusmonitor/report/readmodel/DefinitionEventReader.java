package no.rusmonitor.report.readmodel;

import static no.rusmonitor.report.readmodel.EventFields.instant;
import static no.rusmonitor.report.readmodel.EventFields.requiredInteger;
import static no.rusmonitor.report.readmodel.EventFields.text;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.report.catalogue.IndicatorDefinition;

/**
 * Reads a {@code no.rusmonitor.indicator.definition-published.v1} CloudEvent tolerantly: unknown fields
 * (the description among them, which reports do not show) are ignored; the id, version, both names, unit and
 * decimals must be there and of the right kind, or the record is poison. The goal may be missing: the
 * catalogue's is used then.
 */
@ApplicationScoped
public class DefinitionEventReader {

    public static final String TYPE = "no.rusmonitor.indicator.definition-published.v1";
    /** indicator-service's own limits on a definition's decimals. */
    private static final int MAX_DECIMALS = 6;

    private final ObjectMapper mapper;

    @Inject
    public DefinitionEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event's id and the definition it publishes. */
    public record Read(String eventId, IndicatorDefinition definition) {
    }

    public Read read(String json) throws PoisonEvent {
        EventFields.Envelope event = EventFields.envelope(mapper, json, TYPE);
        JsonNode data = event.data();
        int version = requiredInteger(data, "version");
        if (version < 1) {
            throw new PoisonEvent("version must be at least 1");
        }
        int decimals = requiredInteger(data, "decimals");
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new PoisonEvent("decimals must be from 0 to " + MAX_DECIMALS);
        }
        JsonNode name = data.get("name");
        if (name == null || !name.isObject()) {
            throw new PoisonEvent("name is missing or not an object");
        }
        return new Read(event.id(), new IndicatorDefinition(text(data, "indicatorId", true), version, text(name, "nb", true), text(name, "en", true),
                text(data, "unit", true), decimals, text(data, "goal", false), instant(data, "publishedAt", false)));
    }
}
