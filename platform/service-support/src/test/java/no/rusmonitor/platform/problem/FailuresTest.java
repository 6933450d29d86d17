package no.rusmonitor.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.pgclient.PgException;

/** Which failures mean "the infrastructure is away, try again" (503, retried) and which are the work's own (500, dead-lettered). */
class FailuresTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsTransient() {
        assertTrue(Failures.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(Failures.isTransient(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(Failures.isTransient(new PgException("could not serialize access", "ERROR", "40001", null)));
        // A job that ran out of time (IndicatorEngine's limits): the next try may well finish.
        assertTrue(Failures.isTransient(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null)));
        assertTrue(Failures.isTransient(new PgException("terminating connection due to idle-in-transaction timeout", "FATAL", "25P03", null)));
        assertTrue(Failures.isTransient(new PgException("cannot execute UPDATE in a read-only transaction", "ERROR", "25006", null)),
                "a connection to the old primary during a failover");
        assertTrue(Failures.isTransient(new io.smallrye.mutiny.TimeoutException()), "a render thread's wait for the database ran out");
    }

    @Test
    void aSchemaOrStoredDataTheServiceCannotUseIsTheServicesFaultAndWaitedOut() {
        // An instance of the version before a migration, writing to a table the migration dropped.
        assertTrue(Failures.isServiceFault(new PgException("relation \"outbox_event\" does not exist", "ERROR", "42P01", null)));
        assertTrue(Failures.isServiceFault(new PgException("permission denied for table answer_set", "ERROR", "42501", null)));
        assertTrue(Failures.isServiceFault(new CompletionException(new ServiceFault("definition x v2 has an invalid formula", null))));
        assertTrue(Failures.mustWaitOut(new PgException("column does not exist", "ERROR", "42703", null)));
        assertTrue(Failures.mustWaitOut(new ConnectException("Connection refused")));
    }

    @Test
    void jsonOfItsOwnThatDoesNotReadBackIsTheServicesFaultNotTheNetworks() {
        // A published version stored by an earlier release that this one no longer reads: Jackson's exception is an
        // IOException, but no try again later will read it.
        JsonProcessingException unreadable = new JsonParseException(null, "Unexpected character ('<')");
        assertFalse(Failures.isTransient(new UncheckedIOException(unreadable)));
        assertFalse(Failures.isTransient(new IllegalStateException(unreadable)));
        assertTrue(Failures.isServiceFault(new UncheckedIOException(unreadable)), "waited out by a consumer, never dead-lettered");
        assertTrue(Failures.isTransient(new java.net.SocketException("Connection reset")), "a network failure still is transient");
    }

    @Test
    void whatAnEventCanCauseIsNeither() {
        assertFalse(Failures.mustWaitOut(new PgException("value too long for type character varying(4)", "ERROR", "22001", null)));
        assertFalse(Failures.mustWaitOut(new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(Failures.mustWaitOut(new PgException("numeric field overflow", "ERROR", "22003", null)));
        assertFalse(Failures.mustWaitOut(new PgException("invalid input syntax for type json", "ERROR", "22P02", null)));
        assertFalse(Failures.mustWaitOut(new IllegalStateException("a bug met by one event")));
    }

    @Test
    void aValuePostgresqlCannotStoreIsRefusedAsTheSenders() {
        assertTrue(Failures.isRefusedValue(new CompletionException(new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", null))));
        assertTrue(Failures.isRefusedValue(new PgException("numeric field overflow", "ERROR", "22003", null)));
        assertFalse(Failures.isRefusedValue(new PgException("column does not exist", "ERROR", "42703", null)));
        assertFalse(Failures.isRefusedValue(new PgException("division by zero", "ERROR", "22012", null)), "the service's own doing");
        assertFalse(Failures.isRefusedValue(new IllegalStateException("a bug")));
    }

    @Test
    void aBrokenQueryOrABugIsNot() {
        assertFalse(Failures.isTransient(new PgException("column does not exist", "ERROR", "42703", null)));
        assertFalse(Failures.isTransient(new IllegalStateException("a bug")));
        assertFalse(Failures.isTransient(new NullPointerException()));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner", outer);
        outer.initCause(inner);
        assertFalse(Failures.mustWaitOut(outer));
        assertFalse(ConcurrentChange.isCause(outer));
        assertEquals(List.of(outer, inner), Failures.chain(outer));
    }
}
