package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.engine.AnswerStore;
import no.rusmonitor.indicator.engine.DefinitionStore;
import no.rusmonitor.indicator.engine.EngineMetrics;
import no.rusmonitor.indicator.engine.IndicatorEngine;
import no.rusmonitor.indicator.engine.IndicatorEngine.Outcome;
import no.rusmonitor.indicator.engine.ValueStore;
import no.rusmonitor.indicator.stream.ChangeFeed;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.problem.Failures;

/**
 * Two instances apply submissions to the same database, as two replicas consuming their own partitions do. Each
 * holds a year in memory; a job that follows one of the other's must read again what the other changed, or it
 * computes counties and the country from answers it no longer has right. Here the second instance is a second
 * engine over the same database, taking turns with the service's own, which applies what comes from Kafka.
 */
@QuarkusTest
class TwoWritersIT {

    private static final String PLAN = "goal3.individual_plan_share";
    private static final int YEAR = 2019;
    private static final String ALESUND = "1504";
    private static final String MOLDE = "1502";
    /**
     * A year the stalled-writer test rebuilds: other classes submit for it, but everything they submitted has been
     * applied, so the rebuild changes nothing.
     */
    private static final int REBUILT_YEAR = 2015;

    @Inject
    IndicatorEngine service;
    @Inject
    Pool pool;
    @Inject
    AnswerStore answerStore;
    @Inject
    ValueStore valueStore;
    @Inject
    DefinitionStore definitionStore;
    @Inject
    Geography geography;
    @Inject
    Clock clock;
    @Inject
    OutboxRelay relay;
    @Inject
    ChangeFeed feed;
    @Inject
    EngineMetrics metrics;

    @Test
    void eachInstanceReadsAgainWhatTheOtherWroteAndTheValuesAreWhatARebuildFinds() {
        IndicatorEngine other = otherInstance(Duration.ofMinutes(2), Duration.ofSeconds(30));
        other.markStarted();
        try (Submissions submissions = new Submissions()) {
            // The service holds the year once it has applied Ålesund's first version.
            submissions.submit(ALESUND, YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 20, "users_total", 100));
            IndicatorApi.awaitValue(PLAN, "municipality", ALESUND, YEAR, "as_reported", v -> Integer.valueOf(1).equals(v.get("submissionVersion")));

            // The other instance applies Molde's, then the service Ålesund's correction, then the other Molde's.
            assertEquals(Outcome.applied, apply(other, MOLDE, 1, 30, 60));
            submissions.submit(ALESUND, YEAR, 2, Submissions.with(Submissions.answers(), "users_with_individual_plan", 40, "users_total", 100));
            IndicatorApi.awaitValue(PLAN, "municipality", ALESUND, YEAR, "as_reported", v -> Integer.valueOf(2).equals(v.get("submissionVersion")));
            // The service counted Molde's answers, which only the other instance had applied: (40 + 30) / (100 + 60).
            JsonPath county = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "county", "15", YEAR, "as_reported");
            assertEquals(2, county.getInt("reportingCount"));
            assertEquals(70.0 / 160 * 100, county.getDouble("value"), 1e-9);
            assertEquals(Outcome.applied, apply(other, MOLDE, 2, 45, 60));
        }

        // And the other counted Ålesund's correction, which only the service had applied: (40 + 45) / (100 + 60).
        IndicatorApi.awaitValue(PLAN, "county", "15", YEAR, "as_reported", v -> Integer.valueOf(2).equals(v.get("reportingCount")));
        assertEquals(85.0 / 160 * 100, IndicatorApi.value(IndicatorApi.analyst(), PLAN, "county", "15", YEAR, "as_reported").getDouble("value"), 1e-9);
        IndicatorEngine.YearResult rebuilt = service.rebuildYear(YEAR).await().atMost(Duration.ofSeconds(60));
        assertEquals(0, rebuilt.valuesChanged(), "a rebuild of the year from the stored answers changes nothing");
    }

    /**
     * An instance that stalls inside a job (a frozen process, a lost network) holds the writers' lock. The
     * database ends its transaction once it has been idle for the engine's statement timeout, and the other
     * instances go on; the stalled job fails as one to retry, not as a bad submission.
     */
    @Test
    void aWriterStalledInsideItsJobLosesTheLockAndTheOthersGoOn() throws Exception {
        IndicatorEngine stalled = otherInstance(Duration.ofMinutes(2), Duration.ofSeconds(2));
        stalled.markStarted();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<IndicatorEngine.ApplyResult>> stalledJob = stalled.applyTogether(() -> {
            inside.countDown();
            awaitQuietly(release);
            return List.of();
        }).subscribeAsCompletionStage();
        try {
            assertTrue(inside.await(30, TimeUnit.SECONDS), "the stalled instance took the lock");
            // A job of the service's own: it waits for the lock until the database ends the stalled transaction.
            service.rebuildYear(REBUILT_YEAR).await().atMost(Duration.ofSeconds(60));
            assertFalse(stalledJob.isDone(), "the stalled instance is still stalled");
        } finally {
            release.countDown();
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> stalledJob.get(60, TimeUnit.SECONDS));
        assertTrue(Failures.isTransient(failed.getCause()), "retried, not dead-lettered: " + failed.getCause());
    }

    /** A job waits for the writers' lock no longer than the statement timeout, then fails as one to retry. */
    @Test
    void aJobWaitsForTheLockNoLongerThanTheStatementTimeout() throws Exception {
        IndicatorEngine waiting = otherInstance(Duration.ofSeconds(2), Duration.ofSeconds(30));
        waiting.markStarted();
        try (Connection holder = DATABASE.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("select seq from compute_state where id = 1 for update");
            Throwable failure = assertThrows(Throwable.class, () -> waiting.applyTogether(List::of).await().atMost(Duration.ofSeconds(60)));
            assertTrue(Failures.isTransient(failure), "retried, not dead-lettered: " + failure);
            assertTrue(IndicatorEngine.ranOutOfTime(failure), "cancelled by the statement timeout: " + failure);
            holder.rollback();
        }
    }

    /** A second engine over the same database, as another instance, with the time limits given. */
    private IndicatorEngine otherInstance(Duration statementTimeout, Duration idleTimeout) {
        return new IndicatorEngine(pool, answerStore, valueStore, definitionStore, geography, clock, relay, feed, metrics, 3, statementTimeout,
                idleTimeout);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome apply(IndicatorEngine engine, String code, int version, int withPlan, int users) {
        Map<String, Object> answers = Submissions.with(Submissions.answers(), "users_with_individual_plan", withPlan, "users_total", users);
        AnswerSet set = new AnswerSet(code, YEAR, version, 1, answers, Instant.now(), UUID.randomUUID().toString());
        List<IndicatorEngine.ApplyResult> results = engine.applyTogether(() -> List.of(set)).await().atMost(Duration.ofSeconds(60));
        return results.get(0).outcome();
    }
}
