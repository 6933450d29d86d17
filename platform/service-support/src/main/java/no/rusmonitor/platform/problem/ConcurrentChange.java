package no.rusmonitor.platform.problem;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/**
 * Recognises a write that lost a race with another write: a stale row version or a unique key taken in
 * the meantime. These are answered with 409 (retry after reading again), never with 500.
 */
public final class ConcurrentChange {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";

    private ConcurrentChange() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException || t instanceof ConstraintViolationException) {
                return true;
            }
            if (t instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState()) || SERIALIZATION_FAILURE.equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    public static ApiException toProblem() {
        return new ApiException(Problem.of(409, "concurrent-change", "Concurrent change",
                "Another request changed this submission at the same time; read it again and retry."));
    }
}
