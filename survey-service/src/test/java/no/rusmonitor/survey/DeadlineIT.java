package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static no.rusmonitor.survey.SurveyApi.asMunicipality;
import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.rusmonitor.testsupport.TestTokens;

/** After the deadline a submission is locked, unless an operator reopens it; then it counts as late. */
@QuarkusTest
class DeadlineIT {

    private static final int YEAR = 2022;

    /**
     * Completeness judges lateness against the deadline as it is now, so moving it re-labels who was late: every
     * schedule a year had stays readable, with when and by whom it was set. (ConcurrencyIT sets 2015's schedule
     * too: what was there before this test is compared as it was.)
     */
    @Test
    void everyScheduleAYearHadIsKeptWithWhenAndByWhom() {
        String history = "/api/surveys/2015/schedule/history";
        List<Map<String, String>> before = SurveyApi.as(TestTokens.analyst()).get(history).then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertFalse(before.isEmpty(), "the schedule the year had from the start");
        String opens = "2016-01-05T08:00:00Z";
        String first = "2016-03-01T22:59:59Z";
        String moved = "2016-04-15T21:59:59Z";
        Instant start = Instant.now();
        setSchedule(2015, opens, first, TestTokens.operator("first@rusmonitor.test"));
        setSchedule(2015, opens, first, TestTokens.operator("again@rusmonitor.test")); // nothing changes: nothing to record
        setSchedule(2015, opens, moved, TestTokens.operator("second@rusmonitor.test"));

        List<Map<String, String>> after = SurveyApi.as(TestTokens.operator()).get(history).then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertEquals(before, after.subList(0, before.size()), "what was recorded stays as it was");
        assertEquals(before.size() + 2, after.size(), "one entry per change");
        Map<String, String> set = after.get(after.size() - 2);
        Map<String, String> movedTo = after.get(after.size() - 1);
        assertEquals(List.of(opens, first, "first@rusmonitor.test"), List.of(set.get("opensAt"), set.get("deadline"), set.get("changedBy")));
        assertEquals(List.of(opens, moved, "second@rusmonitor.test"), List.of(movedTo.get("opensAt"), movedTo.get("deadline"), movedTo.get("changedBy")));
        assertFalse(Instant.parse(set.get("changedAt")).isBefore(start.minusSeconds(5)));
        assertFalse(Instant.parse(movedTo.get("changedAt")).isBefore(Instant.parse(set.get("changedAt"))));

        // A deadline moved by hand in SQL, without saying when or by whom, is recorded all the same.
        DATABASE.execute("update survey_schedule set deadline = deadline + interval '1 day' where survey_year = 2015");
        List<Map<String, String>> byHand = SurveyApi.as(TestTokens.analyst()).get(history).then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertEquals(after.size() + 1, byHand.size());
        assertEquals("2016-04-16T21:59:59Z", byHand.get(byHand.size() - 1).get("deadline"));
        assertTrue(byHand.get(byHand.size() - 1).get("changedBy").startsWith("database user "), byHand.toString());

        io.restassured.RestAssured.given().get(history).then().statusCode(401);
        asMunicipality("0301").get(history).then().statusCode(403);
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2031/schedule/history").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void setSchedule(int year, String opensAt, String deadline, String token) {
        SurveyApi.as(token).body(Map.of("opensAt", opensAt, "deadline", deadline)).put("/api/surveys/{year}/schedule", year).then().statusCode(200);
    }

    @Test
    void lockedAfterTheDeadlineUntilReopened() {
        String code = "1121"; // Time
        SurveyApi.openNow(YEAR);
        SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201).body("late", equalTo(false));

