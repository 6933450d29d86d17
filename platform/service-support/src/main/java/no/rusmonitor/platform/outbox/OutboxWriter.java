package no.rusmonitor.platform.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Records events in the outbox table. Call it inside the transaction that makes the change the event
 * tells of: both commit together or neither does; {@link OutboxRelay} sends them afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxEventRepository repository;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public OutboxWriter(OutboxEventRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
    }

    /** Needs a transaction. {@code key} is the Kafka record key, which decides ordering. */
    public Uni<OutboxEventEntity> write(String topic, String key, CloudEvent<?> event) {
        OutboxEventEntity entity = new OutboxEventEntity();
        entity.eventId = java.util.UUID.fromString(event.id());
        entity.topic = topic;
        entity.eventKey = key;
        entity.createdAt = clock.instant();
        try {
            entity.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return repository.persist(entity);
    }
}
