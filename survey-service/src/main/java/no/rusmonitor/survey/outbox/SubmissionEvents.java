package no.rusmonitor.survey.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.platform.outbox.CloudEvent;
import no.rusmonitor.platform.outbox.OutboxRecord;

/** The outbox row of a "submission accepted" event, keyed by municipality so each one's versions stay in order. */
@ApplicationScoped
public class SubmissionEvents {

    static final String SOURCE = "urn:rusmonitor:survey-service";

    private final ObjectMapper mapper;
    private final String topic;

    @Inject
    public SubmissionEvents(ObjectMapper mapper, @ConfigProperty(name = "rusmonitor.topics.submissions") String topic) {
        this.mapper = mapper;
        this.topic = topic;
    }

    public OutboxRecord accepted(SubmissionAccepted data) {
        CloudEvent<SubmissionAccepted> event = CloudEvent.of(SOURCE, SubmissionAccepted.TYPE,
                "municipality/" + data.municipalityCode() + "/year/" + data.surveyYear(), data.submittedAt(),
                SubmissionAccepted.SCHEMA, data);
        return OutboxRecord.of(topic, data.municipalityCode(), event, mapper);
    }
}
