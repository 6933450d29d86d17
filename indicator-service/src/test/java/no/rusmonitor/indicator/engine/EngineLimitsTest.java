package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A job's time limits are PostgreSQL's, in int milliseconds where 0 means none: a limit it would read as none, or
 * refuse, stops the service at start rather than fail every job (or none) later.
 */
class EngineLimitsTest {

    @Test
    void limitsOutsideOneSecondToOneDayAreRefusedAtStart() {
        assertDoesNotThrow(() -> engine(Duration.ofMinutes(2), Duration.ofSeconds(30)));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> engine(Duration.ZERO, Duration.ofSeconds(30)));
        assertTrue(zero.getMessage().contains("rusmonitor.engine.statement-timeout"), zero.getMessage());
        IllegalArgumentException month = assertThrows(IllegalArgumentException.class, () -> engine(Duration.ofMinutes(2), Duration.ofDays(30)));
        assertTrue(month.getMessage().contains("rusmonitor.engine.idle-timeout"), month.getMessage());
    }

    private static IndicatorEngine engine(Duration statementTimeout, Duration idleTimeout) {
        return new IndicatorEngine(null, null, null, null, null, null, null, null, null, 3, statementTimeout, idleTimeout);
    }
}
