package no.rusmonitor.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An outbox row before it is stored: for code that writes the outbox with its own SQL in the same
 * statement or transaction as the change (see {@link #INSERT} for the columns).
 */
public record OutboxRecord(java.util.UUID eventId, String topic, String key, String payload) {

    /** Insert one row: $1 event id, $2 topic, $3 key, $4 payload (JSON text), $5 created at. */
    public static final String INSERT = "insert into outbox_event (event_id, topic, event_key, payload, created_at) values ($1, $2, $3, $4, $5)";

    public static OutboxRecord of(String topic, String key, CloudEvent<?> event, ObjectMapper mapper) {
        try {
            return new OutboxRecord(java.util.UUID.fromString(event.id()), topic, key, mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON", e);
        }
    }
}
