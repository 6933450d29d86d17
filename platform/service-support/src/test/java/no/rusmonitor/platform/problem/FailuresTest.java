package no.rusmonitor.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/** Which failures mean "the infrastructure is away, try again" (503, retried) and which are the work's own (500, dead-lettered). */
class FailuresTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsTransient() {
        assertTrue(Failures.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(Failures.isTransient(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(Failures.isTransient(new PgException("could not serialize access", "ERROR", "40001", null)));
        assertTrue(Failures.isTransient(new io.smallrye.mutiny.TimeoutException()), "a render thread's wait for the database ran out");
    }

    @Test
    void aBrokenQueryOrABugIsNot() {
        assertFalse(Failures.isTransient(new PgException("column does not exist", "ERROR", "42703", null)));
        assertFalse(Failures.isTransient(new IllegalStateException("a bug")));
        assertFalse(Failures.isTransient(new NullPointerException()));
    }
}
