package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import no.rusmonitor.platform.outbox.OutboxRelay;

/**
 * Another instance that holds the relay's lock and has stopped relaying (a frozen process, say) keeps every
 * event in the outbox. This instance, though it does not relay, shows that on its wellness check once the
 * oldest event has waited longer than {@code rusmonitor.outbox.stale-after} (here 3 s, 5 minutes by default),
 * and sends the events once the lock is let go, which the database sees to for a run that stalled.
 */
@QuarkusTest
@TestProfile(StalledRelayIT.QuicklyStale.class)
class StalledRelayIT {

    private static final int YEAR = 2024;
    private static final String CODE = "3901"; // Horten

    public static final class QuicklyStale implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rusmonitor.outbox.stale-after", "3s", "rusmonitor.outbox.lag-interval", "1s");
        }
    }

    private static void awaitWellness(int status, String why) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (RestAssured.given().get("/q/health/well").statusCode() != status) {
            assertTrue(Instant.now().isBefore(deadline), why);
            Thread.sleep(250);
        }
    }

    @Test
    void eventsThatWaitTooLongBehindAStalledInstanceShowOnEveryInstance() throws Exception {
        SurveyApi.openNow(YEAR);
        awaitWellness(200, "the outbox relay was unwell before the test");
        try (Connection stalledInstance = DATABASE.connect()) {
            try (var lock = stalledInstance.createStatement()) {
                lock.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            }
            SurveyApi.submit(CODE, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201);
            awaitWellness(503, "the wellness check did not show the event waiting behind the stalled instance");
            RestAssured.given().get("/q/health/well").then().body("checks[0].name", equalTo("Outbox relay"))
                    .body("checks[0].data.waiting", greaterThanOrEqualTo(1))
                    .body("checks[0].data.oldestWaitingSeconds", greaterThanOrEqualTo(3));
            RestAssured.given().get("/q/health/ready").then().statusCode(200);
            assertEquals(1, DATABASE.count("select count(*) from outbox_event where event_key = '" + CODE + "' and published_at is null"),
                    "the event waits");
        }
        // The stalled instance's connection, and with it the lock, is gone: this instance relays.
        awaitWellness(200, "the wellness check stayed down after the event could leave");
        assertEquals(1, PublishedEvents.countFor(CODE, YEAR));
    }

    /**
     * An instance stalled inside its run: it took the lock with a run's limits and then sat idle (here 3 s; a
     * minute in the relay's own runs). The database ends its transaction, the lock passes on, and the event leaves.
     */
    @Test
    void theDatabaseEndsARunThatStalledAndTheLockPassesOn() throws Exception {
        String code = "3405"; // Lillehammer
        SurveyApi.openNow(YEAR);
        try (Connection stalledInstance = DATABASE.connect()) {
            stalledInstance.setAutoCommit(false);
            Instant deadline = Instant.now().plusSeconds(30);
            while (!tookTheLock(stalledInstance)) { // this instance may hold it for a moment
                stalledInstance.rollback();
                assertTrue(Instant.now().isBefore(deadline), "the relay's lock was never free");
                Thread.sleep(100);
            }
            SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201);
            assertEquals(1, PublishedEvents.countFor(code, YEAR), "the event left once the stalled run was ended");
            assertFalse(stalledInstance.isValid(2), "the database ended the stalled run's session");
        }
    }

    private static boolean tookTheLock(Connection connection) throws Exception {
        // The relay's statement, its parameter written as JDBC writes it.
        String statement = OutboxRelay.lockStatement(Duration.ofSeconds(30), Duration.ofSeconds(3)).replace("$1", "?");
        try (PreparedStatement lock = connection.prepareStatement(statement)) {
            lock.setLong(1, OutboxRelay.RELAY_LOCK);
            try (ResultSet taken = lock.executeQuery()) {
                return taken.next() && taken.getBoolean(1);
            }
        }
    }
}
