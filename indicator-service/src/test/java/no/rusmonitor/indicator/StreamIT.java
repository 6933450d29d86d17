package no.rusmonitor.indicator;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.Prometheus;
import no.rusmonitor.testsupport.SseClient;
import no.rusmonitor.testsupport.TestTokens;

/** The live stream as a dashboard uses it: filtered, resumable without loss or repetition, kept alive, public or raw. */
@QuarkusTest
class StreamIT {

    private static final String PLAN = "goal3.individual_plan_share";
    private static final int YEAR = 2021;
    private static final Predicate<SseClient.Event> CHANGES = SseClient.named("indicator-changed");

    private static String url(String pathAndQuery) {
        return "http://localhost:" + RestAssured.port + pathAndQuery;
    }

    private static JsonPath json(SseClient.Event event) {
        return IndicatorApi.json(event.data());
    }

    /** Raw values are for as long as the analyst's token is valid, not for as long as the connection lasts. */
    @Test
    void anAnalystsStreamEndsWhenTheTokenExpires() {
        String shortLived = TestTokens.analystUntil(java.time.Instant.now().plusSeconds(4));
        try (SseClient raw = new SseClient(url("/api/stream?level=country"), null, shortLived);
                SseClient open = new SseClient(url("/api/stream?level=country"), null, null)) {
            assertEquals(200, raw.status());
            assertTrue(raw.endsWithin(Duration.ofSeconds(15)), "the analyst's stream ended with the token");
            assertTrue(!open.endsWithin(Duration.ofSeconds(1)), "a public stream goes on");
        }
        // Expired, though within the minute of clock skew the service allows: no raw stream, and no 5xx.
        try (SseClient expired = new SseClient(url("/api/stream?level=country"), null,
                TestTokens.analystUntil(java.time.Instant.now().minusSeconds(10)))) {
            assertEquals(401, expired.status());
        }
    }

