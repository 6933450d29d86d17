package no.rusmonitor.survey.definition;

import java.time.Instant;

/** A schedule as it was set: when the survey opened and its deadline, from {@code changedAt}, by {@code changedBy}. */
public record ScheduleChange(Instant opensAt, Instant deadline, Instant changedAt, String changedBy) {
}
