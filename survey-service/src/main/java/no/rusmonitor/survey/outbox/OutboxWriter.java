package no.rusmonitor.survey.outbox;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Records events in the outbox table. Call it inside the transaction that makes the change the event
 * tells of: both commit together or neither does.
 */
@ApplicationScoped
public class OutboxWriter {

    static final String SOURCE = "urn:rusmonitor:survey-service";

    private final OutboxEventRepository repository;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String topic;

    @Inject
    public OutboxWriter(OutboxEventRepository repository, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "mp.messaging.outgoing.submission-events.topic") String topic) {
        this.repository = repository;
        this.mapper = mapper;
        this.clock = clock;
        this.topic = topic;
    }

    public Uni<OutboxEventEntity> submissionAccepted(SubmissionAccepted data) {
        UUID id = UUID.randomUUID();
        CloudEvent<SubmissionAccepted> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, id.toString(), SOURCE,
                SubmissionAccepted.TYPE, "municipality/" + data.municipalityCode() + "/year/" + data.surveyYear(),
                data.submittedAt(), "application/json", SubmissionAccepted.SCHEMA, data);
        OutboxEventEntity entity = new OutboxEventEntity();
        entity.eventId = id;
        entity.topic = topic;
        entity.eventKey = data.municipalityCode();
        entity.createdAt = clock.instant();
        try {
            entity.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return repository.persist(entity);
    }
}
