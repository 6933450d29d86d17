package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TopicReader;

/** A submission event becomes values at every level, published once; redelivered and older versions change nothing. */
@QuarkusTest
class ConsumptionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "goal3.individual_plan_share";

    @Test
    void aSubmissionBecomesValuesAtEveryLevelAndEveryChangedValueIsPublished() throws Exception {
        int year = 2023;
        String code = "1103"; // Stavanger
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.INDICATORS_TOPIC);
                Submissions submissions = new Submissions()) {
            submissions.submit(code, year, 1, Submissions.answers());

            JsonPath municipality = IndicatorApi.awaitValue(PLAN, "municipality", code, year, "as_reported", v -> "ok".equals(v.getString("status")));
            assertEquals(30.0 / 180.0 * 100, municipality.getDouble("value"), 1e-9);
            assertEquals(30.0, municipality.getDouble("numerator"));
            assertEquals(180.0, municipality.getDouble("denominator"));
            assertEquals(1, municipality.getInt("submissionVersion"));
            assertEquals(1, municipality.getInt("revision"));
            assertEquals(1, municipality.getInt("definitionVersion"));
            assertEquals("Stavanger", municipality.getString("areaName"));
            assertEquals("none", municipality.getString("suppressed"));

            JsonPath county = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "county", "11", year, "as_reported");
            assertEquals("ok", county.getString("status"));
            assertEquals(1, county.getInt("reportingCount"));
            assertTrue(county.getInt("expectedCount") > 20, "every Rogaland municipality is expected");
            assertEquals(1, county.getInt("spread.count"));
            assertEquals(4, county.getList("sizeClasses").size());
            JsonPath country = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "country", "NO", year, "as_reported");
            assertEquals(356, country.getInt("expectedCount"));
            JsonPath today = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", code, year, "2024");
            assertEquals(municipality.getDouble("value"), today.getDouble("value"), "Stavanger kept its borders");

            // Published: this value's event, a CloudEvent keyed by indicator, level, area and borders, and the
            // county's, the country's and today's borders' too. One read, since a record once read is gone.
            String key = PLAN + "|municipality|" + code + "|as_reported";
            Set<String> wanted = Set.of(key, PLAN + "|county|11|as_reported", PLAN + "|country|NO|2024");
            Map<String, ConsumerRecord<String, String>> published = new HashMap<>();
            topic.await(r -> wanted.contains(r.key()) && published.putIfAbsent(r.key(), r) == null, wanted.size());
            ConsumerRecord<String, String> record = published.get(key);
            JsonNode event = JSON.readTree(record.value());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("no.rusmonitor.indicator.changed.v1", event.get("type").asText());
            assertEquals("urn:rusmonitor:indicator-service", event.get("source").asText());
            assertEquals(PLAN + "/municipality/" + code + "/as_reported/" + year, event.get("subject").asText());
            assertEquals(year, event.at("/data/year").asInt());
            assertEquals(1, event.at("/data/revision").asInt());
            assertEquals(180.0, event.at("/data/denominator").asDouble());
            assertEquals("as_reported", event.at("/data/borders").asText());
            assertEquals("application/cloudevents+json; charset=UTF-8",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));

            // The event is the value's change-log entry (the change log is the outbox), sent with that entry's id;
            // once Kafka acknowledged it, the relay's position is past the entry.
            String entry = "from value_change where indicator_id = '" + PLAN + "' and level = 'municipality' and area_code = '" + code
                    + "' and borders = 'as_reported' and year = " + year;
            assertEquals(List.of(event.get("id").asText()), DATABASE.rows("select event_id::text " + entry));
            long seq = DATABASE.count("select seq " + entry);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (DATABASE.count("select seq from relay_position") < seq && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(DATABASE.count("select seq from relay_position") >= seq, "the relay moved past the acknowledged event");
        }
    }

    @Test
    void redeliveredAndOlderVersionsChangeNothingAndACorrectionRecomputesOnlyWhatItTouches() {
        int year = 2022;
        String code = "1106"; // Haugesund
        try (Submissions submissions = new Submissions()) {
            String v1 = Submissions.event("11111111-1111-4111-8111-111111111111", code, year, 1, Submissions.answers());
            submissions.send(code, v1);
            IndicatorApi.awaitAnswers(code, year, 1);
            submissions.submit(code, year, 2, Submissions.with(Submissions.answers(), "users_total", 200));
            IndicatorApi.awaitValue(PLAN, "municipality", code, year, "as_reported", v -> v.getDouble("denominator") == 200.0);
            long changesBefore = DATABASE.count("select coalesce(max(seq), 0) from value_change");
            JsonPath before = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", code, year, "as_reported");

            // The same event again, an older version after the newer, then a correction of one answer.
            submissions.send(code, v1);
            submissions.submit(code, year, 2, Submissions.with(Submissions.answers(), "users_total", 200));
            IndicatorApi.awaitAnswers(code, year, 2);
            IndicatorApi.sleep(1_000); // time for the repeats to be taken in (and found stale)
            assertEquals(Integer.valueOf(2), Integer.valueOf(DATABASE.text("select submission_version from answer_set where municipality_code = '"
                    + code + "' and survey_year = " + year)), "the older version was not taken in");
            assertEquals(changesBefore, DATABASE.count("select coalesce(max(seq), 0) from value_change"), "the repeats changed nothing");
            submissions.submit(code, year, 3, Submissions.with(Submissions.answers(), "users_total", 200, "user_council", false));
            IndicatorApi.awaitAnswers(code, year, 3);

            assertEquals(200.0, IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", code, year, "as_reported").getDouble("denominator"),
                    "the older version did not bring back its answers");
            List<String> changed = DATABASE.rows("select distinct indicator_id from value_change where seq > " + changesBefore);
            assertEquals(List.of("goal1.user_council_share"), changed, "only the indicator whose question changed was recomputed and published");
            assertEquals(6, DATABASE.count("select count(*) from value_change where seq > " + changesBefore),
                    "municipality, county and country, as reported and on today's borders");

            JsonPath after = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", code, year, "as_reported");
            assertEquals(before.getInt("revision"), after.getInt("revision"), "its figures did not change");
            assertEquals(3, after.getInt("submissionVersion"), "but it names the version it now stands for");
            assertEquals(3, IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", code, year, "2024").getInt("submissionVersion"),
                    "on today's borders too, where Haugesund is its own only predecessor");
            assertEquals(0.0, IndicatorApi.value(IndicatorApi.analyst(), "goal1.user_council_share", "municipality", code, year, "as_reported")
                    .getDouble("value"));
        }
        io.restassured.RestAssured.given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("rusmonitor_indicator_events_consumed_total{outcome=\"duplicate\"}"))
                .body(org.hamcrest.Matchers.containsString("rusmonitor_indicator_events_consumed_total{outcome=\"stale\"}"));
    }

    /**
     * A submission's answers and values are stored in one transaction: when the database refuses the values,
     * the answers, written before them, are not kept either, and the event is applied once it passes.
     */
    @Test
    void aJobTheDatabaseRefusesHalfwayLeavesNothingAndIsAppliedOnceItPasses() {
        int year = 2020;
        String code = "4601"; // Bergen
        refuseValuesOf(code, year);
        try (Submissions submissions = new Submissions()) {
            long changesBefore = DATABASE.count("select coalesce(max(seq), 0) from value_change");
            submissions.submit(code, year, 1, Submissions.answers());
            awaitFirstRefusal();

            assertEquals(0, DATABASE.count("select count(*) from answer_set where municipality_code = '" + code + "' and survey_year = " + year),
                    "the answers were rolled back with the values");
            assertEquals(0, DATABASE.count("select count(*) from value_change where seq > " + changesBefore + " and year = " + year));

            allowValues();
            JsonPath value = IndicatorApi.awaitValue(PLAN, "municipality", code, year, "as_reported", v -> "ok".equals(v.getString("status")));
            assertEquals(1, value.getInt("revision"), "stored once, by the attempt that passed");
            assertEquals(1, DATABASE.count("select count(*) from answer_set where municipality_code = '" + code + "' and survey_year = " + year));
            assertEquals(1, DATABASE.count("select count(*) from value_change where seq > " + changesBefore + " and indicator_id = '" + PLAN
                    + "' and level = 'municipality' and area_code = '" + code + "' and year = " + year + " and borders = 'as_reported'"),
                    "published once");
        } finally {
            allowValues();
        }
    }

    /**
     * A database that refuses writes for longer than a minute is waited out too, and the consumer keeps taking
     * events after it: Kafka's connector gives up on a channel whose records wait that long for their
     * acknowledgement unless told not to (application.properties).
     */
    @Test
    void aDatabaseRefusingWritesForOverAMinuteIsWaitedOutAndConsumptionGoesOn() {
        int year = 2024;
        refuseValuesOf("4601", year); // Bergen
        try (Submissions submissions = new Submissions()) {
            submissions.submit("4601", year, 1, Submissions.answers());
            awaitFirstRefusal();
            long refusals = DATABASE.count("select last_value from refused_writes");
            IndicatorApi.sleep(65_000);
            assertTrue(DATABASE.count("select last_value from refused_writes") > refusals, "retried through the minute");

            allowValues();
            IndicatorApi.awaitValue(PLAN, "municipality", "4601", year, "as_reported", v -> "ok".equals(v.getString("status")));
            submissions.submit("1103", year, 1, Submissions.answers()); // Stavanger, sent after the outage
            IndicatorApi.awaitValue(PLAN, "municipality", "1103", year, "as_reported", v -> "ok".equals(v.getString("status")));
        } finally {
            allowValues();
        }
    }

    /**
     * "Disk full" for one municipality's values of a year, a failure worth waiting out; each refusal is
     * counted in a sequence, which no rollback takes back.
     */
    private static void refuseValuesOf(String code, int year) {
        DATABASE.execute("create sequence refused_writes; "
                + "create function refuse_values() returns trigger language plpgsql as $$ begin "
                + "if new.area_code = '" + code + "' and new.year = " + year + " then perform nextval('refused_writes'); "
                + "raise exception 'no room for the value' using errcode = '53100'; end if; return new; end $$; "
                + "create trigger refuse_values before insert or update on indicator_value for each row execute function refuse_values()");
    }

    private static void allowValues() {
        DATABASE.execute("drop trigger if exists refuse_values on indicator_value; drop function if exists refuse_values(); "
                + "drop sequence if exists refused_writes");
    }

    private static void awaitFirstRefusal() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (DATABASE.count("select case when is_called then last_value else 0 end from refused_writes") == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the engine never tried to store the values");
            IndicatorApi.sleep(100);
        }
    }

    @Test
    void anAnswerTakenAwayMakesTheValueMissing() {
        int year = 2022;
        String code = "1108"; // Sandnes
        try (Submissions submissions = new Submissions()) {
            submissions.submit(code, year, 1, Submissions.answers());
            IndicatorApi.awaitValue(PLAN, "municipality", code, year, "as_reported", v -> "ok".equals(v.getString("status")));
            var answers = Submissions.answers();
            answers.remove("users_with_individual_plan");
            submissions.submit(code, year, 2, answers);
            JsonPath missing = IndicatorApi.awaitValue(PLAN, "municipality", code, year, "as_reported", v -> "missing".equals(v.getString("status")));
            assertEquals("not_reported", missing.getString("missingReason"));
            assertNull(missing.get("value"));
            assertEquals(2, missing.getInt("revision"));
            assertFalse(IndicatorApi.value(IndicatorApi.analyst(), "goal3.crisis_plan_share", "municipality", code, year, "as_reported")
                    .getString("status").equals("missing"), "other indicators keep their values");
        }
    }
}
