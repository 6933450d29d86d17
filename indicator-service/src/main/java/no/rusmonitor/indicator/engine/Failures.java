package no.rusmonitor.indicator.engine;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/** Tells failures of the infrastructure (worth waiting out) from failures of the event itself. */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // connection, transaction rollback (serialization, deadlock), resources, operator intervention
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.contains("ClosedConnection") || name.contains("NoStackTraceThrowable") || name.contains("ConnectException")) {
                return true;
            }
        }
        return false;
    }
}
