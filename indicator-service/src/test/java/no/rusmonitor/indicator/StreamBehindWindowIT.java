package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.SseClient;
import no.rusmonitor.testsupport.TestTokens;

/**
 * A dashboard that comes back further behind than the stream's in-memory window gets the rest from the
 * change log in the database: with a window of one change, every change it missed but the newest is read
 * from there, and it still gets each exactly once, in order.
 */
@QuarkusTest
@TestProfile(StreamBehindWindowIT.WindowOfOne.class)
class StreamBehindWindowIT {

    public static final class WindowOfOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rusmonitor.stream.window", "1");
        }
    }

    private static final String PLAN = "goal3.individual_plan_share";
    private static final int YEAR = 2015; // only DefinitionsIT submits for this year too, for Alstahaug
    private static final String OSLO = "0301";
    private static final Predicate<SseClient.Event> CHANGES = SseClient.named("indicator-changed");

    private static final String BERGEN = "1201"; // its code until 2020

    private static String url() {
        return url(OSLO);
    }

    private static String url(String code) {
        return "http://localhost:" + RestAssured.port + "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + code
                + "&borders=as_reported&year=" + YEAR;
    }

    @Test
    void aSubscriberBehindTheWindowGetsWhatItMissedFromTheDatabase() {
        String analyst = TestTokens.analyst();
        String lastId;
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(), null, analyst)) {
            stream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(OSLO, YEAR, 1, Submissions.answers());
            lastId = stream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0).id();
        }

        // Three corrections while it is away, each applied before the next. Each changes several values (Oslo's,
        // its county's and the country's, of several indicators), so at most the newest is still in the window.
        try (Submissions submissions = new Submissions()) {
            for (int version = 2; version <= 4; version++) {
                submissions.submit(OSLO, YEAR, version, Submissions.with(Submissions.answers(), "users_total", 100 * version));
                int applied = version;
                IndicatorApi.awaitValue(PLAN, "municipality", OSLO, YEAR, "as_reported", v -> v.getInt("submissionVersion") == applied);
            }
        }

        try (SseClient resumed = new SseClient(url(), lastId, analyst)) {
            List<SseClient.Event> missed = resumed.await(CHANGES, 3, Duration.ofSeconds(10));
            assertEquals(List.of(200.0, 300.0, 400.0), missed.stream().map(e -> IndicatorApi.json(e.data()).getDouble("denominator")).toList());
            assertTrue(resumed.collect(CHANGES, Duration.ofSeconds(2)).isEmpty(), "nothing repeated");
        }
    }

    /**
     * A dashboard whose missed changes are no longer in the change log (purged after keep-changes) is told
     * to reload, and is not sent the newest of them as if nothing were missing; nor is one that sends an id
     * the service never gave.
     */
    @Test
    void aSubscriberWhoseMissedChangesWerePurgedIsToldToReload() {
        String analyst = TestTokens.analyst();
        String lastId;
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(BERGEN), null, analyst)) {
            stream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(BERGEN, YEAR, 1, Submissions.answers());
            lastId = stream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0).id();
            submissions.submit(BERGEN, YEAR, 2, Submissions.with(Submissions.answers(), "users_total", 200));
            IndicatorApi.awaitValue(PLAN, "municipality", BERGEN, YEAR, "as_reported", v -> v.getInt("submissionVersion") == 2);
        }
        // The purge as after rusmonitor.stream.keep-changes: every change the outbox relay has sent goes.
        Instant deadline = Instant.now().plusSeconds(20);
        while (DATABASE.count("select count(*) from value_change where seq > (select seq from relay_position)") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the relay caught up");
            IndicatorApi.sleep(100);
        }
        DATABASE.execute("delete from value_change where seq <= (select seq from relay_position)");

        String resumedFrom;
        try (SseClient resumed = new SseClient(url(BERGEN), lastId, analyst)) {
            SseClient.Event reset = resumed.await(SseClient.named("reset"), 1, Duration.ofSeconds(10)).get(0);
            assertEquals("history_expired", IndicatorApi.json(reset.data()).getString("reason"));
            assertTrue(resumed.collect(CHANGES, Duration.ofSeconds(2)).isEmpty(), "no change sent as if nothing were missing");
            // The reset carries the id to go on from, as a browser's EventSource sends it back when it reconnects.
            assertEquals(IndicatorApi.json(reset.data()).getString("latestId"), reset.id());
            resumedFrom = reset.id();
        }
        try (SseClient again = new SseClient(url(BERGEN), resumedFrom, analyst)) {
            assertTrue(again.collect(SseClient.named("reset"), Duration.ofSeconds(2)).isEmpty(), "reconnecting from the reset is no new reset");
        }
        try (SseClient unknown = new SseClient(url(BERGEN), "999999999", analyst)) {
            SseClient.Event reset = unknown.await(SseClient.named("reset"), 1, Duration.ofSeconds(10)).get(0);
            assertEquals("unknown_id", IndicatorApi.json(reset.data()).getString("reason"));
        }
    }
}
