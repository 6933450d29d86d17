package no.rusmonitor.survey.deadline;

import java.time.Instant;

public record ReopeningView(int surveyYear, String municipalityCode, String reason, Instant reopenedAt, String reopenedBy,
        Instant until, Instant closedAt, String closedBy) {

    static ReopeningView of(ReopeningEntity e) {
        return new ReopeningView(e.surveyYear, e.municipalityCode, e.reason, e.reopenedAt, e.reopenedBy, e.until, e.closedAt, e.closedBy);
    }
}
