package no.rusmonitor.report.readmodel;

import static no.rusmonitor.report.readmodel.EventFields.instant;
import static no.rusmonitor.report.readmodel.EventFields.number;
import static no.rusmonitor.report.readmodel.EventFields.oneOf;
import static no.rusmonitor.report.readmodel.EventFields.optionalInteger;
import static no.rusmonitor.report.readmodel.EventFields.requiredInteger;
import static no.rusmonitor.report.readmodel.EventFields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an {@code no.rusmonitor.indicator.changed.v1} CloudEvent (docs/events/indicator-changed-v1.schema.json)
 * tolerantly: unknown fields are ignored, but what the report relies on must be there and of the right
 * kind, or the record is poison.
 */
@ApplicationScoped
public class IndicatorEventReader {

    public static final String TYPE = "no.rusmonitor.indicator.changed.v1";
    private static final Set<String> LEVELS = Set.of(IndicatorValue.MUNICIPALITY, IndicatorValue.COUNTY, IndicatorValue.COUNTRY);
    private static final Set<String> BORDERS = Set.of(IndicatorValue.AS_REPORTED, IndicatorValue.TODAY);
    private static final Set<String> STATUSES = Set.of("ok", "missing");
    private static final Set<String> SUPPRESSION = Set.of("none", "primary", "secondary");

    private final ObjectMapper mapper;

    @Inject
    public IndicatorEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event's id and value. */
    public record Read(String eventId, IndicatorValue value) {
    }

    public Read read(String json) throws PoisonEvent {
        EventFields.Envelope event = EventFields.envelope(mapper, json, TYPE);
        JsonNode data = event.data();
        String level = oneOf(data, "level", LEVELS);
        String borders = oneOf(data, "borders", BORDERS);
        String status = oneOf(data, "status", STATUSES);
        String suppressed = oneOf(data, "suppressed", SUPPRESSION);
        int year = requiredInteger(data, "year");
        if (year < 2015 || year > 2100) {
            throw new PoisonEvent("year out of range: " + year);
        }
        int revision = requiredInteger(data, "revision");
        if (revision < 1) {
            throw new PoisonEvent("revision must be at least 1");
        }
        String areaCode = text(data, "areaCode", true);
        boolean codeFits = switch (level) {
            case IndicatorValue.MUNICIPALITY -> areaCode.matches("\\d{4}");
            case IndicatorValue.COUNTY -> areaCode.matches("\\d{2}");
            default -> "NO".equals(areaCode);
        };
        if (!codeFits) {
            throw new PoisonEvent("area code " + areaCode + " does not fit level " + level);
        }
        Double value = number(data, "value");
        if ("ok".equals(status) && value == null) {
            throw new PoisonEvent("status ok without a value");
        }
        IndicatorValue result = new IndicatorValue(text(data, "indicatorId", true), level, areaCode, borders, year, revision,
                requiredInteger(data, "definitionVersion"), text(data, "goal", false), text(data, "unit", false),
                text(data, "areaName", true), status, text(data, "missingReason", false), "ok".equals(status) ? value : null,
                number(data, "numerator"), number(data, "denominator"), number(data, "factor"), number(data, "personCount"),
                suppressed, optionalInteger(data, "reportingCount"), optionalInteger(data, "expectedCount"), spread(data.get("spread")),
                sizeClasses(data.get("sizeClasses")), optionalInteger(data, "submissionVersion"), instant(data, "computedAt", true));
        return new Read(event.id(), result);
    }

    private static Spread spread(JsonNode node) throws PoisonEvent {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new PoisonEvent("spread must be an object");
        }
        Integer count = optionalInteger(node, "count");
        Double min = number(node, "min");
        Double q1 = number(node, "q1");
        Double median = number(node, "median");
        Double q3 = number(node, "q3");
        Double max = number(node, "max");
        if (count == null || min == null || q1 == null || median == null || q3 == null || max == null) {
            return null; // an incomplete spread is no spread
        }
        return new Spread(count, min, q1, median, q3, max);
    }

    private static List<SizeClassValue> sizeClasses(JsonNode node) throws PoisonEvent {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new PoisonEvent("sizeClasses must be an array");
        }
        List<SizeClassValue> classes = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new PoisonEvent("sizeClasses items must be objects");
            }
            String suppressed = item.hasNonNull("suppressed") ? oneOf(item, "suppressed", SUPPRESSION) : "none";
            classes.add(new SizeClassValue(text(item, "sizeClass", true), number(item, "value"), number(item, "numerator"),
                    number(item, "denominator"), optionalInteger(item, "count"), suppressed));
        }
        return classes;
    }
}