    @Test
    void aSubscriberGetsTheChangesItAskedForAndResumesAfterItsLastEventId() {
        String code = "4617"; // Kvinnherad
        String filter = "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + code + "&borders=as_reported&year=" + YEAR;
        String lastId;
        // As an analyst: alone in its county this year, Kvinnherad's value is withheld from the public.
        String analyst = TestTokens.analyst();
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(filter), null, analyst)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            stream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));

            submissions.submit(code, YEAR, 1, Submissions.answers());
            SseClient.Event first = stream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0);
            JsonPath value = json(first);
            assertEquals(PLAN, value.getString("indicatorId"));
            assertEquals(code, value.getString("areaCode"));
            assertEquals("municipality", value.getString("level"));
            assertEquals(YEAR, value.getInt("year"));
            assertEquals(1, value.getInt("submissionVersion"));
            assertEquals(30.0 / 180.0 * 100, value.getDouble("value"), 1e-9);
            assertTrue(stream.collect(CHANGES, Duration.ofSeconds(2)).isEmpty(), "one change for one value, nothing else passes the filter");
            lastId = first.id();
        }

        // Two corrections while the dashboard is away, each applied before the next arrives (versions that
        // wait together are applied as one, and the stream then shows only the newest) ...
        try (Submissions submissions = new Submissions()) {
            submissions.submit(code, YEAR, 2, Submissions.with(Submissions.answers(), "users_total", 200));
            IndicatorApi.awaitValue(PLAN, "municipality", code, YEAR, "as_reported", v -> v.getInt("submissionVersion") == 2);
            submissions.submit(code, YEAR, 3, Submissions.with(Submissions.answers(), "users_total", 250));
        }
        IndicatorApi.awaitValue(PLAN, "municipality", code, YEAR, "as_reported", v -> v.getInt("submissionVersion") == 3);

        // ... are exactly what it gets when it comes back with its Last-Event-ID, in order, once.
        try (SseClient resumed = new SseClient(url(filter), lastId, analyst)) {
            List<SseClient.Event> missed = resumed.await(CHANGES, 2, Duration.ofSeconds(10));
            assertEquals(List.of(200.0, 250.0), missed.stream().map(e -> json(e).getDouble("denominator")).toList());
            assertTrue(Long.parseLong(missed.get(0).id()) > Long.parseLong(lastId));
            assertTrue(Long.parseLong(missed.get(1).id()) > Long.parseLong(missed.get(0).id()));
            assertTrue(resumed.collect(CHANGES, Duration.ofSeconds(2)).isEmpty(), "nothing repeated");
        }
        // The query parameter does the same for clients that cannot set headers.
        try (SseClient resumed = new SseClient(url(filter) + "&lastEventId=" + lastId, null, analyst)) {
            assertEquals(2, resumed.await(CHANGES, 2, Duration.ofSeconds(10)).size());
        }
    }

    /**
     * A dashboard that follows one municipality, while others submit: its resume point moves on with the changes
     * its filter did not pass, so a reconnect does not read them all again (or, after the change log's keeping
     * time, get a reset).
     */
    @Test
    void aFilteredStreamsResumePointFollowsTheChangesItDidNotPass() {
        String followed = "1506"; // Molde: nothing submitted for it here
        String other = "1577"; // Volda
        String filter = "/api/stream?area=" + followed + "&year=" + YEAR + "&borders=as_reported";
        String progressId;
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(filter), null, null);
                SseClient others = new SseClient(url("/api/stream?area=" + other + "&year=" + YEAR), null, null)) {
            others.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(other, YEAR, 1, Submissions.answers());
            IndicatorApi.awaitValue(PLAN, "municipality", other, YEAR, "as_reported", v -> v.get("submissionVersion") != null);
            long newestOther = others.collect(CHANGES, Duration.ofSeconds(2)).stream().mapToLong(e -> Long.parseLong(e.id())).max().orElseThrow();

            SseClient.Event progress = stream.await(e -> "progress".equals(e.name()) && Long.parseLong(e.id()) >= newestOther, 1,
                    Duration.ofSeconds(10)).get(0);
            assertEquals(Long.parseLong(progress.id()), json(progress).getLong("latestId"));
            assertTrue(stream.collect(CHANGES, Duration.ofMillis(500)).isEmpty(), "none of the other municipality's changes passed");
            progressId = progress.id();
        }
        try (SseClient resumed = new SseClient(url(filter), progressId, null)) {
            assertTrue(resumed.collect(e -> CHANGES.test(e) || "reset".equals(e.name()), Duration.ofSeconds(2)).isEmpty(),
                    "resumed where it had read to: nothing to send again, no reset");
        }
    }

    @Test
    void thePublicStreamWithholdsSmallNumbersAndAnalystsGetThemRaw() {
        String code = "4602"; // Kinn
        String filter = "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + code + "&year=" + YEAR + "&borders=as_reported";
        try (Submissions submissions = new Submissions(); SseClient publicStream = new SseClient(url(filter), null, null);
                SseClient analystStream = new SseClient(url(filter), null, TestTokens.analyst())) {
            publicStream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            analystStream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(code, YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 2));

            JsonPath shown = json(publicStream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0));
            assertEquals("primary", shown.getString("suppressed"));
            assertNull(shown.get("value"));
            assertNull(shown.get("numerator"));
            JsonPath raw = json(analystStream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0));
            assertEquals(2.0, raw.getDouble("numerator"));
        }
    }

    /** The README's example: a goal and a level, every matching change and nothing else. */
    @Test
    void aGoalAndLevelFilterPassesEveryMatchingChangeAndNothingElse() {
        String code = "1124"; // Sola
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url("/api/stream?goal=3&level=country&year=" + YEAR),
                null, TestTokens.analyst())) {
            stream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(code, YEAR, 1, Submissions.answers());
            List<SseClient.Event> changes = stream.await(CHANGES, 1, Duration.ofSeconds(20));
            changes.addAll(stream.collect(CHANGES, Duration.ofSeconds(3)));
            List<String> seen = changes.stream().map(e -> json(e).getString("goal") + "|" + json(e).getString("level") + "|" + json(e).getInt("year"))
                    .distinct().toList();
            assertEquals(List.of("3|country|" + YEAR), seen);
            assertTrue(changes.stream().anyMatch(e -> PLAN.equals(json(e).getString("indicatorId"))), "the plan share of goal 3 changed");
        }
    }

    @Test
    void heartbeatsComeAtOnceAndEachIntervalAndSubscribersAreCounted() {
        try (SseClient quiet = new SseClient(url("/api/stream?indicator=goal5.court_programme_per_100k&year=2015"), null, null)) {
            // One at once and then one a second (the tests' interval), each naming the interval, and without an id: a
            // heartbeat moves no resume point.
            List<SseClient.Event> beats = quiet.await(e -> "heartbeat".equals(e.name()), 3, Duration.ofSeconds(6));
            assertEquals(List.of("{\"intervalMillis\":1000}"), beats.stream().map(SseClient.Event::data).distinct().toList());
            assertTrue(beats.stream().allMatch(e -> e.id() == null), "no heartbeat has an id");
            // The first sets the client's reconnection time, somewhere in 2-5 s, so that clients come back spread out.
            Long retry = beats.get(0).retry();
            assertTrue(retry != null && retry >= 2_000 && retry < 5_000, "retry: " + retry);
            String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(Prometheus.value(metrics, "rusmonitor_indicator_stream_subscribers") >= 1, "this subscriber is counted");
        }
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        RestAssured.given().accept("text/event-stream").queryParam("level", "galaxy").get("/api/stream")
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/level"));
        RestAssured.given().accept("text/event-stream").queryParam("area", "../../etc").get("/api/stream")
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/area"));
        RestAssured.given().accept("text/event-stream").queryParam("year", "1999,+2024").get("/api/stream")
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/year"))
                .body("errors", hasSize(2));
        // The answer names the value it refuses, but not 1,000 characters of it, nor its control characters.
        String detail = RestAssured.given().accept("text/event-stream").queryParam("area", "9\u0007" + "9".repeat(1_000)).get("/api/stream")
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors[0].message");
        assertTrue(detail.startsWith("'9?99") && detail.length() < 200, detail);
        RestAssured.given().accept("text/event-stream").header("Last-Event-ID", "yesterday").get("/api/stream")
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/lastEventId"));
    }
}
