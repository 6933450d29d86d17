package no.rusmonitor.survey.outbox;

import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. The contract is documented in
 * {@code docs/events/submission-accepted.schema.json}; consumers read it tolerantly.
 */
public record CloudEvent<T>(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, String dataschema, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
