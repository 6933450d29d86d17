package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.IndicatorEvents.country;
import static no.rusmonitor.report.IndicatorEvents.municipality;
import static no.rusmonitor.report.RealInfrastructure.DATABASE;
import static no.rusmonitor.report.ReportApi.analyst;
import static no.rusmonitor.report.ReportApi.draft;
import static no.rusmonitor.report.ReportApi.national;
import static no.rusmonitor.report.ReportApi.profile;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TopicReader;

/**
 * Reports name an indicator, and round it, as the definition version its values name says, once that version
 * has arrived on rusmonitor.indicator-definitions.v1; until then as the catalogue says. Years no other test
 * reads (2027-2029); each test removes the versions it sent of indicators other reports show, and markers and
 * poison use ids no report shows. Publishing during a changeover is tried on Bodø's and Haugesund's profiles of
 * 2026, with indicators of their own whose definitions stay.
 */
@QuarkusTest
class IndicatorDefinitionsIT {

    /** In the catalogue: "Peer workers per 10,000 inhabitants", per_10k, two decimals. */
    private static final String PEER = "goal1.peer_workers_per_10k";
    private static final String CATALOGUE_EN = "Peer workers per 10,000 inhabitants";
    private static final String NEW_NB = "Erfaringskonsulenter i heltid per 100 000 innbyggere";
    private static final String NEW_EN = "Full-time peer workers per 100,000 inhabitants";
    private static final String PEER_GOAL = "goals.find { it.goal == '1' }.indicators.find { it.id == '" + PEER + "' }";

    /** In the catalogue with one decimal. */
    private static final String RESPONSE_RATE = "reporting.response_rate";

    /** Indicators, in no catalogue, that only the tests of a changeover send values of. */
    private static final String CHANGEOVER = "goal4.changeover_under_test";
    private static final String NOT_YET = "goal4.definition_under_test";

    /** An indicator id no value has: its definitions are never shown. */
    private static final String UNSHOWN = "goal5.not_reported_anywhere";

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    /** The other tests' reports show the fixture's indicators as the catalogue has them. */
    @AfterEach
    void removeTheVersionsSent() {
        DATABASE.execute("delete from indicator_definition where indicator_id in ('" + PEER + "', '" + UNSHOWN + "', '" + RESPONSE_RATE + "')");
    }

