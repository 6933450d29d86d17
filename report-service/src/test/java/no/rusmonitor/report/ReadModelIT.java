package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.IndicatorEvents.country;
import static no.rusmonitor.report.RealInfrastructure.DATABASE;
import static no.rusmonitor.report.ReportApi.analyst;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.report.readmodel.ReadModelRebuild;
import no.rusmonitor.testsupport.Prometheus;
import no.rusmonitor.testsupport.TestTokens;
import no.rusmonitor.testsupport.TopicReader;

/**
 * The read model keeps the highest revision per key and year whatever order events arrive in, sends what
 * it cannot read to the dead-letter topic and carries on, and can be rebuilt from the topic's beginning.
 */
@QuarkusTest
class ReadModelIT {

    private static final String WAITING = "goal3.waiting_days";

    @Inject
    ReadModelRebuild rebuild;

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    @Test
    void theHighestRevisionWinsAndRepeatsChangeNothing() {
        IndicatorEvents.send(List.of(
                country(WAITING, 2021).value(21.0, 2100, 100).revision(3),
                country(WAITING, 2021).value(19.0, 1900, 100).revision(2),
                country(WAITING, 2021).value(21.0, 2100, 100).revision(3),
                country(WAITING, 2021).value(18.0, 1800, 100).revision(1),
                country(WAITING, 2022).value(1.0, 100, 100))); // a marker after them: once it is in, so are they
        awaitValue(2022, 1.0);
        assertEquals(3, DATABASE.count("select revision from indicator_value where indicator_id = '" + WAITING + "' and year = 2021"));
        assertEquals(21.0, value(2021));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheRestIsApplied() {
        try (TopicReader dlq = RealInfrastructure.fromEnd(RealInfrastructure.DEAD_LETTERS)) {
            IndicatorEvents.sendRaw(List.of(
                    new ProducerRecord<>(RealInfrastructure.INDICATORS, "x|country|NO|as_reported", "{not json".getBytes(StandardCharsets.UTF_8)),
                    new ProducerRecord<>(RealInfrastructure.INDICATORS, "y|country|NO|as_reported",
                            country(WAITING, 2020).extra("level", "planet").json().getBytes(StandardCharsets.UTF_8)),
                    new ProducerRecord<>(RealInfrastructure.INDICATORS, "z", new byte[] { (byte) 0xC3, 0x28 }),
                    new ProducerRecord<>(RealInfrastructure.INDICATORS, country(WAITING, 2020).key(),
                            country(WAITING, 2020).value(17.5, 1750, 100).json().getBytes(StandardCharsets.UTF_8))));
            List<ConsumerRecord<String, String>> letters = dlq.await(r -> true, 3);
            assertTrue(letters.stream().anyMatch(r -> r.value().equals("{not json")));
            assertTrue(letters.stream().allMatch(r -> r.headers().lastHeader("dead-letter-reason") != null));
            assertTrue(letters.stream().anyMatch(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                    .contains("level")));
        }
        awaitValue(2020, 17.5);
        assertTrue(Prometheus.value(given().get("/q/metrics").then().extract().asString(), "rusmonitor_indicator_events_dead_lettered_total") >= 3,
                "the dead letters are counted");
    }

    /**
     * A record just under the producer's 1 MB request limit is on the topic, but not with the dead-letter
     * headers added: it goes without its value, its headers saying where to read it, and the consumer goes
     * on (a failed dead-letter send used to stop it).
     */
    @Test
    void aRecordTooLargeToDeadLetterWhole() {
        byte[] large = "x".repeat(1_048_576 - 160).getBytes(StandardCharsets.US_ASCII);
        try (TopicReader dlq = RealInfrastructure.fromEnd(RealInfrastructure.DEAD_LETTERS)) {
            IndicatorEvents.sendRaw(List.of(new ProducerRecord<>(RealInfrastructure.INDICATORS, "too|large", large)));
            List<ConsumerRecord<String, String>> letters = dlq.await(r -> "too|large".equals(r.key()), 1);
            assertEquals("", letters.get(0).value());
            assertEquals("omitted", new String(letters.get(0).headers().lastHeader("dead-letter-value").value(), StandardCharsets.UTF_8));
            assertTrue(new String(letters.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8).startsWith("not JSON"));
        }
        IndicatorEvents.send(List.of(country(WAITING, 2021).value(20.5, 2050, 100).revision(9)));
        awaitValue(2021, 20.5);
    }

    /**
     * An event that fails because of the service itself (here its table gone, as under an instance of the
     * version before a migration) is not the event's fault: it waits until the service is put right and is
     * stored then, never dead-lettered.
     */
    @Test
    void anEventTheServiceCannotStoreForItsOwnFaultWaitsAndIsNeverDeadLettered() {
        try (TopicReader dlq = RealInfrastructure.fromEnd(RealInfrastructure.DEAD_LETTERS)) {
            DATABASE.execute("alter table indicator_value rename to indicator_value_away");
            try {
                IndicatorEvents.send(List.of(country(WAITING, 2015).value(13.5, 1350, 100)));
                assertTrue(dlq.collect(r -> r.value().contains("\"year\":2015"), Duration.ofSeconds(8)).isEmpty(), "nothing dead-lettered");
            } finally {
                DATABASE.execute("alter table indicator_value_away rename to indicator_value");
            }
        }
        awaitValue(2015, 13.5);
    }

    /**
     * What the database refuses, the reader does not know of beforehand (the reader refuses what it can see is
     * wrong, text PostgreSQL cannot hold included), so the refusal is the database's own here: a constraint this
     * test adds for one area name. It stays, so that a rebuild's replay refuses the event again, as it would the
     * refusals this stands for.
     */
    @Test
    void anEventTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() {
        DATABASE.execute("alter table indicator_value drop constraint if exists refused_by_the_test");
        DATABASE.execute("alter table indicator_value add constraint refused_by_the_test check (area_name <> 'Refused') not valid");
        try (TopicReader dlq = RealInfrastructure.fromEnd(RealInfrastructure.DEAD_LETTERS)) {
            IndicatorEvents.send(List.of(
                    country(WAITING, 2019).value(16.5, 1650, 100),
                    country(WAITING, 2018).value(15.5, 1550, 100).extra("areaName", "Refused"),
                    country(WAITING, 2017).value(14.5, 1450, 100)));
            List<ConsumerRecord<String, String>> letters = dlq.await(r -> r.value().contains("\"year\":2018"), 1);
            assertTrue(new String(letters.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                    .startsWith("the read model refused it"));
        }
        awaitValue(2019, 16.5);
        awaitValue(2017, 14.5);
        assertEquals(0, DATABASE.count("select count(*) from indicator_value where indicator_id = '" + WAITING + "' and year = 2018"));
        // And the consumer goes on with what comes after.
        IndicatorEvents.send(List.of(country(WAITING, 2019).value(17.5, 1750, 100).revision(2)));
        awaitValue(2019, 17.5);
    }

    @Test
    void aRebuildReadsTheTopicAgainFromTheBeginning() {
        // A correction (revision 2 after 1), and a row the topic never held, which only emptying the read model removes.
        IndicatorEvents.send(List.of(country(WAITING, 2016).value(11.0, 1100, 100).revision(1),
                country(WAITING, 2016).value(12.0, 1200, 100).revision(2)));
        awaitValue(2016, 12.0);
        DATABASE.execute("insert into indicator_value (indicator_id, level, area_code, borders, year, revision, definition_version, goal, unit, "
                + "area_name, status, missing_reason, value, numerator, denominator, factor, person_count, suppressed, reporting_count, "
                + "expected_count, spread, size_classes, submission_version, computed_at, event_id, received_at) select 'not.on_the_topic', "
                + "level, area_code, borders, year, revision, definition_version, goal, unit, area_name, status, missing_reason, value, "
                + "numerator, denominator, factor, person_count, suppressed, reporting_count, expected_count, spread, size_classes, "
                + "submission_version, computed_at, event_id, received_at from indicator_value limit 1");
        long before = DATABASE.count("select count(*) from indicator_value where indicator_id <> 'not.on_the_topic'");
        long generation = analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getLong("generation");
        given().auth().oauth2(TestTokens.operator()).post("/api/read-model/rebuild").then().statusCode(202)
                .body("generation", equalTo((int) generation + 1));
        Fixture.awaitAtLeast(before);
        analyst().get("/api/read-model").then().statusCode(200).body("rebuildRequestedBy", equalTo("operator@rusmonitor.test"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getBoolean("rebuilding")) {
            assertTrue(Instant.now().isBefore(deadline), "the rebuild finished reading the topic");
            Fixture.sleep(200);
        }
        assertEquals(0, DATABASE.count("select count(*) from read_model_replay"));
        assertEquals(0, DATABASE.count("select count(*) from indicator_value where indicator_id = 'not.on_the_topic'"),
                "the read model was emptied before the topic was read again");
        assertEquals(before, DATABASE.count("select count(*) from indicator_value"), "every value on the topic is back, once");
        // A correction applied before the rebuild is still the newest after it.
        assertEquals(12.0, value(2016));
        assertEquals(2, DATABASE.count("select revision from indicator_value where indicator_id = '" + WAITING + "' and level = 'country' and year = 2016"));
    }

    /**
     * While a rebuild has partitions left to read again, the read model is incomplete: it says so, and a
     * report is neither published nor drafted from it (a published version is frozen for good).
     */
    @Test
    void nothingIsPublishedWhileARebuildHasNotFinishedReadingTheTopic() {
        DATABASE.execute("insert into read_model_replay (topic_partition, until_offset) values (0, 1000000000)");
        try {
            analyst().get("/api/read-model").then().statusCode(200).body("rebuilding", equalTo(true));
            analyst().post(ReportApi.national(2024) + "/versions").then().statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("read-model-rebuilding"));
            // Nor a draft: it would mix values not yet read again with older ones.
            analyst().get(ReportApi.national(2024) + ".html").then().statusCode(409).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("read-model-rebuilding"));
        } finally {
            DATABASE.execute("delete from read_model_replay");
        }
        analyst().get("/api/read-model").then().statusCode(200).body("rebuilding", equalTo(false));
        analyst().get(ReportApi.national(2024) + ".html").then().statusCode(200);
    }

    /**
     * A batch that reaches past a partition's recorded end without having been read from the topic's beginning
     * (one fetched before the replica's seek took effect, here a new event arriving during a rebuild) does not
     * mark the partition read again: the read model would say it is complete while most of it is missing.
     */
    @Test
    void aBatchThatWasNotReadFromTheBeginningDoesNotFinishAReplay() {
        Map<Integer, Long> ends = endOffsets();
        ends.forEach((partition, end) -> DATABASE.execute("insert into read_model_replay (topic_partition, until_offset) values ("
                + partition + ", " + end + ")"));
        try {
            Fixture.sleep(2_500); // the service's rebuild check (1 s here) has seen the rows
            IndicatorEvents.send(List.of(country(WAITING, 2023).value(23.5, 2350, 100)));
            awaitValue(2023, 23.5);
            Fixture.sleep(1_000); // the batch's replay check follows its store
            assertEquals(ends.size(), DATABASE.count("select count(*) from read_model_replay"), "no partition's replay is done");
            analyst().get("/api/read-model").then().statusCode(200).body("rebuilding", equalTo(true));
        } finally {
            DATABASE.execute("delete from read_model_replay");
        }
    }

    /**
     * A batch stored before a rebuild emptied the read model proves nothing about the replay, even one that began at
     * the topic's first offset and reached the recorded end: its values went with the rest. Only a batch stored
     * under the rebuild's own generation finishes a partition. (A partition no replica reads, so that only this
     * test's batches can finish it.)
     */
    @Test
    void aBatchStoredBeforeTheRebuildEmptiedTheReadModelDoesNotFinishIt() {
        long generation = DATABASE.count("select generation from read_model_state where id = 1");
        DATABASE.execute("insert into read_model_replay (topic_partition, from_offset, until_offset) values (99, 0, 5)");
        try {
            Fixture.sleep(2_500); // the service's rebuild check (1 s here) has seen the row
            rebuild.replayed(generation - 1, Map.of(99, 0L), Map.of(99, 4L)).await().atMost(Duration.ofSeconds(10));
            assertEquals(1, DATABASE.count("select count(*) from read_model_replay where topic_partition = 99"), "the replay is not done");
            analyst().get("/api/read-model").then().statusCode(200).body("rebuilding", equalTo(true));

            rebuild.replayed(generation, Map.of(99, 0L), Map.of(99, 4L)).await().atMost(Duration.ofSeconds(10));
            assertEquals(0, DATABASE.count("select count(*) from read_model_replay where topic_partition = 99"), "now it is");
        } finally {
            DATABASE.execute("delete from read_model_replay");
        }
    }

    /**
     * A replica given a partition whose rebuild replay had not finished (after a restart, or here a rebalance:
     * another member joins the group and leaves) reads it from the beginning again, rather than going on from
     * the offset the group committed before the rebuild emptied the read model.
     */
    @Test
    void aPartitionGivenToAReplicaBeforeItsReplayFinishedIsReadAgainFromTheBeginning() {
        long before = DATABASE.count("select count(*) from indicator_value");
        Map<Integer, Long> ends = endOffsets();
        // As a rebuild left it when its replica stopped: most values gone, every partition still to read again.
        DATABASE.execute("delete from indicator_value where indicator_id <> (select min(indicator_id) from indicator_value)");
        ends.forEach((partition, end) -> DATABASE.execute("insert into read_model_replay (topic_partition, until_offset) values ("
                + partition + ", " + end + ")"));
        try {
            assertTrue(DATABASE.count("select count(*) from indicator_value") < before);
            joinAndLeaveTheGroup();
            Fixture.awaitAtLeast(before);
            Instant deadline = Instant.now().plusSeconds(60);
            while (DATABASE.count("select count(*) from read_model_replay") > 0) {
                assertTrue(Instant.now().isBefore(deadline), "every partition was read again up to its recorded end");
                Fixture.sleep(200);
            }
            analyst().get("/api/read-model").then().statusCode(200).body("rebuilding", equalTo(false));
        } finally {
            DATABASE.execute("delete from read_model_replay");
        }
    }

    /**
     * A read model found empty at an assignment (here a database restored without its values, behind the group's
     * offsets) is filled from the beginning of the topic, and the filling counts as a rebuild: the operator sees
     * one under way, nothing is published until every partition has been read to its end, and then every value
     * is back.
     */
    @Test
    void anEmptyReadModelIsFilledAsARebuild() {
        long before = DATABASE.count("select count(*) from indicator_value");
        long generation = analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getLong("generation");
        DATABASE.execute("truncate indicator_value");
        joinAndLeaveTheGroup();
        awaitFilledAsARebuild(generation, before);
    }

    /**
     * The same when the database cannot say what the read model holds as the partitions are assigned (here a table
     * of it is away for a few seconds, as under a failover): the assignment waits for it, rather than going on
     * from the group's offsets with the read model empty.
     */
    @Test
    void anEmptyReadModelIsFilledAsARebuildWhenTheDatabaseWasAwayAtTheAssignment() {
        long before = DATABASE.count("select count(*) from indicator_value");
        long generation = analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getLong("generation");
        DATABASE.execute("truncate indicator_value");
        DATABASE.execute("alter table read_model_replay rename to read_model_replay_away");
        try {
            joinAndLeaveTheGroup();
            Fixture.sleep(3_000);
        } finally {
            DATABASE.execute("alter table read_model_replay_away rename to read_model_replay");
        }
        awaitFilledAsARebuild(generation, before);
    }

    private static void awaitFilledAsARebuild(long generation, long before) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getLong("generation") == generation) {
            assertTrue(Instant.now().isBefore(deadline), "the filling was recorded as a rebuild");
            Fixture.sleep(200);
        }
        analyst().get("/api/read-model").then().statusCode(200).body("generation", equalTo((int) generation + 1))
                .body("rebuildRequestedBy", equalTo("report-service: the read model was empty"));
        Fixture.awaitAtLeast(before);
        while (analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getBoolean("rebuilding")) {
            assertTrue(Instant.now().isBefore(deadline), "the filling read every partition to its end");
            Fixture.sleep(200);
        }
        assertEquals(before, DATABASE.count("select count(*) from indicator_value"), "every value on the topic is back, once");
        analyst().get(ReportApi.national(2024) + ".html").then().statusCode(200);
    }

    /** Each partition of the indicator topic that holds records, and the offset after its last one. */
    private static Map<Integer, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(RealInfrastructure.INDICATORS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((p, end) -> {
                if (end > 0) {
                    ends.put(p.partition(), end);
                }
            });
            assertTrue(!ends.isEmpty(), "the fixture is on the topic");
            return ends;
        }
    }

    /** A second member of report-service's group takes some partitions, commits nothing and leaves, so the service is given them back. */
    private static void joinAndLeaveTheGroup() {
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "report-service", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer())) {
            member.subscribe(List.of(RealInfrastructure.INDICATORS));
            Instant deadline = Instant.now().plusSeconds(60);
            while (member.assignment().isEmpty()) {
                assertTrue(Instant.now().isBefore(deadline), "the second member was given partitions");
                member.poll(Duration.ofMillis(200));
            }
        }
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static double value(int year) {
        return Double.parseDouble(String.valueOf(DATABASE.count("select (value * 10)::bigint from indicator_value where indicator_id = '"
                + WAITING + "' and level = 'country' and year = " + year))) / 10;
    }

    private static void awaitValue(int year, double expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (DATABASE.count("select count(*) from indicator_value where indicator_id = '" + WAITING + "' and year = " + year) > 0
                    && value(year) == expected) {
                return;
            }
            Fixture.sleep(100);
        }
        throw new AssertionError(WAITING + " " + year + " never became " + expected);
    }
}
