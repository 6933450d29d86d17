package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.TopicReader;

/** A record the service cannot read goes to the dead-letter topic with its reason, and the next one is taken in. */
@QuarkusTest
class DeadLetterIT {

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndConsumptionGoesOn() {
        String code = "3201"; // Bærum
        try (TopicReader dlq = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.DLQ_TOPIC);
                Submissions submissions = new Submissions()) {
            submissions.send(code, "{ this is not json");
            submissions.send("9999", Submissions.event("22222222-2222-4222-8222-222222222222", "9999", 2024, 1, Submissions.answers()));
            submissions.send("0219", Submissions.event("33333333-3333-4333-8333-333333333333", "0219", 2024, 1, Submissions.answers()));
            // Beyond a double: written 1E+400, read as infinity.
            Map<String, Object> huge = Submissions.with(Submissions.answers(), "users_total", new BigDecimal("1e400"));
            submissions.send("0301", Submissions.event("44444444-4444-4444-8444-444444444444", "0301", 2024, 1, huge));
            submissions.submit(code, 2024, 1, Submissions.answers());

            // The consumer hands records to the engine without waiting for each, so the four can reach the
            // dead-letter topic in any order: find each by its key.
            Map<String, ConsumerRecord<String, String>> dead = dlq.await(r -> true, 4).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, r -> r));
            ConsumerRecord<String, String> notJson = dead.get(code);
            assertEquals("{ this is not json", notJson.value(), "the record is kept as it came");
            assertTrue(header(notJson, "dead-letter-reason").contains("not JSON"), header(notJson, "dead-letter-reason"));
            assertEquals(RealInfrastructure.SUBMISSIONS_TOPIC, header(notJson, "dead-letter-topic"));
            assertTrue(header(dead.get("9999"), "dead-letter-reason").contains("9999"), header(dead.get("9999"), "dead-letter-reason"));
            assertTrue(header(dead.get("0219"), "dead-letter-reason").contains("did not exist in 2024"),
                    "Bærum's old code 0219 ended in 2020: " + header(dead.get("0219"), "dead-letter-reason"));
            assertTrue(header(dead.get("0301"), "dead-letter-reason").contains("users_total"), header(dead.get("0301"), "dead-letter-reason"));

            IndicatorApi.awaitAnswers(code, 2024, 1);
            assertEquals(0, DATABASE.count("select count(*) from answer_set where municipality_code in ('9999', '0219')"));
            assertEquals(0, DATABASE.count("select count(*) from answer_set where event_id = '44444444-4444-4444-8444-444444444444'"));
        }
    }

    /**
     * A good submission that fails because of the service itself (here its table gone, as under an instance of
     * the version before a migration) is not the event's fault: it waits, however long, and is applied once the
     * service is put right, never sent to the dead-letter topic, from which nothing would bring it back.
     */
    @Test
    void aSubmissionTheServiceCannotStoreForItsOwnFaultWaitsAndIsNeverDeadLettered() {
        String code = "3301"; // Drammen
        try (TopicReader dlq = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.DLQ_TOPIC);
                Submissions submissions = new Submissions()) {
            DATABASE.execute("alter table answer_set rename to answer_set_away");
            try {
                submissions.submit(code, 2024, 1, Submissions.answers());
                // Four tries over about three seconds once sent it to the dead-letter topic.
                assertTrue(dlq.collect(r -> code.equals(r.key()), Duration.ofSeconds(8)).isEmpty(), "nothing dead-lettered");
            } finally {
                DATABASE.execute("alter table answer_set_away rename to answer_set");
            }
            IndicatorApi.awaitAnswers(code, 2024, 1);
        }
    }

    /**
     * The dead-letter topic is on Kafka too. While Kafka will not take a poison record there (here the topic is
     * gone), the record waits and is sent again, as a good one waits out the database, and the submissions
     * behind it in its partition are applied once it has gone. With the connector's own dead-letter sender, a
     * send it gave up on failed the channel, and the service took in nothing more until it was restarted.
     */
    @Test
    void aPoisonRecordWaitsWhileTheDeadLetterTopicCannotBeWrittenAndConsumptionGoesOnAfter() throws Exception {
        String code = "4612"; // Sunnfjord
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka()));
                Submissions submissions = new Submissions()) {
            double failedBefore = failedDeadLetterSends();
            // The test broker creates no topic on its own: a send to one deleted waits for it, then fails.
            admin.deleteTopics(List.of(RealInfrastructure.DLQ_TOPIC)).all().get();
            try {
                submissions.send(code, "{ sent while the topic is gone");
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (failedDeadLetterSends() < failedBefore + 2) {
                    assertTrue(Instant.now().isBefore(deadline), "the dead letter's sends failed and were tried again");
                    IndicatorApi.sleep(250);
                }
                // Keyed like the poison record, so in its partition, behind it.
                submissions.submit(code, 2023, 1, Submissions.answers());
            } finally {
                admin.createTopics(List.of(new NewTopic(RealInfrastructure.DLQ_TOPIC, 1, (short) 1))).all().get();
            }
            try (TopicReader dlq = TopicReader.fromBeginning(RealInfrastructure.kafka(), RealInfrastructure.DLQ_TOPIC)) {
                ConsumerRecord<String, String> dead = dlq.await(r -> code.equals(r.key()), 1).get(0);
                assertEquals("{ sent while the topic is gone", dead.value());
                assertEquals("indicator-service", header(dead, "dead-letter-consumer"));
            }
            IndicatorApi.awaitAnswers(code, 2023, 1);
        }
    }

    /**
     * A poison record Kafka will never take on the dead-letter topic, not even with its headers alone (here the topic
     * takes nothing that large), is passed over, counted and logged with its place: failing, it would stop the
     * consumer on the same record after every restart.
     */
    @Test
    void aPoisonRecordTheDeadLetterTopicRefusesForGoodIsPassedOver() throws Exception {
        String code = "4613"; // Bjørnafjorden
        ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, RealInfrastructure.DLQ_TOPIC);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka()));
                Submissions submissions = new Submissions()) {
            double refusedBefore = metric("rusmonitor_dead_letter_refused_total");
            admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"),
                    AlterConfigOp.OpType.SET)))).all().get();
            try {
                // The broker applies a topic's settings a moment after it answers.
                Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
                while (!"64".equals(admin.describeConfigs(List.of(dlq)).all().get().get(dlq).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())) {
                    assertTrue(Instant.now().isBefore(deadline), "the topic takes the setting");
                    IndicatorApi.sleep(100);
                }
                submissions.send(code, "{ too large for the dead-letter topic, even without this text");
                submissions.submit(code, 2023, 1, Submissions.answers()); // behind it in its partition
                IndicatorApi.awaitAnswers(code, 2023, 1);
                assertEquals(refusedBefore + 1, metric("rusmonitor_dead_letter_refused_total"));
            } finally {
                admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                        AlterConfigOp.OpType.DELETE)))).all().get();
            }
        }
    }

    /** A record that is not UTF-8 is refused as such, and its dead letter holds the very bytes it came with. */
    @Test
    void aRecordNotInUtf8IsDeadLetteredByteForByte() throws Exception {
        byte[] value = { '{', '"', (byte) 0xC3, 0x28, '"', '}' };
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(RealInfrastructure.SUBMISSIONS_TOPIC, "not-utf-8", value)).get(30, TimeUnit.SECONDS);
        }
        ConsumerRecord<String, byte[]> dead = deadLetterAsStored("not-utf-8");
        assertArrayEquals(value, dead.value());
        assertEquals("not valid UTF-8", header(dead, "dead-letter-reason"));
    }

    /** The dead letter with {@code key}, its value as the topic holds it (TopicReader decodes values as text). */
    private static ConsumerRecord<String, byte[]> deadLetterAsStored(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(RealInfrastructure.DLQ_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key + " within 30 s");
    }

    private static double failedDeadLetterSends() {
        return metric("rusmonitor_dead_letter_send_failures_total");
    }

    private static double metric(String name) {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String header(ConsumerRecord<String, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
