package no.rusmonitor.survey.deadline;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An operator reopens one municipality's submission after the deadline, optionally until a time. */
public record ReopenRequest(
        @NotNull @Pattern(regexp = "\\d{4}", message = "must be a four-digit municipality code") String municipalityCode,
        Instant until,
        @Size(max = 1000) String reason) {
}
