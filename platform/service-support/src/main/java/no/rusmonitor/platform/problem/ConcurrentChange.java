package no.rusmonitor.platform.problem;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * Recognises a write that lost a race with another write: a stale row version or a unique key taken in
 * the meantime. These are answered with 409 (retry after reading again), never with 500.
 */
public final class ConcurrentChange {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    /**
     * The persistence layer's own words for the same: a versioned entity changed meanwhile, or a unique
     * key taken. Named rather than imported, because only survey-service maps entities with Hibernate;
     * the other services write with the SQL client alone and do not carry Hibernate at all.
     */
    private static final Set<String> LOST_RACE_TYPES = Set.of("jakarta.persistence.OptimisticLockException", "org.hibernate.StaleStateException",
            "org.hibernate.exception.ConstraintViolationException");

    private ConcurrentChange() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isLostRaceType(t.getClass())) {
                return true;
            }
            if (t instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState()) || SERIALIZATION_FAILURE.equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLostRaceType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (LOST_RACE_TYPES.contains(c.getName())) {
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
