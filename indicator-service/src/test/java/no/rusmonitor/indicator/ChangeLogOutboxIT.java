package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.TopicReader;

/**
 * The change log is the outbox: the relay sends its entries after {@code relay_position}. An instance that
 * crashed after Kafka acknowledged events but before it moved the position sends them again, with the ids
 * they had, and then moves on. An entry Kafka will never take is parked, and the relay moves past it.
 */
@QuarkusTest
class ChangeLogOutboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsSentButNotRecordedAreSentAgainWithTheirIds() throws Exception {
        String code = "5001"; // Trondheim
        int year = 2024;
        try (Submissions submissions = new Submissions()) {
            submissions.submit(code, year, 1, Submissions.answers());
            IndicatorApi.awaitValue("goal3.individual_plan_share", "municipality", code, year, "as_reported", v -> "ok".equals(v.getString("status")));
        }
        long last = DATABASE.count("select max(seq) from value_change");
        awaitPosition(last);

        List<String> lastEntries = DATABASE.rows("select event_id::text from value_change where seq > " + (last - 3));
        assertEquals(3, lastEntries.size());
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.INDICATORS_TOPIC)) {
            // As if the instance stopped between Kafka's acknowledgement and the position's update.
            DATABASE.execute("update relay_position set seq = " + (last - 3));

            Set<String> wanted = new HashSet<>(lastEntries);
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<String, String> record : topic.await(r -> wanted.contains(id(r)), 3, Duration.ofSeconds(30))) {
                seen.add(id(record));
            }
            assertEquals(wanted, seen, "the three entries were sent again, each with its event id");
        }
        awaitPosition(last);
    }

    @Test
    void anEntryKafkaRefusesForGoodIsParkedAndTheRelayMovesPastIt() throws Exception {
        String code = "5001"; // Trondheim
        int year = 2023;
        // An entry whose event is larger than any record the producer may send (1 MB), even compressed.
        DATABASE.execute("insert into value_change (indicator_id, goal, level, area_code, borders, year, revision, payload, created_at) "
                + "values ('goal3.individual_plan_share', 'goal3', 'municipality', '" + code + "', 'as_reported', " + year + ", 99, "
                + "jsonb_build_object('padding', (select string_agg(md5(random()::text), '') from generate_series(1, 100000))), now())");
        long refused = DATABASE.count("select max(seq) from value_change");
        try {
            try (Submissions submissions = new Submissions()) {
                submissions.submit(code, year, 1, Submissions.answers());
                IndicatorApi.awaitValue("goal3.individual_plan_share", "municipality", code, year, "as_reported",
                        v -> "ok".equals(v.getString("status")));
            }
            long last = DATABASE.count("select max(seq) from value_change");
            assertTrue(last > refused);
            awaitPosition(last);
            String reason = DATABASE.text("select reason from relay_parked where seq = " + refused);
            assertTrue(reason != null && reason.startsWith("RecordTooLargeException"), "the entry was parked: " + reason);
            assertTrue(DATABASE.count("select length(payload) from relay_parked where seq = " + refused) > 3_000_000, "kept whole");
            IndicatorApi.awaitWellness(503);
            RestAssured.given().get("/q/health/well").then()
                    .body("checks.find { it.name == 'Outbox relay' }.data.parked", equalTo(1));
        } finally {
            DATABASE.execute("delete from relay_parked where seq = " + refused); // an operator has dealt with it
            DATABASE.execute("delete from value_change where seq = " + refused);
        }
        IndicatorApi.awaitWellness(200);
    }

    private static String id(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = JSON.readTree(record.value());
            return event.path("id").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static void awaitPosition(long seq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (DATABASE.count("select seq from relay_position") < seq && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(DATABASE.count("select seq from relay_position") >= seq, "the relay reached change " + seq);
    }
}