        SurveyApi.schedule(YEAR, Duration.ofDays(60), Duration.ofDays(-1)); // the deadline was yesterday
        String etag = SurveyApi.etag(code, YEAR);
        asMunicipality(code).get(submissionPath(YEAR, code)).then().body("window.state", equalTo("locked"));
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 190), etag).then()
                .statusCode(423).body("type", equalTo("https://rusmonitor.no/problems/submission-locked"));
        asMunicipality(code).body(Map.of("answers", Map.of("users_total", 3))).put(submissionPath(YEAR, code) + "/draft")
                .then().statusCode(423);

        // The operator reopens it for this municipality only.
        String location = SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code, "reason", "Correction of user counts",
                "until", Instant.now().plus(Duration.ofDays(2)).toString()))
                .post("/api/surveys/" + YEAR + "/reopenings").then().statusCode(201).body("municipalityCode", equalTo(code))
                .extract().header("Location");
        SurveyApi.as(TestTokens.analyst()).get(java.net.URI.create(location).getPath()).then().statusCode(200)
                .body("municipalityCode", equalTo(code)).body("reason", equalTo("Correction of user counts"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/" + YEAR + "/reopenings").then().statusCode(200)
                .body("municipalityCode", hasItem(code));
        asMunicipality(code).get(submissionPath(YEAR, code)).then().body("window.state", equalTo("reopened"));
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 190), etag).then()
                .statusCode(201).body("version", equalTo(2)).body("late", equalTo(true));
        SurveyApi.submit("1122", YEAR, SurveyApi.validAnswers(), null).then().statusCode(423); // others stay locked

        // Extending the reopening keeps the first one's record: who reopened it, when and why.
        SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code, "reason", "More time for the FTE figures"))
                .post("/api/surveys/" + YEAR + "/reopenings").then().statusCode(201).body("reason", equalTo("More time for the FTE figures"));
        assertEquals("Correction of user counts|closed|More time for the FTE figures|open", DATABASE.text("select string_agg(reason || '|' "
                + "|| case when closed_at is null then 'open' else 'closed' end, '|' order by id) from reopening where survey_year = " + YEAR
                + " and municipality_code = '" + code + "'"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/" + YEAR + "/reopenings").then().statusCode(200)
                .body("findAll { it.municipalityCode == '" + code + "' }.size()", equalTo(1));

        // Closing the reopening locks it again.
        SurveyApi.as(TestTokens.operator()).delete("/api/surveys/" + YEAR + "/reopenings/" + code).then().statusCode(200);
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 191), SurveyApi.etag(code, YEAR))
                .then().statusCode(423);
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/" + YEAR + "/reopenings/" + code).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReopeningLocksAgainWhenItsTimeIsUp() {
        String code = "1119"; // Hå
        SurveyApi.schedule(YEAR, Duration.ofDays(60), Duration.ofDays(-1));
        SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code, "until", Instant.now().plus(Duration.ofDays(2)).toString()))
                .post("/api/surveys/" + YEAR + "/reopenings").then().statusCode(201);
        SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201).body("late", equalTo(true));

        // Two days later, as far as the reopening is concerned.
        DATABASE.execute("update reopening set until = now() - interval '1 minute' where municipality_code = '" + code + "' and survey_year = " + YEAR);
        asMunicipality(code).get(submissionPath(YEAR, code)).then().body("window.state", equalTo("locked"));
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 190), SurveyApi.etag(code, YEAR)).then()
                .statusCode(423).body("type", equalTo("https://rusmonitor.no/problems/submission-locked"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/" + YEAR + "/reopenings").then().statusCode(200)
                .body("municipalityCode", not(hasItem(code))); // the municipalities reopened now

        // Ended by itself: nothing left to close, and a new reopening records the old one as it ended, by no one.
        SurveyApi.as(TestTokens.operator()).delete("/api/surveys/" + YEAR + "/reopenings/" + code).then().statusCode(404)
                .body("type", equalTo("https://rusmonitor.no/problems/not-found"));
        SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code)).post("/api/surveys/" + YEAR + "/reopenings").then()
                .statusCode(201);
        assertEquals(1, DATABASE.count("select count(*) from reopening where municipality_code = '" + code + "' and survey_year = " + YEAR
                + " and closed_at = until and closed_by is null"));
        SurveyApi.as(TestTokens.operator()).delete("/api/surveys/" + YEAR + "/reopenings/" + code).then().statusCode(200)
                .body("closedBy", equalTo("operator@rusmonitor.test"));
    }

    @Test
    void aRetryAfterTheDeadlineGetsTheAnswerItsSubmissionGot() {
        String code = "1130"; // Strand
        SurveyApi.openNow(YEAR);
        Map<String, Object> body = Map.of("answers", SurveyApi.validAnswers());
        asMunicipality(code).header("Idempotency-Key", "before-midnight").body(body).post(submissionPath(YEAR, code) + "/versions")
                .then().statusCode(201).body("version", equalTo(1));

        // The answer was lost on the way; the client retries after the deadline.
        SurveyApi.schedule(YEAR, Duration.ofDays(60), Duration.ofDays(-1));
        asMunicipality(code).header("Idempotency-Key", "before-midnight").body(body).post(submissionPath(YEAR, code) + "/versions")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("version", equalTo(1));
        asMunicipality(code).header("Idempotency-Key", "after-midnight").header("If-Match", SurveyApi.etag(code, YEAR))
                .body(Map.of("answers", SurveyApi.with(SurveyApi.validAnswers(), "users_total", 190)))
                .post(submissionPath(YEAR, code) + "/versions").then().statusCode(423);
        asMunicipality(code).get(submissionPath(YEAR, code) + "/versions").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aSurveyThatHasNotOpenedTakesNothing() {
        SurveyApi.schedule(2021, Duration.ofDays(-10), Duration.ofDays(40)); // opens in ten days
        SurveyApi.submit("1124", 2021, SurveyApi.validAnswers(), null).then()
                .statusCode(409).body("type", equalTo("https://rusmonitor.no/problems/survey-not-open"));
    }

    @Test
    void aLateFirstSubmissionShowsInCompleteness() {
        String code = "1127"; // Randaberg
        SurveyApi.schedule(2020, Duration.ofDays(60), Duration.ofDays(-1));
        SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code)).post("/api/surveys/2020/reopenings").then().statusCode(201);
        SurveyApi.submit(code, 2020, SurveyApi.validAnswers(), null).then().statusCode(201).body("late", equalTo(true));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2020/completeness").then().statusCode(200)
                .body("municipalities.find { it.municipalityCode == '" + code + "' }.status", equalTo("late"));

        // The deadline extended for everyone past the day it submitted: on time, as anyone else who submitted then.
        SurveyApi.schedule(2020, Duration.ofDays(60), Duration.ofDays(5));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2020/completeness").then().statusCode(200)
                .body("municipalities.find { it.municipalityCode == '" + code + "' }.status", equalTo("submitted"));
        // The version keeps what it was when it came.
        SurveyApi.as(TestTokens.analyst()).get(submissionPath(2020, code) + "/versions/1").then().statusCode(200).body("late", equalTo(true));
        SurveyApi.schedule(2020, Duration.ofDays(60), Duration.ofDays(-1));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2020/completeness").then().statusCode(200)
                .body("municipalities.find { it.municipalityCode == '" + code + "' }.status", equalTo("late"));
    }

    /**
     * Two operators at once: one closes a municipality's reopening while the other extends it. They take turns,
     * whichever the database lets in first. Here the close goes first: it closes the reopening, and the
     * extension, finding none open, opens a new one. Before, both closed the same reopening, the extension's
     * close overwrote the first operator's, and that operator's 200 described a close the audit did not keep.
     */
    @Test
    void aCloseAndAnExtensionAtOnceTakeTurns() throws Exception {
        String code = "1160"; // Vindafjord
        long first = reopenAndRace(code, this::close, this::extend);
        assertEquals("second-operator@rusmonitor.test", DATABASE.text("select closed_by from reopening where id = " + first),
                "the close that was answered 200 is the one kept");
        assertEquals(1, DATABASE.count(openReopening(code) + " and reason = 'a week more'"), "the extension is open");
    }

    /**
     * The other way round: the extension goes first, and the close that waited for it closes the reopening the
     * extension opened. Before, the close found none (it looked for the one the extension had just closed) and
     * answered 404, while the extension stayed open.
     */
    @Test
    void anExtensionAndACloseAtOnceTakeTurns() throws Exception {
        String code = "1144"; // Kvitsøy
        reopenAndRace(code, this::extend, this::close);
        assertEquals(0, DATABASE.count(openReopening(code)), "the close, answered 200, left none open");
        assertEquals("second-operator@rusmonitor.test", DATABASE.text("select closed_by from reopening where survey_year = " + YEAR
                + " and municipality_code = '" + code + "' and reason = 'a week more'"), "it closed the extension");
    }

    /**
     * Reopens the municipality, then sends {@code first} and {@code second} while a test transaction holds the
     * reopening's row, so that they queue in that order; returns the first reopening's id.
     */
    private long reopenAndRace(String code, Function<String, Response> first, Function<String, Response> second) throws Exception {
        SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code)).post(REOPENINGS).then().statusCode(201);
        long reopening = DATABASE.count(openReopening(code).replace("count(*)", "id"));
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try (Connection holder = DATABASE.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute(openReopening(code).replace("count(*)", "id") + " for update");
            Future<Response> one = requests.submit(() -> first.apply(code));
            awaitWaitingForLocks(1);
            Future<Response> other = requests.submit(() -> second.apply(code));
            awaitWaitingForLocks(2);
            holder.rollback();
            for (Future<Response> answer : List.of(one, other)) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                if (response.statusCode() == 200) { // the close
                    response.then().body("closedBy", equalTo("second-operator@rusmonitor.test"));
                } else {
                    response.then().statusCode(201).body("reason", equalTo("a week more"));
                }
            }
        } finally {
            requests.shutdownNow();
        }
        return reopening;
    }

    private static final String REOPENINGS = "/api/surveys/" + YEAR + "/reopenings";

    private static String openReopening(String code) {
        return "select count(*) from reopening where survey_year = " + YEAR + " and municipality_code = '" + code + "' and closed_at is null";
    }

    private Response close(String code) {
        return SurveyApi.as(TestTokens.operator("second-operator@rusmonitor.test")).delete(REOPENINGS + "/" + code);
    }

    private Response extend(String code) {
        return SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", code, "reason", "a week more")).post(REOPENINGS);
    }

    private static void awaitWaitingForLocks(int requests) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (DATABASE.count("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") >= requests) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(requests + " request(s) should be waiting for the held row");
    }
}
