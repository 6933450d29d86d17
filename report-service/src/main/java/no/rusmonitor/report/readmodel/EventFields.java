package no.rusmonitor.report.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading the fields of a structured CloudEvent tolerantly, for every event reader here: unknown fields are
 * ignored, and a field the service relies on that is missing or of the wrong kind makes the record poison.
 */
final class EventFields {

    /** The time's years, as survey-service's: PostgreSQL's timestamps end in 294276, and the client stores later ones as infinity. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2201-01-01T00:00:00Z");

    private EventFields() {
    }

    /** What every event reader needs of the CloudEvent envelope: the event's id, and its data. */
    record Envelope(String id, JsonNode data) {
    }

    /** The event in {@code json}, if it is a JSON object of the {@code type} expected, with an id and an object as its data. */
    static Envelope envelope(ObjectMapper mapper, String json, String type) throws PoisonEvent {
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
        String actual = text(event, "type", true);
        if (!type.equals(actual)) {
            throw new PoisonEvent("unexpected event type " + actual);
        }
        String id = text(event, "id", true);
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new PoisonEvent("data is missing or not an object");
        }
        return new Envelope(id, data);
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

    static String text(JsonNode node, String field, boolean required) throws PoisonEvent {
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

    static String oneOf(JsonNode node, String field, Set<String> allowed) throws PoisonEvent {
        String value = text(node, field, true);
        if (!allowed.contains(value)) {
            throw new PoisonEvent(field + " has unknown value " + value);
        }
        return value;
    }

    /** A field every event has: without it the event is poison. */
    static int requiredInteger(JsonNode node, String field) throws PoisonEvent {
        Integer value = optionalInteger(node, field);
        if (value == null) {
            throw new PoisonEvent(field + " is missing");
        }
        return value;
    }

    static Integer optionalInteger(JsonNode node, String field) throws PoisonEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new PoisonEvent(field + " must be an integer");
        }
        return value.intValue();
    }

    static Double number(JsonNode node, String field) throws PoisonEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new PoisonEvent(field + " must be a number");
        }
        return value.doubleValue();
    }

    /** A date-time the database can hold, or null when absent and not {@code required}. */
    static Instant instant(JsonNode node, String field, boolean required) throws PoisonEvent {
        String text = text(node, field, required);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new PoisonEvent(field + " is not a date-time: " + text);
            }
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new PoisonEvent(field + " is not in the years 2000-2200: " + text);
        }
        return instant;
    }
}
