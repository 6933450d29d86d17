package no.rusmonitor.platform.problem;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells failures of the infrastructure (the database or the network away: worth waiting out, and for a
 * client 'try again shortly') from failures of the work itself.
 */
public final class Failures {

    /**
     * SQLSTATE classes of connection, transaction rollback (serialization, deadlock), resources, operator
     * intervention (a statement timeout among them); a read-only transaction (25006): during a failover a
     * connection can land on the old primary, now a standby, until the pool finds the new one; and a
     * transaction the database ended for sitting idle too long (25P03), which a new connection can do again
     * (mostly the client sees only the closed connection that follows, transient as well).
     */
    private static final List<String> TRANSIENT_STATES = List.of("08", "40", "53", "57", "25006", "25P03");
    /**
     * SQLSTATE classes of syntax or access rule (an undefined table or column, no privilege), invalid schema, feature
     * not supported, object not in prerequisite state, system error, internal error.
     */
    private static final List<String> SERVICE_FAULT_STATES = List.of("42", "3F", "0A", "55", "58", "XX");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            // PostgreSQL's errors are Vert.x exceptions too: only their class of SQLSTATE decides.
            if (t instanceof PgException pg) {
                return inClass(pg, TRANSIENT_STATES);
            }
            // JSON the service writes or reads back is an IOException to Jackson, but no network is involved: it fails
            // the same way every time (a service fault, below), and answering "try again shortly" hides the bug.
            if (t instanceof JsonProcessingException) {
                return false;
            }
            // Mutiny's TimeoutException (a wait on the database that ran out) is not the JDK's.
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof VertxException) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.contains("ClosedConnection") || name.contains("NoStackTraceThrowable") || name.contains("ConnectException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure of the service itself, whatever it was given: its database schema or rights are not what
     * its code expects (an old instance during a rolling upgrade, a migration not yet run), or its own stored
     * data cannot be used ({@link ServiceFault}). No event is to blame, so none may be dead-lettered for it:
     * every event would fail alike until the service is put right.
     */
    public static boolean isServiceFault(Throwable failure) {
        for (Throwable t : chain(failure)) {
            // JSON of the service's own that does not write or read back (stored data a release no longer reads):
            // events and bodies are read before, and what cannot be read there is refused as the sender's.
            if (t instanceof ServiceFault || t instanceof JsonProcessingException) {
                return true;
            }
            if (t instanceof PgException pg) {
                return inClass(pg, SERVICE_FAULT_STATES);
            }
        }
        return false;
    }

    /**
     * PostgreSQL refused a value it was given: a text too long (22001), a number or time out of range (22003,
     * 22008), a character it cannot hold (22021, 22P05: U+0000). Over HTTP the request carried it past validation.
     * The rest of class 22 (a division by zero, a cast of stored text) is the service's own doing.
     */
    public static boolean isRefusedValue(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof PgException pg) {
                return REFUSED_VALUE_STATES.contains(pg.getSqlState());
            }
        }
        return false;
    }

    private static final List<String> REFUSED_VALUE_STATES = List.of("22001", "22003", "22008", "22021", "22P05");

    /** What a consumer waits out, retrying, rather than dead-letter the event: the infrastructure away, or the service at fault. */
    public static boolean mustWaitOut(Throwable failure) {
        return isTransient(failure) || isServiceFault(failure);
    }

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_LONGEST = Duration.ofSeconds(10);

    /**
     * {@code work}, subscribed to again for as long as it fails as {@link #mustWaitOut} says, backing off from 200 ms
     * to 10 s; any other failure passes. For a consumer's chains: {@code .plug(Failures::waitedOut)}.
     */
    public static <T> Uni<T> waitedOut(Uni<T> work) {
        return work.onFailure(Failures::mustWaitOut).retry().withBackOff(RETRY_FIRST, RETRY_LONGEST).indefinitely();
    }


    /**
     * The failure and its causes, outermost first; a cause that is its own cause, or one met before, ends the
     * chain (two exceptions can be each other's cause).
     */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean inClass(PgException pg, List<String> classes) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        return classes.stream().anyMatch(state::startsWith);
    }
}