    @Test
    void aNewVersionsNamesUnitAndDecimalsAreShownOnceItArrives() {
        IndicatorEvents.send(peerValues(2027, 2));
        awaitValues(2027);
        JsonPath before = draft(national(2027), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals(CATALOGUE_EN, before.getString(PEER_GOAL + ".name"), "before its definition arrives, the catalogue names it");
        assertEquals(3.14, before.getDouble(PEER_GOAL + ".value.value"));

        DefinitionEvents.send(List.of(DefinitionEvents.record(PEER, DefinitionEvents.json(PEER, 2, NEW_NB, NEW_EN, "per_100k", 1, "1"))));
        awaitDefinition(PEER, 2);

        JsonPath json = draft(national(2027), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals(NEW_EN, json.getString(PEER_GOAL + ".name"));
        assertEquals("per_100k", json.getString(PEER_GOAL + ".unit"));
        assertEquals("per 100,000 inhabitants", json.getString(PEER_GOAL + ".unitLabel"));
        assertEquals(1, json.getInt(PEER_GOAL + ".decimals"));
        assertEquals(3.1, json.getDouble(PEER_GOAL + ".value.value"), "rounded to the new version's one decimal");
        assertEquals("higher_is_better", json.getString(PEER_GOAL + ".polarity"), "polarity is still the catalogue's");
        String html = draft(national(2027), "html", "nb").then().statusCode(200).extract().asString();
        assertTrue(html.contains(NEW_NB), "the bokmål HTML names it as the new version does");
        assertEquals("3,1", Documents.htmlFigures(html).get(PEER + "|country|NO|2027|value"));

        JsonPath profileJson = draft(profile("0301", 2027), "json", "nb").then().statusCode(200).extract().jsonPath();
        assertEquals(NEW_NB, profileJson.getString(PEER_GOAL + ".name"));
        assertEquals(2.7, profileJson.getDouble(PEER_GOAL + ".value.value"));
        String profileHtml = draft(profile("0301", 2027), "html", "en").then().statusCode(200).extract().asString();
        assertTrue(profileHtml.contains(NEW_EN), "the English profile names it as the new version does");
        assertEquals("2.7", Documents.htmlFigures(profileHtml).get(PEER + "|municipality|0301|2027|value"));

        // A version never changes: the same version again, even with other names, changes nothing. A later
        // version of another indicator marks when the consumer has read past it.
        DefinitionEvents.send(List.of(
                DefinitionEvents.record(PEER, DefinitionEvents.json(PEER, 2, NEW_NB, NEW_EN, "per_100k", 1, "1")),
                DefinitionEvents.record(PEER, DefinitionEvents.json(PEER, 2, "Annet navn", "Another name", "percent", 3, "2")),
                DefinitionEvents.record(UNSHOWN, DefinitionEvents.json(UNSHOWN, 9, "Markør", "Marker", "per_100k", 1, "5"))));
        awaitDefinition(UNSHOWN, 9);
        assertEquals(1, DATABASE.count("select count(*) from indicator_definition where indicator_id = '" + PEER + "' and version = 2"));
        assertEquals(NEW_EN, DATABASE.text("select name_en from indicator_definition where indicator_id = '" + PEER + "' and version = 2"));
        assertEquals(NEW_EN, draft(national(2027), "json", "en").then().statusCode(200).extract().jsonPath().getString(PEER_GOAL + ".name"));
    }

    @Test
    void theResponseRatesHeadlineIsRoundedAsItsVersionSays() {
        IndicatorEvents.send(List.of(country(RESPONSE_RATE, 2029).value(172.0 / 357 * 100, 172, 357).reporting(172, 357)
                .extra("definitionVersion", 2)));
        DefinitionEvents.send(List.of(DefinitionEvents.record(RESPONSE_RATE,
                DefinitionEvents.json(RESPONSE_RATE, 2, "Svarprosent", "Response rate", "percent", 2, "reporting"))));
        awaitDefinition(RESPONSE_RATE, 2);
        await(() -> draft(national(2029), "json", "en").statusCode() == 200, "the values of 2029 arrived");

        assertEquals(48.18, draft(national(2029), "json", "en").then().statusCode(200).extract().jsonPath().getDouble("responseRate.rate.value"));
        String html = draft(national(2029), "html", "nb").then().statusCode(200).extract().asString();
        assertTrue(html.contains("data-f=\"" + RESPONSE_RATE + "|country|NO|2029|value\">48,18</span> %"),
                "the headline as its version rounds it, two decimals where the catalogue has one");
    }

    @Test
    void valuesOfAVersionThatHasNotArrivedAreShownAsTheCatalogueHasThem() {
        IndicatorEvents.send(peerValues(2028, 3));
        awaitValues(2028);
        JsonPath json = draft(national(2028), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals(CATALOGUE_EN, json.getString(PEER_GOAL + ".name"));
        assertEquals("per_10k", json.getString(PEER_GOAL + ".unit"));
        assertEquals(2, json.getInt(PEER_GOAL + ".decimals"));
        assertEquals(3.14, json.getDouble(PEER_GOAL + ".value.value"));
        assertEquals("Erfaringskonsulenter per 10 000 innbyggere",
                draft(profile("0301", 2028), "json", "nb").then().statusCode(200).extract().jsonPath().getString(PEER_GOAL + ".name"));
    }

    /**
     * indicator-service publishes every value of an indicator again under its new definition version; until all of a
     * report's have arrived, publishing would freeze old figures under the new labels for good. Bodø's values of
     * 2025 and 2026 are read by no other test.
     */
    @Test
    void aReportIsNotPublishedWhileSomeOfAnIndicatorsValuesNameAnOlderVersion() {
        String path = profile("1804", 2026);
        DefinitionEvents.send(List.of(
                DefinitionEvents.record(CHANGEOVER, DefinitionEvents.json(CHANGEOVER, 1, "Før", "Before", "percent", 1, "4")),
                DefinitionEvents.record(CHANGEOVER, DefinitionEvents.json(CHANGEOVER, 2, "Etter", "After", "percent", 1, "4"))));
        awaitDefinition(CHANGEOVER, 2);
        IndicatorEvents.send(values(CHANGEOVER, "1804", "Bodø", 2025, 1, 1));
        IndicatorEvents.send(values(CHANGEOVER, "1804", "Bodø", 2026, 1, 1));
        await(CHANGEOVER, "definition_version = 1", 4);
        // The new version's values of 2026 are here, 2025's not yet.
        IndicatorEvents.send(values(CHANGEOVER, "1804", "Bodø", 2026, 2, 2));
        await(CHANGEOVER, "definition_version = 2", 2);

        assertRefused("1804", "indicator-recomputing", CHANGEOVER + " is being recomputed under its definition version 2: 2 of the 4 values");

        IndicatorEvents.send(values(CHANGEOVER, "1804", "Bodø", 2025, 2, 2));
        await(CHANGEOVER, "definition_version = 2", 4);
        int version = analyst().post(path + "/versions").then().statusCode(201).extract().jsonPath().getInt("version");
        List<Integer> frozen = given().get(path + "/versions/" + version + "/sources").then().statusCode(200).extract().jsonPath()
                .getList("values.findAll { it.indicatorId == '" + CHANGEOVER + "' }.definitionVersion", Integer.class);
        assertEquals(List.of(2, 2, 2, 2), frozen, "every value of the indicator frozen under the new version");
    }

    /**
     * Values and definitions come on topics of their own, in no set order: values naming a version report-service
     * has not received would be frozen under the catalogue's labels, or the bare id, for good. Haugesund's values of
     * 2026 are read by no other test.
     */
    @Test
    void aReportIsNotPublishedBeforeTheDefinitionItsValuesNameHasArrived() {
        String path = profile("1106", 2026);
        IndicatorEvents.send(values(NOT_YET, "1106", "Haugesund", 2026, 2, 1));
        await(NOT_YET, "definition_version = 2", 2);

        assertRefused("1106", "definition-not-arrived", "The values of indicator " + NOT_YET + " name its definition version 2, which has not");

        DefinitionEvents.send(List.of(DefinitionEvents.record(NOT_YET,
                DefinitionEvents.json(NOT_YET, 2, "Boliger nå", "Homes now", "per_1k", 2, "4"))));
        awaitDefinition(NOT_YET, 2);
        int version = analyst().post(path + "/versions").then().statusCode(201).extract().jsonPath().getInt("version");
        assertTrue(given().queryParam("lang", "en").get(path + "/versions/" + version + ".html").then().statusCode(200).extract().asString()
                .contains("Homes now"), "frozen under the name its version gives");
    }

    /** Publishing the profile of {@code code} for 2026 is refused as {@code type}, with a Retry-After; nothing is stored and no event is written. */
    private static void assertRefused(String code, String type, String detail) {
        String path = profile(code, 2026);
        int before = given().get(path + "/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
        String events = "select count(*) from outbox_event where event_key = 'municipality/" + code + "/2026'";
        long reportEvents = DATABASE.count(events);
        analyst().post(path + "/versions").then().statusCode(409).contentType("application/problem+json").header("Retry-After", "2")
                .body("type", endsWith(type)).body("detail", containsString(detail));
        assertEquals(before, given().get(path + "/versions").then().statusCode(200).extract().jsonPath().getList("$").size(),
                "nothing was published");
        assertEquals(reportEvents, DATABASE.count(events), "no report-published event was written");
        draft(path, "json", "en").then().statusCode(200);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicByteForByteAndTheConsumerGoesOn() {
        String housing = UNSHOWN;
        String wrongType = DefinitionEvents.json(housing, 6, "nb", "en", "per_1k", 2, "4")
                .replace("definition-published.v1", "changed.v1");
        String noDecimals = DefinitionEvents.json(housing, 6, "nb", "en", "per_1k", 2, "4").replace("\"decimals\":2,", "");
        try (TopicReader dlq = RealInfrastructure.fromEnd(RealInfrastructure.DEFINITION_DEAD_LETTERS)) {
            DefinitionEvents.send(List.of(
                    DefinitionEvents.record(housing, "{not json"),
                    DefinitionEvents.record(housing, wrongType),
                    DefinitionEvents.record(housing, noDecimals),
                    DefinitionEvents.record(housing, DefinitionEvents.json(housing, 7, "Boliger", "Homes", "per_1k", 2, "4"))));
            List<ConsumerRecord<String, String>> letters = dlq.await(r -> housing.equals(r.key()), 3);
            assertEquals(List.of("{not json", wrongType, noDecimals), letters.stream().map(ConsumerRecord::value).toList(), "byte for byte, in order");
            assertTrue(reason(letters.get(0)).startsWith("not JSON"));
            assertTrue(reason(letters.get(1)).contains("unexpected event type"));
            assertTrue(reason(letters.get(2)).contains("decimals"));
            assertEquals(RealInfrastructure.DEFINITIONS, header(letters.get(0), "dead-letter-topic"));
        }
        awaitDefinition(housing, 7);
        assertEquals(0, DATABASE.count("select count(*) from indicator_definition where indicator_id = '" + housing + "' and version = 6"));
    }

    /** The country's value and Oslo's (as reported, and on today's borders, which are Oslo's) of {@code year}, computed with {@code version}. */
    private static List<IndicatorEvents.Value> peerValues(int year, int version) {
        return List.of(
                country(PEER, year).value(3.14159, 314159, 1000000).extra("definitionVersion", version).extra("unit", "per_10k"),
                municipality(PEER, "0301", "Oslo", "as_reported", year).value(2.71828, 271828, 1000000).extra("definitionVersion", version)
                        .extra("unit", "per_10k"),
                municipality(PEER, "0301", "Oslo", "2024", year).value(2.71828, 271828, 1000000).extra("definitionVersion", version)
                        .extra("unit", "per_10k"));
    }

    /** A municipality's value of {@code year}, as reported and on today's borders (the same for it), computed with {@code version}. */
    private static List<IndicatorEvents.Value> values(String indicator, String code, String name, int year, int version, int revision) {
        return List.of("as_reported", "2024").stream()
                .map(borders -> municipality(indicator, code, name, borders, year).value(version * 10.0, version * 10, 100)
                        .revision(revision).extra("definitionVersion", version))
                .toList();
    }

    private static void await(String indicator, String condition, int count) {
        await(() -> DATABASE.count("select count(*) from indicator_value where indicator_id = '" + indicator + "' and " + condition) == count,
                count + " values of " + indicator + " with " + condition);
    }

    private static String reason(ConsumerRecord<String, String> letter) {
        return header(letter, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** All three of {@link #peerValues}: their keys differ, so they may come on different partitions, in any order. */
    private static void awaitValues(int year) {
        await(() -> DATABASE.count("select count(*) from indicator_value where indicator_id = '" + PEER + "' and year = " + year) == 3,
                "the values of " + year + " arrived");
    }

    private static void awaitDefinition(String indicatorId, int version) {
        await(() -> DATABASE.count("select count(*) from indicator_definition where indicator_id = '" + indicatorId + "' and version = "
                + version) == 1, indicatorId + " version " + version + " stored");
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "waited 30 s for: " + what);
            Fixture.sleep(100);
        }
    }
}
