package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.testsupport.TestTokens;

/**
 * A full rebuild gives the same values as the incremental path: every municipality of four years
 * (across the 2020 mergers) submits generated answers, some twice, some with small numbers or gaps;
 * then a rebuild recomputes everything from the stored answers and finds nothing to change.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildIT {

    private static final List<Integer> YEARS = List.of(2016, 2017, 2018, 2020);
    /**
     * Every stored value's figures and flags: what a rebuild must reproduce (revision and time aside; the
     * submission version a value names is read from the stored answers, not stored with it).
     */
    private static final String VALUES = "select md5(string_agg(concat_ws('|', indicator_id, level, area_code, borders, year, status, missing_reason, "
            + "value, numerator, denominator, person_count, suppressed, reporting_count, expected_count, spread, public_spread, size_classes"
            + "), E'\\n' order by indicator_id, level, area_code, borders, year)) from indicator_value where year in (2016, 2017, 2018, 2020)";

    @Test
    @Order(1)
    void aFullRebuildFindsTheIncrementalValuesExactlyAndReportsItsProgress() {
        int expectedAnswerSets = submitEveryMunicipality();
        awaitCount("select count(*) from answer_set where survey_year in (2016, 2017, 2018, 2020)", expectedAnswerSets);
        String incremental = awaitStable();
        long values = DATABASE.count("select count(*) from indicator_value where year in (2016, 2017, 2018, 2020)");
        assertTrue(values > 20 * 356 * YEARS.size(), "every indicator of every area and year: " + values);

        IndicatorApi.anonymous().post("/api/rebuilds").then().statusCode(401).contentType("application/problem+json");
        IndicatorApi.anonymous().auth().oauth2(TestTokens.municipality("0301")).post("/api/rebuilds").then().statusCode(403)
                .contentType("application/problem+json");
        JsonPath started = IndicatorApi.json(IndicatorApi.operator().post("/api/rebuilds").then().statusCode(202).extract().asString());
        String id = started.getString("id");
        JsonPath done = awaitRebuild(id);

        assertEquals("succeeded", done.getString("state"));
        assertEquals(done.getInt("yearsTotal"), done.getInt("yearsDone"));
        assertEquals(100, done.getInt("percentDone"));
        assertTrue(done.getLong("valuesComputed") >= values, "it recomputed every value: " + done.getLong("valuesComputed"));
        assertEquals(0, done.getLong("valuesChanged"), "the rebuild found every value as the incremental path had left it");
        assertEquals(incremental, DATABASE.text(VALUES), "the values are unchanged");
        IndicatorApi.analyst().get("/api/rebuilds").then().statusCode(200);
    }

    /**
     * The database going away for a moment (here every connection of the service cut, as a restart or a failover
     * cuts them) while a rebuild runs holds it up but does not fail it: the step under way is done again. Run
     * after the full rebuild above, so that there are four years of every municipality to rebuild.
     */
    @Test
    @Order(2)
    void aRebuildWaitsOutTheDatabaseGoingAwayForAMoment() {
        String incremental = awaitStable();
        String id = IndicatorApi.json(IndicatorApi.operator().post("/api/rebuilds").then().statusCode(202).extract().asString()).getString("id");
        int cuts = 0;
        while (cuts < 3 && "running".equals(DATABASE.text("select state from rebuild where id = '" + id + "'"))) {
            DATABASE.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() "
                    + "and pid <> pg_backend_pid() and backend_type = 'client backend'");
            cuts++;
            IndicatorApi.sleep(400);
        }
        assertTrue(cuts > 0, "the connections were cut while the rebuild ran");

        JsonPath done = awaitRebuild(id);
        assertEquals("succeeded", done.getString("state"), "cut " + cuts + " times: " + done.prettify());
        assertEquals(done.getInt("yearsTotal"), done.getInt("yearsDone"));
        assertEquals(incremental, DATABASE.text(VALUES), "the values are unchanged");
    }

    /**
     * A rebuild another instance is running stays running, and keeps a second one out, for as long as its
     * heartbeat goes on; once its instance has stopped (the heartbeat a minute old), it shows as interrupted.
     */
    @Test
    void aRebuildRunningElsewhereIsLeftAloneUntilItsHeartbeatStops() {
        String elsewhere = UUID.randomUUID().toString();
        DATABASE.execute("insert into rebuild (id, requested_by, state, years_total, years_done, values_computed, values_changed, "
                + "requested_at, started_at, heartbeat_at) values ('" + elsewhere + "', 'operator@elsewhere', 'running', 10, 3, 0, 0, "
                + "now(), now(), now())");
        try {
            IndicatorApi.sleep(3_000); // several of this instance's heartbeats (every second in tests)
            assertEquals("running", DATABASE.text("select state from rebuild where id = '" + elsewhere + "'"));
            IndicatorApi.operator().post("/api/rebuilds").then().statusCode(409).contentType("application/problem+json");

            DATABASE.execute("update rebuild set heartbeat_at = now() - interval '1 minute' where id = '" + elsewhere + "'");
            Instant deadline = Instant.now().plusSeconds(10);
            while (!"failed".equals(DATABASE.text("select state from rebuild where id = '" + elsewhere + "'"))) {
                assertTrue(Instant.now().isBefore(deadline), "the stopped rebuild was marked failed");
                IndicatorApi.sleep(200);
            }
            assertTrue(DATABASE.text("select error from rebuild where id = '" + elsewhere + "'").startsWith("interrupted"));
        } finally {
            DATABASE.execute("delete from rebuild where id = '" + elsewhere + "'");
        }
    }

    /** Generated answers for every municipality of each year, a correction for every seventh; returns the answer sets expected. */
    private static int submitEveryMunicipality() {
        MunicipalityCatalogue catalogue = MunicipalityCatalogue.load();
        Random random = new Random(2024);
        int count = 0;
        try (Submissions submissions = new Submissions()) {
            for (int year : YEARS) {
                for (Municipality m : catalogue.validIn(year)) {
                    if (random.nextInt(10) == 0) {
                        continue; // did not report
                    }
                    int versions = random.nextInt(7) == 0 ? 2 : 1;
                    for (int version = 1; version <= versions; version++) {
                        Map<String, Object> answers = generated(random, m.population() == null ? 5_000 : m.population());
                        submissions.sendAsync(m.code(), Submissions.event(UUID.randomUUID().toString(), m.code(), year, version, answers));
                    }
                    count++;
                }
            }
            submissions.flush();
        }
        return count;
    }

    private static Map<String, Object> generated(Random random, long population) {
        int users = (int) Math.max(1, population / 200 + random.nextInt(20) - 10);
        Map<String, Object> answers = Submissions.with(Submissions.answers(),
                "users_total", users,
                "users_with_individual_plan", random.nextInt(users + 1),
                "users_with_crisis_plan", random.nextInt(users + 1),
                "users_homeless", random.nextInt(Math.max(1, users / 5)),
                "users_meaningful_activity", random.nextInt(users + 1),
                "fte_adults", Math.round(population / 1000.0 * (0.5 + random.nextDouble()) * 10) / 10.0,
                "peer_workers", random.nextInt(4),
                "user_council", random.nextBoolean(),
                "budget_change", List.of("increased", "unchanged", "decreased").get(random.nextInt(3)),
                "escalated_since_2016", random.nextInt(4) != 0);
        if (random.nextInt(8) == 0) {
            answers.remove("waiting_days_avg"); // a gap
        }
        return answers;
    }

    private static void awaitCount(String sql, long expected) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            seen = DATABASE.count(sql);
            if (seen == expected) {
                return;
            }
            IndicatorApi.sleep(250);
        }
        throw new AssertionError("expected " + expected + " answer sets, found " + seen);
    }

    /** The values once every event has been applied: the same digest twice, a second apart, with the consumer caught up. */
    private static String awaitStable() {
        String last = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String now = DATABASE.text(VALUES);
            if (now != null && now.equals(last)) {
                return now;
            }
            last = now;
            IndicatorApi.sleep(1000);
        }
        throw new AssertionError("the values did not settle");
    }

    private static JsonPath awaitRebuild(String id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonPath rebuild = IndicatorApi.json(IndicatorApi.analyst().get("/api/rebuilds/{id}", id).then().statusCode(200).extract().asString());
            if (!"running".equals(rebuild.getString("state")) && !"queued".equals(rebuild.getString("state"))) {
                return rebuild;
            }
            IndicatorApi.sleep(200);
        }
        throw new AssertionError("rebuild " + id + " did not finish");
    }
}
