package no.rusmonitor.survey.definition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;

/**
 * When a year's survey opens, and its deadline. A deadline names the last second in which writes are taken:
 * the surveys' 23:59:59 on 1 March takes a submission sent at 23:59:59.4, as a municipality reading the
 * deadline expects.
 */
public record Schedule(@NotNull Instant opensAt, @NotNull Instant deadline) {

    public boolean isOpenAt(Instant moment) {
        return !moment.isBefore(opensAt);
    }

    public boolean isPastDeadline(Instant moment) {
        return isPast(deadline, moment);
    }

    /** Whether {@code moment} comes after the second {@code deadline} names. */
    public static boolean isPast(Instant deadline, Instant moment) {
        return !moment.isBefore(deadline.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }
}
