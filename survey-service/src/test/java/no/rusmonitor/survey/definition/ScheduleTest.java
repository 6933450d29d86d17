package no.rusmonitor.survey.definition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A deadline is the last second in which writes are taken, all of it. */
class ScheduleTest {

    private final Schedule survey2024 = new Schedule(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-03-01T22:59:59Z")); // 23:59:59 in Oslo

    @Test
    void theDeadlinesOwnSecondIsStillOpen() {
        assertFalse(survey2024.isPastDeadline(Instant.parse("2025-03-01T22:59:58.999Z")));
        assertFalse(survey2024.isPastDeadline(Instant.parse("2025-03-01T22:59:59Z")));
        assertFalse(survey2024.isPastDeadline(Instant.parse("2025-03-01T22:59:59.400Z")), "a submit sent during 23:59:59");
        assertTrue(survey2024.isPastDeadline(Instant.parse("2025-03-01T23:00:00Z")), "midnight in Oslo is past it");
        assertTrue(survey2024.isPastDeadline(Instant.parse("2025-03-02T10:00:00Z")));
    }
}
