package no.rusmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        IndicatorEngine other = new IndicatorEngine(pool, answerStore, valueStore, definitionStore, geography, clock, relay, feed, metrics, 3);
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

    private static Outcome apply(IndicatorEngine engine, String code, int version, int withPlan, int users) {
        Map<String, Object> answers = Submissions.with(Submissions.answers(), "users_with_individual_plan", withPlan, "users_total", users);
        AnswerSet set = new AnswerSet(code, YEAR, version, 1, answers, Instant.now(), UUID.randomUUID().toString());
        List<IndicatorEngine.ApplyResult> results = engine.applyTogether(() -> List.of(set)).await().atMost(Duration.ofSeconds(60));
        return results.get(0).outcome();
    }
}
