package no.rusmonitor.survey.definition;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** When a year's survey opens, and its deadline. */
public record Schedule(@NotNull Instant opensAt, @NotNull Instant deadline) {

    public boolean isOpenAt(Instant moment) {
        return !moment.isBefore(opensAt);
    }

    public boolean isPastDeadline(Instant moment) {
        return moment.isAfter(deadline);
    }
}
