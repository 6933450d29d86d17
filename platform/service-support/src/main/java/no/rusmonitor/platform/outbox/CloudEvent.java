package no.rusmonitor.platform.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. What goes in {@code data} is each service's own
 * type; the contracts are documented in {@code docs/events/}.
 */
public record CloudEvent<T>(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, String dataschema, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** A new event with a fresh id. */
    public static <T> CloudEvent<T> of(String source, String type, String subject, Instant time, String dataschema, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject, time, "application/json",
                dataschema, data);
    }
}
