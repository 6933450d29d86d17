package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TopicReader;

/**
 * Every stored definition version reaches rusmonitor.indicator-definitions.v1 as the contract says
 * (docs/events/indicator-definition-published-v1.schema.json): the seeded ones, and each one an operator
 * publishes. Delivery is at least once, but with nothing failing each version is on the topic exactly once:
 * the relay does not send again what Kafka acknowledged. One Kafka refuses for good is parked apart from the
 * change log's.
 */
@QuarkusTest
class DefinitionEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEEDED = "goal3.waiting_days";
    private static final String PUBLISHED = "goal3.definition_event_probe";
    private static final String REFUSED = "goal3.definition_event_refused";
    private static final String CODE = "0301"; // Oslo
    private static final int YEAR = 2016;
    /** The data's fields, all of them: who published a version is not among them. */
    private static final Set<String> DATA_FIELDS = Set.of("indicatorId", "version", "name", "description", "goal", "unit", "decimals",
            "publishedAt");

    @Test
    void theSeededVersionsArriveAsTheContractSays() {
        awaitRelayed();
        int version = (int) DATABASE.count("select max(version) from indicator_definition where indicator_id = '" + SEEDED + "'");
        ConsumerRecord<String, String> record = onceEach().get(SEEDED + "/" + version);
        JsonNode event = read(record.value());

        assertEquals(SEEDED, record.key());
        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals(UUID.nameUUIDFromBytes(("indicator-definition:" + SEEDED + "/" + version).getBytes(StandardCharsets.UTF_8)).toString(),
                event.path("id").asText(), "the id is fixed by indicator and version");
        assertEquals("urn:rusmonitor:indicator-service", event.path("source").asText());
        assertEquals("no.rusmonitor.indicator.definition-published.v1", event.path("type").asText());
        assertEquals("indicators/" + SEEDED + "/versions/" + version, event.path("subject").asText());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertEquals("https://rusmonitor.no/schemas/events/indicator-definition-published-v1.json", event.path("dataschema").asText());

        JsonNode data = event.path("data");
        JsonNode stored = read(DATABASE.text("select content::text from indicator_definition where indicator_id = '" + SEEDED
                + "' and version = " + version));
        Instant publishedAt = Instant.parse(DATABASE.text("select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                + "from indicator_definition where indicator_id = '" + SEEDED + "' and version = " + version));
        assertEquals(SEEDED, data.path("indicatorId").asText());
        assertEquals(version, data.path("version").asInt());
        assertEquals(stored.path("name"), data.path("name"));
        assertEquals(stored.path("goal").asText(), data.path("goal").asText());
        assertEquals(stored.path("unit").asText(), data.path("unit").asText());
        assertEquals(stored.path("decimals").asInt(), data.path("decimals").asInt());
        assertEquals(publishedAt, Instant.parse(data.path("publishedAt").asText()));
        assertEquals(publishedAt, Instant.parse(event.path("time").asText()), "the event's time is the version's");
        assertContractFieldsOnly(data);
    }

    @Test
    void aVersionAnOperatorPublishesArrivesOnceAndNothingIsSentTwice() {
        // Answers to compute with, so that a version and the values it changes leave in one batch of the relay.
        try (Submissions submissions = new Submissions()) {
            submissions.submit(CODE, YEAR, 1, Submissions.answers());
        }
        IndicatorApi.awaitAnswers(CODE, YEAR, 1);
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.DEFINITIONS_TOPIC)) {
            JsonPath first = publish(definition("\"decimals\": 0, \"unit\": \"percent\""));
            JsonNode data = read(topic.await(r -> PUBLISHED.equals(r.key()), 1).get(0).value()).path("data");
            assertEquals(first.getInt("definition.version"), data.path("version").asInt());
            assertEquals("Prøve", data.path("name").path("nb").asText());
            assertEquals("Probe", data.path("name").path("en").asText());
            assertEquals("percent", data.path("unit").asText());
            assertEquals(0, data.path("decimals").asInt());
            assertEquals("3", data.path("goal").asText());
            assertTrue(data.path("description").isMissingNode(), "a definition without a description has none in its event");
            assertEquals(Instant.parse(first.getString("definition.publishedAt")), Instant.parse(data.path("publishedAt").asText()));
            assertContractFieldsOnly(data);
            assertEquals(1, IndicatorApi.value(IndicatorApi.analyst(), PUBLISHED, "municipality", CODE, YEAR, "as_reported")
                    .getInt("definitionVersion"), "the version was computed with");

            JsonPath second = publish(definition("\"decimals\": 2, \"unit\": \"per_10k\", "
                    + "\"description\": {\"nb\": \"Bare for testen\", \"en\": \"Only for the test\"}"));
            data = read(topic.await(r -> PUBLISHED.equals(r.key()), 1).get(0).value()).path("data");
            assertEquals(first.getInt("definition.version") + 1, second.getInt("definition.version"));
            assertEquals(second.getInt("definition.version"), data.path("version").asInt());
            assertEquals("per_10k", data.path("unit").asText());
            assertEquals(2, data.path("decimals").asInt());
            assertEquals("Only for the test", data.path("description").path("en").asText());
        }
        awaitRelayed();
        onceEach(); // the first version, acknowledged before the second was published, was not sent again with it
    }

    @Test
    void aDefinitionEventKafkaRefusesForGoodIsParkedApartAndTheRelayMovesPastIt() {
        awaitRelayed();
        // A version whose event is larger than any record the producer may send (1 MB), stored as the engine would
        // (an operator's could not have such a name).
        DATABASE.execute("insert into indicator_definition (indicator_id, version, content, published_at, published_by) values ('" + REFUSED
                + "', 1, jsonb_build_object('name', jsonb_build_object('nb', (select string_agg(md5(random()::text), '') "
                + "from generate_series(1, 100000)), 'en', 'Refused'), 'goal', '3', 'unit', 'percent', "
                + "'numerator', 'users_with_crisis_plan', 'denominator', 'users_with_individual_plan', 'factor', 100, "
                + "'aggregation', 'sum_over_reporting', 'personCounts', jsonb_build_array('numerator', 'denominator')), now(), 'test')");
        long refused = DATABASE.count("select seq from indicator_definition where indicator_id = '" + REFUSED + "'");
        try {
            awaitRelayed();
            String reason = DATABASE.text("select reason from definition_relay_parked where seq = " + refused);
            assertTrue(reason != null && reason.startsWith("RecordTooLargeException"), "the event was parked: " + reason);
            assertEquals(REFUSED, DATABASE.text("select event_key from definition_relay_parked where seq = " + refused));
            assertEquals(0, DATABASE.count("select count(*) from relay_parked where event_key = '" + REFUSED + "'"),
                    "not among the change log's, whose numbers are others");
            IndicatorApi.awaitWellness(503);
        } finally {
            DATABASE.execute("delete from definition_relay_parked where seq = " + refused); // an operator has dealt with it
            DATABASE.execute("delete from indicator_definition where seq = " + refused);
        }
        IndicatorApi.awaitWellness(200);
    }

    private static JsonPath publish(String definition) {
        return IndicatorApi.json(IndicatorApi.operator().contentType(ContentType.JSON).body(definition)
                .post("/api/indicators/{id}/versions", PUBLISHED).then().statusCode(201).extract().asString());
    }

    private static String definition(String fields) {
        return """
                {"name": {"nb": "Prøve", "en": "Probe"}, "goal": "3", %s,
                 "numerator": "users_with_crisis_plan", "denominator": "users_with_individual_plan", "factor": 100,
                 "aggregation": "sum_over_reporting", "personCounts": ["numerator", "denominator"]}
                """.formatted(fields);
    }

    private static void assertContractFieldsOnly(JsonNode data) {
        List<String> fields = new ArrayList<>();
        data.fieldNames().forEachRemaining(fields::add);
        assertTrue(DATA_FIELDS.containsAll(fields), "the data holds the contract's fields only: " + fields);
        assertFalse(fields.contains("publishedBy"));
        assertNull(data.get("numerator"), "formulas are not part of the event");
    }

    /**
     * The topic from its beginning, by "id/version", after checking that every stored version is there exactly once
     * and nothing else is.
     */
    private static Map<String, ConsumerRecord<String, String>> onceEach() {
        Map<String, List<ConsumerRecord<String, String>>> sent = new TreeMap<>();
        try (TopicReader topic = TopicReader.fromBeginning(RealInfrastructure.kafka(), RealInfrastructure.DEFINITIONS_TOPIC)) {
            for (ConsumerRecord<String, String> record : topic.readToEnd(r -> true)) {
                JsonNode data = read(record.value()).path("data");
                sent.computeIfAbsent(data.path("indicatorId").asText() + "/" + data.path("version").asInt(), v -> new ArrayList<>()).add(record);
            }
        }
        assertEquals(new TreeSet<>(DATABASE.rows("select indicator_id || '/' || version from indicator_definition")), sent.keySet(),
                "every stored version is on the topic");
        Map<String, ConsumerRecord<String, String>> once = new TreeMap<>();
        sent.forEach((version, records) -> {
            assertEquals(1, records.size(), version + " is on the topic once");
            once.put(version, records.get(0));
        });
        return once;
    }

    /** Waits for the seeded definitions, then until the relay has sent every stored version and every change. */
    private static void awaitRelayed() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long stored = DATABASE.count("select coalesce(max(seq), -1) from indicator_definition");
            if (stored > 0 && DATABASE.count("select seq from definition_relay_position") >= stored
                    && DATABASE.count("select seq from relay_position") >= DATABASE.count("select coalesce(max(seq), 0) from value_change")) {
                return;
            }
            IndicatorApi.sleep(100);
        }
        throw new AssertionError("the relay did not send every stored definition and change within 30 s");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
