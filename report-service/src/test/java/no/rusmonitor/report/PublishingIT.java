package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.Fixture.PLAN;
import static no.rusmonitor.report.Fixture.PUBLISH_YEAR;
import static no.rusmonitor.report.IndicatorEvents.country;
import static no.rusmonitor.report.IndicatorEvents.municipality;
import static no.rusmonitor.report.RealInfrastructure.DATABASE;
import static no.rusmonitor.report.ReportApi.analyst;
import static no.rusmonitor.report.ReportApi.national;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import no.rusmonitor.testsupport.TopicReader;

/**
 * Publishing freezes a report: every format and language stays byte-identical after corrections arrive;
 * publishing again makes the next version; a diff names the numbers that changed; each version is
 * announced on rusmonitor.reports.v1.
 */
@QuarkusTest
class PublishingIT {

    private static final List<String> FORMATS = List.of("html", "pdf", "csv", "json");

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    @Test
    void aPublishedReportIsFrozenVersionedAndDiffable() {
        String path = national(PUBLISH_YEAR);
        int before = given().get(path + "/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
        try (TopicReader events = RealInfrastructure.fromEnd(RealInfrastructure.REPORTS)) {
            Response first = analyst().post(path + "/versions");
            first.then().statusCode(201).header("Location", path + "/versions/" + (before + 1))
                    .body("version", equalTo(before + 1)).body("reportId", equalTo("national/" + PUBLISH_YEAR));
            int v1 = first.jsonPath().getInt("version");

            Map<String, byte[]> frozen = new HashMap<>();
            for (String lang : List.of("nb", "en")) {
                for (String ext : FORMATS) {
                    frozen.put(ext + lang, given().queryParam("lang", lang).get(path + "/versions/" + v1 + "." + ext).then().statusCode(200)
                            .header("Cache-Control", startsWith("public")).extract().asByteArray());
                }
            }
            String html = new String(frozen.get("htmlen"), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(html.contains("Version " + v1 + ", published"), "the published version says what it is");
            assertEquals("15.0", Documents.htmlFigures(html).get(PLAN + "|country|NO|" + PUBLISH_YEAR + "|value"));

            // The event announces the version, with the digests of what was frozen.
            ConsumerRecord<String, String> event = events.await(r -> r.key().equals("national/" + PUBLISH_YEAR), 1).get(0);
            JsonPath e = JsonPath.from(event.value());
            assertEquals("no.rusmonitor.report.published.v1", e.getString("type"));
            assertEquals(v1, e.getInt("data.version"));
            assertEquals("analyst@fafo.test", e.getString("data.publishedBy"));
            assertEquals(path + "/versions/" + v1 + ".pdf", e.getString("data.links.pdf"));
            assertEquals(64, e.getString("data.contentSha256.'pdf/nb'").length());

            // A correction arrives: the draft follows it, the published version does not.
            IndicatorEvents.send(List.of(country(PLAN, PUBLISH_YEAR).value(15.4, 154, 1000).reporting(171, 356).revision(2 + v1)));
            awaitDraft(path, "15.4");
            for (String lang : List.of("nb", "en")) {
                for (String ext : FORMATS) {
                    assertArrayEquals(frozen.get(ext + lang), given().queryParam("lang", lang).get(path + "/versions/" + v1 + "." + ext)
                            .then().statusCode(200).extract().asByteArray(), "version " + v1 + " " + ext + " " + lang + " is byte-identical");
                }
            }

            // Publishing again is the next version, and the diff names the number that changed.
            analyst().post(path + "/versions").then().statusCode(201).body("version", equalTo(v1 + 1));
            given().queryParam("lang", "en").get(path + "/versions/latest.json").then().statusCode(200)
                    .header("Content-Location", path + "/versions/" + (v1 + 1) + ".json?lang=en")
                    .body("publication.version", equalTo(v1 + 1));
            // Both versions named: the diff can never change.
            JsonPath diff = given().queryParam("from", v1).queryParam("to", v1 + 1).queryParam("lang", "en").get(path + "/diff").then()
                    .statusCode(200).contentType(startsWith("application/json"))
                    .header("Cache-Control", "public, max-age=31536000, immutable").header("Vary", "Accept-Language")
                    .extract().jsonPath();
            assertEquals(Set.of("reportId", "from", "to", "lang", "changed", "changes"), diff.getMap("$").keySet());
            String changed = "changes.find { it.indicatorId == '" + PLAN + "' && it.areaLevel == 'country' && it.measure == 'value' && it.year == "
                    + PUBLISH_YEAR + " }";
            assertEquals(15.0, diff.getDouble(changed + ".from"));
            assertEquals(15.4, diff.getDouble(changed + ".to"));
            assertEquals("changed", diff.getString(changed + ".change"));
            assertEquals("Share of users with an individual plan", diff.getString(changed + ".indicator"));
            assertTrue(diff.getList("changes.measure").contains("reporting"), "the count of reporting municipalities changed too");
            assertEquals(diff.getInt("changed"), diff.getList("changes").size());
            // Without parameters: the newest against the one before, which the next publication changes.
            given().get(path + "/diff").then().statusCode(200).body("from", equalTo(v1)).body("to", equalTo(v1 + 1))
                    .header("Cache-Control", "public, max-age=60");
            given().queryParam("from", v1).get(path + "/diff").then().statusCode(200).header("Cache-Control", "public, max-age=60");
            events.await(r -> r.key().equals("national/" + PUBLISH_YEAR) && r.value().contains("\"version\":" + (v1 + 1)), 1);
        }
        given().get(path + "/versions").then().statusCode(200).body("size()", equalTo(before + 2));
        given().get("/api/reports").then().statusCode(200).body("find { it.reportId == 'national/" + PUBLISH_YEAR + "' }.version",
                equalTo(before + 2));
    }

    /** A retry with the same Idempotency-Key (an answer that never came, a client sending again) gets the version it made. */
    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheVersionItMadeAndPublishesNothing() throws Exception {
        String path = ReportApi.profile("1103", 2024);
        String key = "publish-" + UUID.randomUUID();
        String events = "select count(*) from outbox_event where event_key = 'municipality/1103/2024'";
        int before = versionCount(path);
        long eventsBefore = DATABASE.count(events);

        Response first = analyst().header("Idempotency-Key", key).post(path + "/versions");
        first.then().statusCode(201);
        int version = first.jsonPath().getInt("version");
        assertNull(first.header("Idempotent-Replayed"), "a first publication is no replay");
        analyst().header("Idempotency-Key", key).post(path + "/versions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", path + "/versions/" + version).body("version", equalTo(version));
        assertEquals(before + 1, versionCount(path), "one version for the two requests");
        assertEquals(eventsBefore + 1, DATABASE.count(events), "one report-published event");

        // The same key for another report is a mistake, not a retry; a malformed one is refused before anything is built.
        analyst().header("Idempotency-Key", key).post(ReportApi.profile("0301", 2024) + "/versions").then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("idempotency-key-reused"));
        analyst().header("Idempotency-Key", "two words").post(path + "/versions").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("invalid-idempotency-key"));
        assertEquals(before + 1, versionCount(path));
        // Without a key, a new version.
        analyst().post(path + "/versions").then().statusCode(201).body("version", equalTo(version + 1));

        // Sent twice at once with a new key: one publishes, and both are answered with its version.
        String once = "publish-" + UUID.randomUUID();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = two.invokeAll(List.of(() -> analyst().header("Idempotency-Key", once).post(path + "/versions"),
                    () -> analyst().header("Idempotency-Key", once).post(path + "/versions")));
            Response a = answers.get(0).get();
            Response b = answers.get(1).get();
            assertEquals(List.of(201, 201), List.of(a.statusCode(), b.statusCode()), a.asString() + " / " + b.asString());
            assertEquals(version + 2, a.jsonPath().getInt("version"));
            assertEquals(version + 2, b.jsonPath().getInt("version"));
        } finally {
            two.shutdownNow();
        }
        assertEquals(before + 3, versionCount(path));
    }

    private static int versionCount(String path) {
        return given().get(path + "/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @Test
    void aPublishedVersionSaysWhichSubmissionsItCameFrom() {
        Response published = analyst().post(ReportApi.profile("4601", 2024) + "/versions");
        published.then().statusCode(201);
        int version = published.jsonPath().getInt("version");
        String path = ReportApi.profile("4601", 2024) + "/versions/" + version + "/sources";
        // A numbered version's sources never change: cached for good, as its bytes are.
        JsonPath sources = given().get(path).then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "public, max-age=31536000, immutable").extract().jsonPath();
        assertTrue(sources.getList("submissions.findAll { it.municipalityCode == '4601' && it.year == 2024 }.submissionVersion").contains(2));
        assertTrue(sources.getList("values.revision").size() > 3);
        // The same document as ever, field for field.
        assertEquals(Set.of("reportId", "version", "unsuppressed", "submissions", "values"), sources.getMap("$").keySet());
        assertEquals("municipality/4601/2024", sources.getString("reportId"));
        assertEquals(version, sources.getInt("version"));
        assertFalse(sources.getBoolean("unsuppressed"));
        assertEquals(Set.of("municipalityCode", "year", "submissionVersion"), sources.getMap("submissions[0]").keySet());
        assertTrue(sources.getMap("values[0]").keySet().containsAll(
                Set.of("indicatorId", "level", "areaCode", "borders", "year", "revision", "definitionVersion", "status", "computedAt")),
                sources.getMap("values[0]").keySet().toString());
        assertTrue(sources.getList("values.findAll { it.numerator != null }").isEmpty(), "the public sources hold the values shown, no more");

        // latest follows the newest version; the raw sources are the analyst's own.
        given().get(ReportApi.profile("4601", 2024) + "/versions/latest/sources").then().statusCode(200)
                .header("Cache-Control", "public, max-age=60").body("version", equalTo(version));
        JsonPath raw = analyst().get(path + "/unsuppressed").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "private, no-store").extract().jsonPath();
        assertEquals(Set.of("reportId", "version", "unsuppressed", "submissions", "values"), raw.getMap("$").keySet());
        assertTrue(raw.getBoolean("unsuppressed"));
        assertEquals(sources.getList("submissions"), raw.getList("submissions"));
        assertEquals(sources.getList("values").size(), raw.getList("values").size());
        assertFalse(raw.getList("values.findAll { it.numerator != null }").isEmpty(), "the raw sources hold every field of the values");
        analyst().get(ReportApi.profile("4601", 2024) + "/versions/latest/sources/unsuppressed").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
    }

    @Test
    void aValueOnTodaysBordersNamesTheSubmissionItCameFrom() {
        // Bergen was 1201 until 2020: its 2019 value on today's borders came from 1201's submission.
        IndicatorEvents.send(List.of(country(PLAN, 2019).value(14.5, 145, 1000).reporting(160, 422),
                municipality(PLAN, "4601", "Bergen", "2024", 2019).value(15.5, 155, 1000).submission(3)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String plan2019 = "select count(*) from indicator_value where indicator_id = '" + PLAN + "' and year = 2019";
        while (DATABASE.count(plan2019 + " and area_code = '4601'") == 0 || DATABASE.count(plan2019 + " and level = 'country'") == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the 2019 values never reached the read model");
            Fixture.sleep(100);
        }
        Response published = analyst().post(ReportApi.profile("4601", 2019) + "/versions");
        published.then().statusCode(201);
        JsonPath sources = given().get(ReportApi.profile("4601", 2019) + "/versions/" + published.jsonPath().getInt("version") + "/sources")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("1201"), sources.getList("submissions.findAll { it.year == 2019 }.municipalityCode"));
        assertEquals(List.of(3), sources.getList("submissions.findAll { it.year == 2019 }.submissionVersion"));
    }

    @Test
    void aValueSummedFromSeveralMunicipalitiesNamesEachOnesSubmission() {
        // Stavanger took in Finnøy and Rennesøy in 2020: its 2019 value on today's borders adds all three.
        String stavanger2019 = "select count(*) from indicator_value where indicator_id = '" + PLAN + "' and year = 2019 and area_code in "
                + "('1103', '1141', '1142') and level = 'municipality'";
        IndicatorEvents.send(List.of(country(PLAN, 2019).value(14.5, 145, 1000).reporting(160, 422),
                municipality(PLAN, "1103", "Stavanger", "2024", 2019).value(16.0, 192, 1200),
                municipality(PLAN, "1103", "Stavanger", "as_reported", 2019).value(16.2, 170, 1050).submission(2),
                municipality(PLAN, "1141", "Finnøy", "as_reported", 2019).value(13.3, 8, 60).submission(1),
                municipality(PLAN, "1142", "Rennesøy", "as_reported", 2019).value(15.6, 14, 90).submission(4)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (DATABASE.count(stavanger2019) < 4) {
            assertTrue(Instant.now().isBefore(deadline), "the 2019 values never reached the read model");
            Fixture.sleep(100);
        }
        Response published = analyst().post(ReportApi.profile("1103", 2019) + "/versions");
        published.then().statusCode(201);
        JsonPath sources = given().get(ReportApi.profile("1103", 2019) + "/versions/" + published.jsonPath().getInt("version") + "/sources")
                .then().statusCode(200).extract().jsonPath();
        List<String> named = new ArrayList<>();
        List<Map<String, Object>> of2019 = sources.getList("submissions.findAll { it.year == 2019 }");
        of2019.forEach(s -> named.add(s.get("municipalityCode") + " v" + s.get("submissionVersion")));
        named.sort(null);
        assertEquals(List.of("1103 v2", "1141 v1", "1142 v4"), named, "every submission the 2019 value was summed from");
    }

    @Test
    void aPageOfAnotherOriginMayAskWhatWasPublishedButNotPublish() {
        // The dashboard, served by indicator-service on another origin, asks before it links to a profile.
        given().header("Origin", "http://dashboard.example").get(ReportApi.profile("1804", 2015) + "/versions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://dashboard.example"))
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.not(equalTo("true")))
                .body("size()", equalTo(0));
        // A page on any origin still needs a token to publish, and hears why as problem+json.
        given().header("Origin", "http://dashboard.example").post(ReportApi.profile("1804", 2015) + "/versions").then().statusCode(401)
                .contentType("application/problem+json");
        given().get(ReportApi.profile("1804", 2015) + "/versions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUnchangedReadIsAnsweredNotModified() {
        Response published = analyst().post(national(2024) + "/versions");
        int version = published.jsonPath().getInt("version");
        String etag = given().get(national(2024) + "/versions/" + version + ".pdf").then().statusCode(200).contentType("application/pdf")
                .extract().header("ETag");
        given().header("If-None-Match", etag).get(national(2024) + "/versions/" + version + ".pdf").then().statusCode(304);
        // As a browser revalidates: the tags it holds as a list, weak ones among them.
        given().header("If-None-Match", "\"another\", W/" + etag).get(national(2024) + "/versions/" + version + ".pdf").then().statusCode(304);
        given().header("If-None-Match", "\"another\"").get(national(2024) + "/versions/" + version + ".pdf").then().statusCode(200);
    }

    private static void awaitDraft(String path, String value) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String html = analyst().queryParam("lang", "en").get(path + ".html").then().extract().asString();
            if (value.equals(Documents.htmlFigures(html).get(PLAN + "|country|NO|" + PUBLISH_YEAR + "|value"))) {
                return;
            }
            Fixture.sleep(100);
        }
        throw new AssertionError("the draft never showed the correction " + value);
    }
}
