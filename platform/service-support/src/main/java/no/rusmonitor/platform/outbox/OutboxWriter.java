package no.rusmonitor.platform.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
        OutboxRecord record = OutboxRecord.of(topic, key, event, mapper);
        OutboxEventEntity entity = new OutboxEventEntity();
        entity.eventId = record.eventId();
        entity.topic = record.topic();
        entity.eventKey = record.key();
        entity.payload = record.payload();
        entity.createdAt = clock.instant();
        return repository.persist(entity);
    }
}
