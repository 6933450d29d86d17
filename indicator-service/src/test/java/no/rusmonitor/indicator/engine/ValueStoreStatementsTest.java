package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The PostgreSQL client keeps a statement prepared on its connection only if its filter takes it (shorter
 * than 2,048 characters). A job's writes it refused would be parsed and planned again for every job (see
 * application.properties).
 */
class ValueStoreStatementsTest {

    /** The filter the services' connections use: Quarkus sets none of its own. */
    private static final Predicate<String> KEPT = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER;

    @Test
    void aJobsWritesAreShortEnoughToStayPrepared() {
        assertTrue(KEPT.test(ValueStore.UPSERT), "the values' upsert is " + ValueStore.UPSERT.length() + " characters");
        assertTrue(KEPT.test(ValueStore.CHANGES), "the change log's insert is " + ValueStore.CHANGES.length() + " characters");
    }
}
