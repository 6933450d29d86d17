package no.rusmonitor.platform.problem;

import java.sql.SQLException;
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
     * The persistence layer's own words for the same: a versioned entity changed meanwhile. Named rather than
     * imported, because only survey-service maps entities with Hibernate; the other services write with the SQL
     * client alone and do not carry Hibernate at all. Hibernate's constraint violations are not among them: they
     * cover every broken constraint (a missing value, a failed check), and only their SQLException's state tells
     * a unique key taken meanwhile.
     */
    private static final Set<String> LOST_RACE_TYPES = Set.of("jakarta.persistence.OptimisticLockException", "org.hibernate.StaleStateException");

    private ConcurrentChange() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t : Failures.chain(failure)) {
            if (isLostRaceType(t.getClass())) {
                return true;
            }
            if (t instanceof PgException pg && isLostRaceState(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive reports PostgreSQL's error as a JDBC SQLException with its SQLSTATE, under its own.
            if (t instanceof SQLException sql && isLostRaceState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLostRaceState(String sqlState) {
        return UNIQUE_VIOLATION.equals(sqlState) || SERIALIZATION_FAILURE.equals(sqlState);
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
                "Another request changed the same thing at the same time; read it again and retry."));
    }
}
