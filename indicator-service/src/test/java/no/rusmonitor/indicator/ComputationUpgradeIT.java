package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.indicator.compute.ComputationRevision;
import no.rusmonitor.indicator.rebuild.ComputationUpgrade;

/**
 * After an upgrade that changed the computation, the values an earlier revision stored are rebuilt without
 * an operator: here the stored revision is set one back and Bergen's values of 2023 are spoiled, as an
 * earlier revision might have left them. A recent failed automatic rebuild holds the next one back, and an
 * instance of the earlier revision that writes values (a rolling update) makes them be rebuilt again.
 */
@QuarkusTest
class ComputationUpgradeIT {

    private static final int YEAR = 2023;
    private static final String BERGEN = "4601";
    private static final String BERGEN_VALUES = "select md5(string_agg(concat_ws('|', indicator_id, level, borders, status, value, numerator, "
            + "denominator, suppressed), E'\\n' order by indicator_id, level, borders)) from indicator_value where area_code = '" + BERGEN
            + "' and year = " + YEAR;
    private static final String AUTOMATIC = "requested_by = '" + ComputationUpgrade.REQUESTED_BY + "'";

    @Test
    void valuesOfAnEarlierRevisionAreRebuiltByThemselvesOnceNoFailedAttemptHoldsThemBack() {
        try (Submissions submissions = new Submissions()) {
            submissions.submit(BERGEN, YEAR, 1, Submissions.answers());
        }
        IndicatorApi.awaitValue("goal3.individual_plan_share", "municipality", BERGEN, YEAR, "as_reported", v -> "ok".equals(v.getString("status")));
        String computed = DATABASE.text(BERGEN_VALUES);
        assertEquals(String.valueOf(ComputationRevision.CURRENT), DATABASE.text("select revision from computation"),
                "a database whose values all came from this revision records it");
        assertEquals("UP", computationCheck().getString("status"));

        String failedEarlier = UUID.randomUUID().toString();
        DATABASE.execute("insert into rebuild (id, requested_by, state, years_total, years_done, values_computed, values_changed, "
                + "requested_at, started_at, finished_at, heartbeat_at, error) values ('" + failedEarlier + "', '"
                + ComputationUpgrade.REQUESTED_BY + "', 'failed', 1, 0, 0, 0, now(), now(), now(), now(), 'failed; error id x')");
        try {
            DATABASE.execute("update indicator_value set value = value + 1000, numerator = numerator + 1000 where area_code = '" + BERGEN
                    + "' and year = " + YEAR + " and value is not null");
            DATABASE.execute("update computation set revision = " + (ComputationRevision.CURRENT - 1));
            assertNotEquals(computed, DATABASE.text(BERGEN_VALUES));

            IndicatorApi.sleep(3_000); // several checks (every second in tests)
            assertEquals(0, DATABASE.count("select count(*) from rebuild where " + AUTOMATIC + " and state <> 'failed'"),
                    "an automatic rebuild failed a moment ago: the next waits");
            JsonPath behind = computationCheck();
            assertEquals("DOWN", behind.getString("status"));
            assertEquals(ComputationRevision.CURRENT - 1, behind.getInt("data.storedValues"));

            DATABASE.execute("update rebuild set finished_at = now() - interval '1 hour' where id = '" + failedEarlier + "'");
            String rebuild = awaitSucceededAutomaticRebuild();
            JsonPath done = IndicatorApi.json(IndicatorApi.analyst().get("/api/rebuilds/{id}", rebuild).then().statusCode(200).extract().asString());
            assertEquals(ComputationUpgrade.REQUESTED_BY, done.getString("requestedBy"));
            assertEquals(ComputationRevision.CURRENT, done.getInt("computationRevision"));
            assertTrue(done.getLong("valuesChanged") > 0, "the spoiled values were changed back and published");
            assertEquals(computed, DATABASE.text(BERGEN_VALUES), "Bergen's values are as the current computation gives them");
            assertEquals(String.valueOf(ComputationRevision.CURRENT), DATABASE.text("select revision from computation"));

            IndicatorApi.sleep(3_000);
            assertEquals(1, succeededAutomaticRebuilds(), "once the values are current, no further rebuild starts");
            assertEquals("UP", computationCheck().getString("status"));

            // An instance of the previous revision writes values, as during a rolling update; its transactions name its revision.
            String write = "update indicator_value set computed_at = computed_at where area_code = '" + BERGEN + "' and year = " + YEAR;
            DATABASE.execute("begin; select set_config('rusmonitor.computation_revision', '" + (ComputationRevision.CURRENT - 1) + "', true); "
                    + write + "; commit");
            assertEquals(String.valueOf(ComputationRevision.CURRENT - 1), DATABASE.text("select revision from computation"),
                    "the stored values are partly the previous revision's again");
            // One from before revisions were named names none, and counts as the first.
            DATABASE.execute(write);
            assertEquals("1", DATABASE.text("select revision from computation"), "the stored values are partly the first revision's");
            // And it goes on writing while the next rebuilds run (its last write stands after their start): none of them counts.
            DATABASE.execute("update computation set older_write_at = now() + interval '1 hour'");
            awaitSucceededAutomaticRebuilds(3);
            assertEquals("1", DATABASE.text("select revision from computation"));
            assertEquals("DOWN", computationCheck().getString("status"));

            // Once it has stopped, the next rebuild records the current revision.
            DATABASE.execute("update computation set older_write_at = now() - interval '1 hour'");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!String.valueOf(ComputationRevision.CURRENT).equals(DATABASE.text("select revision from computation"))) {
                assertTrue(Instant.now().isBefore(deadline), "a rebuild after the older instance stopped recorded the current revision");
                IndicatorApi.sleep(200);
            }
            IndicatorApi.sleep(2_000);
            assertEquals("UP", computationCheck().getString("status"));
        } finally {
            DATABASE.execute("update computation set revision = greatest(revision, " + ComputationRevision.CURRENT + "), older_write_at = null");
            DATABASE.execute("delete from rebuild where id = '" + failedEarlier + "'");
        }
    }

    private static JsonPath computationCheck() {
        JsonPath health = new JsonPath(RestAssured.given().get("/q/health/well").then().extract().asString());
        return new JsonPath(health.prettify()).setRootPath("checks.find { it.name == 'Computation revision' }");
    }

    private static long succeededAutomaticRebuilds() {
        return DATABASE.count("select count(*) from rebuild where " + AUTOMATIC + " and state = 'succeeded'");
    }

    private static void awaitSucceededAutomaticRebuilds(long count) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (succeededAutomaticRebuilds() < count) {
            assertTrue(Instant.now().isBefore(deadline), "expected " + count + " automatic rebuilds to succeed");
            IndicatorApi.sleep(200);
        }
    }

    private static String awaitSucceededAutomaticRebuild() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String id = DATABASE.text("select id from rebuild where " + AUTOMATIC + " and state = 'succeeded'");
            if (id != null) {
                return id;
            }
            IndicatorApi.sleep(200);
        }
        throw new AssertionError("no automatic rebuild succeeded; rebuilds: " + DATABASE.rows("select requested_by, state, error from rebuild"));
    }
}
