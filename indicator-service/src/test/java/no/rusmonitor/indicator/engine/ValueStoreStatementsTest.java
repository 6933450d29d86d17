package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The PostgreSQL client keeps a statement prepared on its connection only up to a length. A job's writes
 * longer than that would be parsed and planned again for every submission (see application.properties).
 */
class ValueStoreStatementsTest {

    private static final int LIMIT = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT;

    @Test
    void aJobsWritesAreShortEnoughToStayPrepared() {
        assertTrue(ValueStore.UPSERT.length() <= LIMIT, "the values' upsert is " + ValueStore.UPSERT.length() + " characters");
        assertTrue(ValueStore.CHANGES.length() <= LIMIT, "the change log's insert is " + ValueStore.CHANGES.length() + " characters");
    }
}
