package no.rusmonitor.report.readmodel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        if (json == null || json.isBlank()) {
            throw new PoisonEvent("empty record value");
        }
        JsonNode event;
        try {
            event = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEvent("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new PoisonEvent("not a JSON object");
        }
        String type = text(event, "type", true);
        if (!TYPE.equals(type)) {
            throw new PoisonEvent("unexpected event type " + type);
        }
        String id = text(event, "id", true);
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new PoisonEvent("data is missing or not an object");
        }
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
                sizeClasses(data.get("sizeClasses")), optionalInteger(data, "submissionVersion"), instant(data, "computedAt"));
        return new Read(id, result);
    }

    /** Whether XML 1.0 can hold the text: no C0 control but tab and line breaks, no U+FFFE or U+FFFF, no lone surrogate. */
    static boolean fitsXml(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field, boolean required) throws PoisonEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new PoisonEvent(field + " is missing");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw new PoisonEvent(field + " must be a non-empty string");
        }
        // Reports are XHTML before they are PDF: one name XML cannot hold would fail every PDF it is in.
        if (!fitsXml(value.asText())) {
            throw new PoisonEvent(field + " holds characters XML cannot (control characters, a lone surrogate)");
        }
        return value.asText();
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed) throws PoisonEvent {
        String value = text(node, field, true);
        if (!allowed.contains(value)) {
            throw new PoisonEvent(field + " has unknown value " + value);
        }
        return value;
    }

    /** A field every event has: without it the event is poison. */
    private static int requiredInteger(JsonNode node, String field) throws PoisonEvent {
        Integer value = optionalInteger(node, field);
        if (value == null) {
            throw new PoisonEvent(field + " is missing");
        }
        return value;
    }

    private static Integer optionalInteger(JsonNode node, String field) throws PoisonEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new PoisonEvent(field + " must be an integer");
        }
        return value.intValue();
    }

    private static Double number(JsonNode node, String field) throws PoisonEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new PoisonEvent(field + " must be a number");
        }
        return value.doubleValue();
    }

    /** The time's years, as survey-service's: PostgreSQL's timestamps end in 294276, and the client stores later ones as infinity. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2201-01-01T00:00:00Z");

    private static Instant instant(JsonNode node, String field) throws PoisonEvent {
        String text = text(node, field, true);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new PoisonEvent(field + " is not a date-time: " + text);
            }
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new PoisonEvent(field + " is not in the years 2000-2200: " + text);
        }
        return instant;
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
