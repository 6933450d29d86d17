package no.rusmonitor.indicator.stream;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.indicator.IndicatorApi;
import no.rusmonitor.indicator.Submissions;
import no.rusmonitor.platform.outbox.OutboxRelay;

/**
 * The change log is indicator-service's outbox, so its purge (entries older than keep-changes) never
 * removes one the relay has yet to send to Kafka: here the test's entries are old, and the last three wait.
 */
@QuarkusTest
class ChangeLogPurgeIT {

    @Inject
    ChangeFeed feed;

    @Test
    void thePurgeKeepsEveryEntryTheRelayHasYetToSend() throws Exception {
        long before = DATABASE.count("select coalesce(max(seq), 0) from value_change");
        try (Submissions submissions = new Submissions()) {
            submissions.submit("1130", 2019, 1, Submissions.answers()); // Strand
        }
        IndicatorApi.awaitAnswers("1130", 2019, 1);
        long last = DATABASE.count("select max(seq) from value_change");
        assertTrue(last - 3 > before, "the submission changed more than three values");
        awaitPosition(last);

        // Holding the relay's lock keeps it from sending, as Kafka being away would.
        try (Connection relayLock = DATABASE.connect(); Statement s = relayLock.createStatement()) {
            relayLock.setAutoCommit(false);
            s.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");
            DATABASE.execute("update relay_position set seq = " + (last - 3));
            DATABASE.execute("update value_change set created_at = now() - interval '30 days' where seq > " + before); // this test's entries

            feed.purge().await().atMost(Duration.ofSeconds(30));

            assertEquals(0, DATABASE.count("select count(*) from value_change where seq > " + before + " and seq <= " + (last - 3)),
                    "what was sent and is old went");
            assertEquals(3, DATABASE.count("select count(*) from value_change where seq > " + (last - 3)), "what waits for the relay stayed");
            relayLock.rollback();
        }
        awaitPosition(last);
    }

    /**
     * An entry's time is when its job began, so a later entry can be older than an earlier one (its job waited
     * for another instance's). The purge removes a first part of the log, never one from the middle, and never
     * the newest entry.
     */
    @Test
    void thePurgeLeavesNoHoleWhereAnEarlierEntryIsYounger() {
        long before = DATABASE.count("select coalesce(max(seq), 0) from value_change");
        // A version above any other test's for Strand's 2020, with a count of its own, so that values change.
        int version = (int) DATABASE.count("select coalesce(max(submission_version), 0) + 1 from answer_set "
                + "where municipality_code = '1130' and survey_year = 2020");
        try (Submissions submissions = new Submissions()) {
            submissions.submit("1130", 2020, version, Submissions.with(Submissions.answers(), "users_total", 5_000 + version));
        }
        IndicatorApi.awaitAnswers("1130", 2020, version);
        long last = DATABASE.count("select max(seq) from value_change");
        assertTrue(last - 2 > before, "the submission changed more than two values");
        awaitPosition(last);
        long middle = before + 1 + (last - before) / 2;
        DATABASE.execute("update value_change set created_at = now() - interval '30 days' where seq > " + before + " and seq <> " + middle);

        feed.purge().await().atMost(Duration.ofSeconds(30));

        assertEquals(0, DATABASE.count("select count(*) from value_change where seq < " + last), "nothing before the newest entry is left");
        // However old, the newest entry stays: it is where the log ends, and where a new instance's stream begins.
        assertEquals(last, DATABASE.count("select max(seq) from value_change"));
    }

    private static void awaitPosition(long seq) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (DATABASE.count("select seq from relay_position") < seq) {
            assertTrue(System.nanoTime() < deadline, "the relay reached change " + seq);
            IndicatorApi.sleep(100);
        }
    }
}
