package no.rusmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
    private static final int YEAR = 2015; // only DefinitionsIT submits for this year too, for another municipality
    private static final String OSLO = "0301";
    private static final Predicate<SseClient.Event> CHANGES = SseClient.named("indicator-changed");

    private static String url() {
        return "http://localhost:" + RestAssured.port + "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + OSLO
                + "&borders=as_reported&year=" + YEAR;
    }

    @Test
    void aSubscriberBehindTheWindowGetsWhatItMissedFromTheDatabase() {
        String analyst = TestTokens.analyst();
        String lastId;
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(), null, analyst)) {
            stream.await(e -> "comment".equals(e.name()), 1, Duration.ofSeconds(5));
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
}
