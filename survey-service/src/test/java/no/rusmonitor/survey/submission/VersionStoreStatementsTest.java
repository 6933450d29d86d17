package no.rusmonitor.survey.submission;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The PostgreSQL client keeps a statement prepared on its connection only up to a length. A submission's
 * statements longer than that would be parsed and planned again for every submission (see
 * application.properties).
 */
class VersionStoreStatementsTest {

    private static final int LIMIT = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT;

    @Test
    void aSubmissionsStatementsAreShortEnoughToStayPrepared() {
        assertTrue(VersionStore.SNAPSHOT.length() <= LIMIT, "the snapshot's read is " + VersionStore.SNAPSHOT.length() + " characters");
        assertTrue(VersionStore.APPEND.length() <= LIMIT, "the append is " + VersionStore.APPEND.length() + " characters");
    }
}
