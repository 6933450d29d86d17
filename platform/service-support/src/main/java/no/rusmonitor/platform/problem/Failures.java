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
}
