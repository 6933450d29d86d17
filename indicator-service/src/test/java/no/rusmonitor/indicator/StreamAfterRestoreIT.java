package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.SseClient;
import no.rusmonitor.testsupport.TestTokens;

/**
 * After indicator-db is restored from a backup, the operator restarts the change log's numbers
 * ({@code restart_change_log_after_restore()}, deploy/README.md). A dashboard that followed the history before
 * the restore, which is partly lost, is told to load everything again, and then follows the new one.
 */
@QuarkusTest
class StreamAfterRestoreIT {

    private static final String PLAN = "goal3.individual_plan_share";
    private static final String HAMAR = "3403";
    private static final int YEAR = 2022;
    private static final Predicate<SseClient.Event> CHANGES = SseClient.named("indicator-changed");
    private static final Predicate<SseClient.Event> RESETS = SseClient.named("reset");

    private static String url() {
        return "http://localhost:" + RestAssured.port + "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + HAMAR
                + "&borders=as_reported&year=" + YEAR;
    }

    @Test
    void aDashboardThatFollowedTheLostHistoryLoadsEverythingAgainThenFollowsTheNewOne() {
        String analyst = TestTokens.analyst();
        String seenBeforeTheRestore;
        try (Submissions submissions = new Submissions(); SseClient stream = new SseClient(url(), null, analyst)) {
            stream.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            submissions.submit(HAMAR, YEAR, 1, Submissions.answers());
            seenBeforeTheRestore = stream.await(CHANGES, 1, Duration.ofSeconds(20)).get(0).id();
        }

        long begins = DATABASE.count("select restart_change_log_after_restore()");
        assertTrue(begins > Long.parseLong(seenBeforeTheRestore) + 1, "the new history is numbered past every id given out");

        String resumeFrom;
        try (SseClient resumed = new SseClient(url(), seenBeforeTheRestore, analyst)) {
            SseClient.Event reset = resumed.await(RESETS, 1, Duration.ofSeconds(10)).get(0);
            assertEquals("history_restored", IndicatorApi.json(reset.data()).getString("reason"));
            assertEquals(String.valueOf(begins - 1), reset.id(), "it goes on from just before the new history");
            assertEquals(reset.id(), IndicatorApi.json(reset.data()).getString("latestId"));
            assertTrue(resumed.collect(CHANGES, Duration.ofSeconds(1)).isEmpty(), "no change sent as if the history went on");
            resumeFrom = reset.id();
        }

        try (Submissions submissions = new Submissions(); SseClient again = new SseClient(url(), resumeFrom, analyst)) {
            assertTrue(again.collect(RESETS, Duration.ofSeconds(2)).isEmpty(), "reconnecting from the reset is no new reset");
            submissions.submit(HAMAR, YEAR, 2, Submissions.with(Submissions.answers(), "users_total", 200));
            SseClient.Event change = again.await(CHANGES, 1, Duration.ofSeconds(20)).get(0);
            assertTrue(Long.parseLong(change.id()) >= begins, "a change of the new history: " + change.id());
            assertEquals(200.0, IndicatorApi.json(change.data()).getDouble("denominator"));
        }
        // A dashboard that starts now begins where the log ends, and so resumes without a reset.
        try (SseClient fresh = new SseClient(url(), null, analyst)) {
            String start = fresh.await(SseClient.named("progress"), 1, Duration.ofSeconds(10)).get(0).id();
            assertTrue(Long.parseLong(start) >= begins, start);
        }
        // Run again (an operator unsure whether it ran), it moves the numbers on, never back.
        assertTrue(DATABASE.count("select restart_change_log_after_restore()") >= begins + 100_000_000L);
    }
}
