package no.rusmonitor.survey.submission;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The PostgreSQL client keeps a statement prepared on its connection only if its filter takes it (shorter
 * than 2,048 characters). A submission's statements it refused would be parsed and planned again for every
 * submission (see application.properties).
 */
class VersionStoreStatementsTest {

    /** The filter the services' connections use: Quarkus sets none of its own. */
    private static final Predicate<String> KEPT = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER;

    @Test
    void aSubmissionsStatementsAreShortEnoughToStayPrepared() {
        assertTrue(KEPT.test(VersionStore.SNAPSHOT), "the snapshot's read is " + VersionStore.SNAPSHOT.length() + " characters");
        assertTrue(KEPT.test(VersionStore.APPEND), "the append is " + VersionStore.APPEND.length() + " characters");
    }
}
