package no.rusmonitor.platform.problem;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells failures of the infrastructure (the database or the network away: worth waiting out, and for a
 * client 'try again shortly') from failures of the work itself.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // PostgreSQL's errors are Vert.x exceptions too: only their class of SQLSTATE decides.
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // connection, transaction rollback (serialization, deadlock), resources, operator intervention
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57");
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
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceFault) {
                return true;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // syntax or access rule (an undefined table or column, no privilege), invalid schema, feature not
                // supported, object not in prerequisite state, system error, internal error
                return state.startsWith("42") || state.startsWith("3F") || state.startsWith("0A") || state.startsWith("55")
                        || state.startsWith("58") || state.startsWith("XX");
            }
        }
        return false;
    }

    /** What a consumer waits out, retrying, rather than dead-letter the event: the infrastructure away, or the service at fault. */
    public static boolean mustWaitOut(Throwable failure) {
        return isTransient(failure) || isServiceFault(failure);
    }
}
