package no.rusmonitor.survey.republication;

import java.time.Instant;
import java.util.UUID;

/**
 * A submission's newest version sent again to the other services.
 *
 * @param eventId the id of the event sent now (a new one: it is a new sending of the same version)
 */
public record Republication(String municipalityCode, int surveyYear, int submissionVersion, UUID eventId, Instant requestedAt,
        String requestedBy) {
}
