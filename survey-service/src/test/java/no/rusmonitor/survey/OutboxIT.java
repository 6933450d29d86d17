package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.testsupport.TestTokens;
import no.rusmonitor.testsupport.TopicReader;
import no.rusmonitor.testsupport.KafkaBroker;
import no.rusmonitor.testsupport.KafkaTestResource;

/**
 * Nothing lost: with the broker stopped, submissions are still accepted and the service stays ready (in
 * service); their events go out, in order per municipality, once the broker is back. An event Kafka will
 * never take is parked, and does not hold back the municipality's later events.
 */
@QuarkusTest
class OutboxIT {

    private static final int YEAR = 2024;
    private static final String CODE = "1130"; // Strand
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void open() {
        SurveyApi.openNow(YEAR);
    }

    /** Waits until the outbox relay's wellness check answers {@code status}. */
    private static void awaitRelay(int status, String why) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (io.restassured.RestAssured.given().get("/q/health/well").statusCode() != status) {
            assertTrue(Instant.now().isBefore(deadline), why);
            Thread.sleep(500);
        }
    }

    @Test
    void submissionsAcceptedWhileKafkaIsDownArriveAfterItIsBack() throws Exception {
        KafkaBroker broker = KafkaTestResource.broker();
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            broker.stop();
            try {
                Instant started = Instant.now();
                String etag = SurveyApi.submit(CODE, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201)
                        .extract().header("ETag");
                SurveyApi.submit(CODE, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 199), etag).then()
                        .statusCode(201).body("version", equalTo(2));
                assertTrue(Duration.between(started, Instant.now()).toSeconds() < 10, "accepting must not wait for Kafka");

                // Operators see that events wait (wellness), but the instance stays ready: Kubernetes keeps
                // sending it submissions, which is what the outbox is for.
                awaitRelay(503, "the outbox relay's wellness check did not report the broker away");
                io.restassured.RestAssured.given().get("/q/health/well").then().body("checks[0].name", equalTo("Outbox relay"));
                io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
                assertEquals(2, DATABASE.count("select count(*) from outbox_event where event_key = '" + CODE + "' and published_at is null"),
                        "both events wait in the outbox");
            } finally {
                broker.start();
            }

            List<ConsumerRecord<String, String>> records = topic.await(r -> CODE.equals(r.key()), 2, Duration.ofSeconds(90));
            assertEquals(1, JSON.readTree(records.get(0).value()).at("/data/submissionVersion").asInt());
            assertEquals(2, JSON.readTree(records.get(1).value()).at("/data/submissionVersion").asInt());
            assertEquals(records.get(0).partition(), records.get(1).partition(), "one municipality, one partition");
            // The relay deletes each row once Kafka acknowledged it (PublishedEvents waits for an empty outbox),
            // and each version was published once.
            assertEquals(2, PublishedEvents.countFor(CODE, YEAR));
            awaitRelay(200, "the outbox relay's wellness check did not recover after the broker came back");
        }
    }

    /**
     * Of two instances, the one holding the relay lock sends. One that saw Kafka away while it relayed, and then no
     * longer holds the lock, has no run of its own left to be unwell about: it does not stay down for good while the
     * other sends (the lock is held by the test here, as another instance would).
     */
    @Test
    void anInstanceThatNoLongerRelaysIsNotShownUnwellForWhatItSawBefore() throws Exception {
        String code = "1144"; // Kvitsøy
        KafkaBroker broker = KafkaTestResource.broker();
        broker.stop();
        try (Connection otherInstance = DATABASE.connect()) {
            try {
                SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201);
                awaitRelay(503, "the outbox relay's wellness check did not report the broker away");
                try (var lock = otherInstance.createStatement()) {
                    lock.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
                }
            } finally {
                broker.start();
            }
            awaitRelay(200, "the wellness check stayed down while another instance held the relay");
            assertEquals(1, DATABASE.count("select count(*) from outbox_event where event_key = '" + code + "' and published_at is null"),
                    "the other instance has not sent it yet");
        }
        // The lock went with the other instance's connection: this one sends again.
        assertEquals(1, PublishedEvents.countFor(code, YEAR));
    }

    /**
     * A relay run that fails in the database, not at Kafka (here the outbox table is not where this build expects it,
     * as under a migration gone wrong), is shown as the relay unwell too, until a run succeeds again.
     */
    @Test
    void aRelayThatCannotReadTheOutboxIsShownUnwell() throws Exception {
        awaitRelay(200, "the outbox relay was unwell before the test");
        DATABASE.execute("alter table outbox_event rename to outbox_event_away");
        try {
            awaitRelay(503, "the outbox relay's wellness check did not report that its runs fail");
            io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
        } finally {
            DATABASE.execute("alter table outbox_event_away rename to outbox_event");
        }
        awaitRelay(200, "the outbox relay's wellness check stayed down once its runs succeeded");
    }

    @Test
    void anEventKafkaRefusesForGoodIsParkedAndTheMunicipalitysLaterEventsStillLeave() throws Exception {
        String code = "1135"; // Sauda
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            // An event larger than any record the producer may send (1 MB), waiting ahead of a real submission.
            DATABASE.execute("insert into outbox_event (event_id, topic, event_key, payload, created_at) values (gen_random_uuid(), '"
                    + RealInfrastructure.SUBMISSIONS_TOPIC + "', '" + code + "', repeat('x', 2000000), now())");
            SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201);

            List<ConsumerRecord<String, String>> records = topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(60));
            assertEquals(1, JSON.readTree(records.get(0).value()).at("/data/submissionVersion").asInt(), "the submission left");
            // The relay records what left in the transaction it read the batch in, which commits after Kafka's
            // acknowledgement: a reader of the topic can be there first.
            Instant deadline = Instant.now().plusSeconds(10);
            while (DATABASE.count("select count(*) from outbox_event where event_key = '" + code + "' and published_at is null") > 0) {
                assertTrue(Instant.now().isBefore(deadline), "the outbox still holds events of " + code);
                Thread.sleep(100);
            }
            assertEquals(1, DATABASE.count("select count(*) from outbox_parked where event_key = '" + code + "' and length(payload) = 2000000"),
                    "the refused event is kept, whole");
            String reason = DATABASE.text("select reason from outbox_parked where event_key = '" + code + "'");
            assertTrue(reason.startsWith("RecordTooLargeException"), reason);

            awaitRelay(503, "the outbox relay's wellness check did not report the parked event");
            io.restassured.RestAssured.given().get("/q/health/well").then().body("checks[0].data.parked", equalTo(1));
            DATABASE.execute("delete from outbox_parked where event_key = '" + code + "'"); // an operator has dealt with it
            awaitRelay(200, "the outbox relay's wellness check stayed down once nothing was parked");
        }
    }

    /**
     * Kafka's trouble can be one partition's (its leader away, too few replicas): the events of other keys still
     * leave. Here an event waits whose topic does not exist, so Kafka takes it neither now nor later; it stands
     * for events of a partition that cannot be written for a while.
     */
    @Test
    void anEventKafkaCannotTakeForNowHoldsBackOnlyItsOwnKey() throws Exception {
        String code = "3403"; // Hamar
        awaitRelay(200, "the outbox relay was unwell before the test");
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            DATABASE.execute("insert into outbox_event (event_id, topic, event_key, payload, created_at) values (gen_random_uuid(), "
                    + "'rusmonitor.not-created.v1', 'a-key-of-its-own', '{}', now())");
            try {
                awaitRelay(503, "the outbox relay's wellness check did not report the event Kafka did not take");
                SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201);
                List<ConsumerRecord<String, String>> records = topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(60));
                assertEquals(1, JSON.readTree(records.get(0).value()).at("/data/submissionVersion").asInt(), "the submission left");
                assertEquals(1, DATABASE.count("select count(*) from outbox_event where event_key = 'a-key-of-its-own' and published_at is null"),
                        "the event Kafka cannot take waits");
            } finally {
                DATABASE.execute("delete from outbox_event where event_key = 'a-key-of-its-own'");
            }
        }
        awaitRelay(200, "the outbox relay's wellness check stayed down once nothing it could not send waited");
    }

    /**
     * An event a consumer dead-lettered (for a reason fixed since) or lost with a restored database is sent
     * again by an operator: the newest version, as it was accepted, through the outbox; nothing else changes.
     */
    @Test
    void anOperatorSendsASubmissionsNewestVersionAgain() throws Exception {
        String code = "1145"; // Bokn
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            String etag = SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201).extract().header("ETag");
            SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 150), etag).then().statusCode(201);
            List<ConsumerRecord<String, String>> accepted = topic.await(r -> code.equals(r.key()), 2, Duration.ofSeconds(60));
            long versions = DATABASE.count("select count(*) from submission_version where municipality_code = '" + code + "'");

            SurveyApi.as(TestTokens.operator()).post(SurveyApi.submissionPath(YEAR, code) + "/republication").then().statusCode(202)
                    .body("municipalityCode", equalTo(code)).body("submissionVersion", equalTo(2))
                    .body("requestedBy", equalTo("operator@rusmonitor.test"));

            com.fasterxml.jackson.databind.JsonNode again = JSON.readTree(topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(60)).get(0).value());
            com.fasterxml.jackson.databind.node.ObjectNode original = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(accepted.get(1).value());
            // The time as stored: PostgreSQL keeps microseconds.
            assertEquals(Instant.parse(original.at("/data/submittedAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    Instant.parse(again.at("/data/submittedAt").asText()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) original.get("data")).set("submittedAt", again.at("/data/submittedAt"));
            assertEquals(original.get("data"), again.get("data"), "the newest version, as it was accepted");
            assertTrue(!original.get("id").equals(again.get("id")), "a new event: a new sending of the same version");
            assertEquals(versions, DATABASE.count("select count(*) from submission_version where municipality_code = '" + code + "'"),
                    "no new version");
        }
        SurveyApi.asMunicipality(code).post(SurveyApi.submissionPath(YEAR, code) + "/republication").then().statusCode(403);
        SurveyApi.as(TestTokens.operator()).post(SurveyApi.submissionPath(YEAR, "1146") + "/republication").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
