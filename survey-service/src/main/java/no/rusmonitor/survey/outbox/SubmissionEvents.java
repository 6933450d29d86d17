package no.rusmonitor.survey.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.outbox.CloudEvent;
import no.rusmonitor.platform.outbox.OutboxWriter;

/** Puts a "submission accepted" event in the outbox, keyed by municipality so each one's versions stay in order. */
@ApplicationScoped
public class SubmissionEvents {

    static final String SOURCE = "urn:rusmonitor:survey-service";

    private final OutboxWriter outbox;
    private final String topic;

    @Inject
    public SubmissionEvents(OutboxWriter outbox, @ConfigProperty(name = "rusmonitor.topics.submissions") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Needs the transaction that stores the version. */
    public Uni<Void> accepted(SubmissionAccepted data) {
        CloudEvent<SubmissionAccepted> event = CloudEvent.of(SOURCE, SubmissionAccepted.TYPE,
                "municipality/" + data.municipalityCode() + "/year/" + data.surveyYear(), data.submittedAt(),
                SubmissionAccepted.SCHEMA, data);
        return outbox.write(topic, data.municipalityCode(), event).replaceWithVoid();
    }
}
