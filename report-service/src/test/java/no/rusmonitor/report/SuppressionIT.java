package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.Fixture.PLAN;
import static no.rusmonitor.report.ReportApi.analyst;
import static no.rusmonitor.report.ReportApi.draft;
import static no.rusmonitor.report.ReportApi.national;
import static no.rusmonitor.report.ReportApi.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Small numbers: a withheld value shows its flag in every format and cannot be found anywhere in the
 * report, nor in what a published version says it was built from; analysts may ask for it.
 */
@QuarkusTest
class SuppressionIT {

    /** The raw numbers the fixture withholds: Kinn 37.5 (primary), Vestland 21.7 (secondary), size class 33.3 (primary). */
    private static final List<String> WITHHELD = List.of("37.5", "37,5", "21.7", "21,7", "33.3", "33,3");

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    @Test
    void withheldValuesAreFlaggedAndAbsentInEveryFormatAndLanguage() {
        for (String lang : List.of("en", "nb")) {
            String html = draft(national(2024), "html", lang).then().statusCode(200).extract().asString();
            String csv = draft(national(2024), "csv", lang).then().statusCode(200).extract().asString();
            String json = draft(national(2024), "json", lang).then().statusCode(200).extract().asString();
            String pdf = Documents.pdfText(draft(national(2024), "pdf", lang).then().statusCode(200).extract().asByteArray());
            for (String document : List.of(withoutCharts(html), csv, json, pdf)) {
                for (String raw : WITHHELD) {
                    assertFalse(shows(document, raw), "a withheld value " + raw + " leaked in " + lang);
                }
            }
            Map<String, String> cells = Documents.htmlFigures(html);
            assertEquals(":", cells.get(PLAN + "|county|46|2024|value"));
            assertEquals(":", cells.get(PLAN + "|size_class|5000_19999|2024|value"));
            Map<String, CSVRecord> rows = Documents.csvFigures(csv);
            assertEquals("", rows.get(PLAN + "|county|46|2024|value").get("value"));
            assertEquals(":", rows.get(PLAN + "|county|46|2024|value").get("flag"));
            JsonPath j = JsonPath.from(json);
            String plan = "goals.find { it.goal == '3' }.indicators.find { it.id == '" + PLAN + "' }";
            assertEquals("secondary", j.getString(plan + ".counties.find { it.code == '46' }.value.flag"));
            assertEquals((Object) null, j.get(plan + ".counties.find { it.code == '46' }.value.value"));
            assertTrue(pdf.lines().anyMatch(l -> l.trim().startsWith("Vestland :")), pdf);
        }
    }

    @Test
    void theSpreadLeavesOutWithheldMunicipalities() {
        JsonPath json = draft(national(2024), "json", "en").then().extract().jsonPath();
        String plan = "goals.find { it.goal == '3' }.indicators.find { it.id == '" + PLAN + "' }";
        assertEquals(3, json.getInt(plan + ".spread.count"), "Kinn's withheld 37.5 is not among them");
        assertEquals(18.4, json.getDouble(plan + ".spread.max"));
    }

    @Test
    void aProfileWithholdsTheMunicipalitysOwnSmallNumbers() {
        for (String ext : List.of("html", "csv", "json")) {
            String body = draft(profile("4602", 2024), ext, "en").then().statusCode(200).extract().asString();
            for (String raw : List.of("37.5", "30.0", "21.7", "33.3")) {
                assertFalse(shows(withoutCharts(body), raw), raw + " leaked in the " + ext + " profile");
            }
        }
        String pdf = Documents.pdfText(draft(profile("4602", 2024), "pdf", "en").then().extract().asByteArray());
        assertFalse(shows(pdf, "37.5") || shows(pdf, "30.0"));
    }

    @Test
    void analystsCanAskForTheUnsuppressedVersionWhichSaysSo() {
        String html = analyst().queryParam("lang", "en").queryParam("unsuppressed", "true").get(national(2024) + ".html").then()
                .statusCode(200).header("Cache-Control", "private, no-store").extract().asString();
        assertTrue(html.contains("UNSUPPRESSED"));
        Map<String, String> cells = Documents.htmlFigures(html);
        assertEquals("21.7 (:)", cells.get(PLAN + "|county|46|2024|value"));
        assertEquals("33.3 (:)", cells.get(PLAN + "|size_class|5000_19999|2024|value"));
        JsonPath json = analyst().queryParam("unsuppressed", "true").get(profile("4602", 2024) + ".json").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(json.getBoolean("unsuppressed"));
        assertEquals(37.5, json.getDouble("goals.find { it.goal == '3' }.indicators[0].value.value"));
        assertEquals("primary", json.getString("goals.find { it.goal == '3' }.indicators[0].value.flag"));
    }

    @Test
    void publishedSourcesWithholdTheValuesAndOnlyAnalystsSeeThemRaw() {
        analyst().post(profile("4602", 2024) + "/versions").then().statusCode(201);
        String sources = given().get(profile("4602", 2024) + "/versions/latest/sources").then().statusCode(200).extract().asString();
        assertFalse(shows(sources, "37.5"), sources);
        assertFalse(sources.contains("\"numerator\""));
        assertTrue(sources.contains("\"suppressed\":\"primary\""));
        given().get(profile("4602", 2024) + "/versions/latest/sources/unsuppressed").then().statusCode(401);
        String raw = analyst().get(profile("4602", 2024) + "/versions/latest/sources/unsuppressed").then().statusCode(200).extract().asString();
        assertTrue(raw.contains("37.5"));
        for (String ext : List.of("html", "csv", "json")) {
            String published = given().queryParam("lang", "en").get(profile("4602", 2024) + "/versions/latest." + ext).then().statusCode(200)
                    .extract().asString();
            assertFalse(shows(withoutCharts(published), "37.5"), ext);
        }
    }

    /** Asking to publish the unsuppressed view still publishes the public one: a published version is frozen for good. */
    @Test
    void publishingNeverFreezesTheUnsuppressedView() {
        analyst().queryParam("unsuppressed", "true").post(national(2024) + "/versions").then().statusCode(201);
        for (String ext : List.of("html", "csv", "json")) {
            String published = given().queryParam("lang", "en").get(national(2024) + "/versions/latest." + ext).then().statusCode(200)
                    .extract().asString();
            assertFalse(published.contains("UNSUPPRESSED"), ext);
            for (String raw : WITHHELD) {
                assertFalse(shows(withoutCharts(published), raw), "a withheld value " + raw + " was published in " + ext);
            }
        }
        String sources = given().get(national(2024) + "/versions/latest/sources").then().statusCode(200).extract().asString();
        assertFalse(shows(sources, "21.7"), sources);
    }

    /** The number as a whole, not as part of another (the coordinates of a chart are not numbers shown). */
    static boolean shows(String document, String number) {
        return java.util.regex.Pattern.compile("(?<![\\d.,])" + java.util.regex.Pattern.quote(number) + "(?!\\d)").matcher(document).find();
    }

    static String withoutCharts(String html) {
        return html.replaceAll("(?s)<svg.*?</svg>", "");
    }
}
