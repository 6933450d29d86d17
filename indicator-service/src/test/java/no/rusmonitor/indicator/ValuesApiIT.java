package no.rusmonitor.indicator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The values as readers get them: the public sees small numbers withheld (and what would recover them),
 * analysts see everything; JSON, CSV with Statistics Norway's symbols, JSON-stat 2.0; today's borders
 * add merged municipalities; bad requests are problem+json naming the parameter.
 */
@QuarkusTest
class ValuesApiIT {

    private static final String PLAN = "goal3.individual_plan_share";
    private static final int YEAR = 2019;

    private static boolean reported;

    /** Once per class, but after Quarkus has told RestAssured its port (a static @BeforeAll runs before that). */
    @BeforeEach
    void threeRogalandMunicipalitiesAndMossAndRyggeReport() {
        if (reported) {
            return;
        }
        reported = true;
        try (Submissions submissions = new Submissions()) {
            // Stavanger has 3 users with a plan: fewer than 5 persons.
            submissions.submit("1103", YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 3, "users_total", 40));
            submissions.submit("1106", YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 20, "users_total", 100));
            submissions.submit("1102", YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 30, "users_total", 150));
            // Moss (0104) and Rygge (0136) became today's Moss (3103).
            submissions.submit("0104", YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 10, "users_total", 60));
            submissions.submit("0136", YEAR, 1, Submissions.with(Submissions.answers(), "users_with_individual_plan", 6, "users_total", 30));
        }
        for (String code : List.of("1103", "1106", "1102", "0104", "0136")) {
            IndicatorApi.awaitAnswers(code, YEAR, 1);
        }
        IndicatorApi.awaitValue(PLAN, "municipality", "3103", YEAR, "2024", v -> "ok".equals(v.getString("status")));
    }

    @Test
    void thePublicSeesSmallNumbersWithheldAndCannotRecoverThemFromTheCounty() {
        JsonPath stavanger = IndicatorApi.value(IndicatorApi.anonymous(), PLAN, "municipality", "1103", YEAR, "as_reported");
        assertEquals("primary", stavanger.getString("suppressed"));
        assertNull(stavanger.get("value"));
        assertNull(stavanger.get("numerator"));
        assertNull(stavanger.get("denominator"));

        // A second municipality must be withheld as well, or the county minus the others gives Stavanger. (The
        // county's own figures, read here as an analyst reads them, may be withheld too: with five municipalities
        // reporting in two counties, the sums across both border systems leave little to show.)
        JsonPath county = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "county", "11", YEAR, "as_reported");
        assertEquals(3, county.getInt("reportingCount"));
        assertEquals(53.0 / 290.0 * 100, county.getDouble("value"), 1e-9);
        long hidden = List.of("1103", "1106", "1102").stream()
                .map(code -> IndicatorApi.value(IndicatorApi.anonymous(), PLAN, "municipality", code, YEAR, "as_reported"))
                .filter(v -> v.get("value") == null).count();
        assertTrue(hidden >= 2, "at least two of the county's reporting municipalities are withheld, found " + hidden);
        JsonPath haugesund = IndicatorApi.value(IndicatorApi.anonymous(), PLAN, "municipality", "1106", YEAR, "as_reported");
        assertEquals("secondary", haugesund.getString("suppressed"), "the smallest of the others is withheld");

        // Analysts see the raw values, with the flag; an analyst can ask for the public view.
        JsonPath raw = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", "1103", YEAR, "as_reported");
        assertEquals(3.0 / 40.0 * 100, raw.getDouble("value"), 1e-9);
        assertEquals("primary", raw.getString("suppressed"));
        assertNull(IndicatorApi.analyst().queryParam("view", "public").queryParam("level", "municipality").queryParam("area", "1103")
                .queryParam("from", YEAR).queryParam("to", YEAR).get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(200).extract().jsonPath().get("values[0].value"));
    }

    @Test
    void noCacheHandsTheRawViewToAnotherReader() {
        // The same address answers both views, so a browser must neither keep the raw one nor reuse an answer
        // across tokens.
        IndicatorApi.analyst().queryParam("level", "municipality").queryParam("area", "1103").get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(200).header("Cache-Control", "private, no-store").header("Vary", containsString("Authorization"));
        IndicatorApi.analyst().accept("text/csv").queryParam("year", YEAR).get("/api/areas/municipality/1103/values")
                .then().statusCode(200).header("Cache-Control", "private, no-store").header("Vary", containsString("Authorization"));
        IndicatorApi.anonymous().queryParam("level", "municipality").queryParam("area", "1103").get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(200).header("Cache-Control", nullValue()).header("Vary", containsString("Authorization"));
    }

    @Test
    void csvUsesTheColonForWithheldAndTwoDotsForMissing() {
        String csv = IndicatorApi.anonymous().queryParam("level", "municipality").queryParam("area", "1103,1106,1102,1101")
                .queryParam("from", YEAR).queryParam("to", YEAR).queryParam("format", "csv")
                .get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertEquals("indicator_id,year,level,area_code,area_name,borders,value,unit,numerator,denominator,status,missing_reason,suppressed,revision",
                lines.get(0));
        Map<String, String[]> byArea = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            byArea.put(cells[3], cells);
        }
        assertEquals(List.of(":", ":", ":"), List.of(byArea.get("1103")[6], byArea.get("1103")[8], byArea.get("1103")[9]));
        assertEquals(":", byArea.get("1102")[6], "Sandnes is the only other one of its size class that reported: withheld too");
        assertEquals("..", byArea.get("1101")[6], "Eigersund did not report");
        assertEquals("not_reported", byArea.get("1101")[11]);

        // Analysts get the numbers, rounded to the indicator's decimals; Accept: text/csv works as well as the parameter.
        String raw = IndicatorApi.analyst().accept("text/csv").queryParam("level", "municipality").queryParam("area", "1102")
                .queryParam("from", YEAR).queryParam("to", YEAR).get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] sandnes = raw.split("\r\n")[1].split(",", -1);
        assertEquals("20.0", sandnes[6], "30 of 150 as a percentage with one decimal");
        assertEquals(List.of("30", "150"), List.of(sandnes[8], sandnes[9]));
        IndicatorApi.anonymous().accept("text/csv").queryParam("level", "county").queryParam("area", "11").queryParam("from", YEAR)
                .queryParam("to", YEAR).get("/api/indicators/{id}/values", PLAN).then().statusCode(200).contentType(containsString("text/csv"));
    }

    @Test
    void jsonStatCarriesStatusesForWithheldCells() {
        JsonPath stat = IndicatorApi.json(IndicatorApi.anonymous().queryParam("level", "municipality").queryParam("area", "1103,1102")
                .queryParam("from", YEAR).queryParam("to", YEAR).queryParam("format", "json-stat2")
                .get("/api/indicators/{id}/values", PLAN).then().statusCode(200).extract().asString());
        assertEquals("2.0", stat.getString("version"));
        assertEquals("dataset", stat.getString("class"));
        assertEquals(List.of("indicator", "area", "year"), stat.getList("id"));
        int stavanger = stat.getInt("dimension.area.category.index.'1103'");
        int sandnes = stat.getInt("dimension.area.category.index.'1102'");
        List<Object> values = stat.getList("value");
        assertNull(values.get(stavanger));
        assertEquals(":", stat.getString("status.'" + stavanger + "'"));
        assertEquals(":", stat.getString("status.'" + sandnes + "'"));
        JsonPath analysts = IndicatorApi.json(IndicatorApi.analyst().queryParam("level", "municipality").queryParam("area", "1103,1102")
                .queryParam("from", YEAR).queryParam("to", YEAR).queryParam("format", "json-stat2")
                .get("/api/indicators/{id}/values", PLAN).then().statusCode(200).extract().asString());
        List<Object> raw = analysts.getList("value");
        assertEquals(3.0 / 40.0 * 100, ((Number) raw.get(stavanger)).doubleValue(), 1e-9);
        assertEquals(20.0, ((Number) raw.get(sandnes)).doubleValue(), 1e-9);
        assertEquals(":", analysts.getString("status.'" + stavanger + "'"), "an analyst's file still marks what must not be published");
        assertEquals(":", analysts.getString("status.'" + sandnes + "'"));
    }

    @Test
    void todaysBordersAddTheMergedMunicipalities() {
        JsonPath moss = IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", "3103", YEAR, "2024");
        assertEquals("Moss", moss.getString("areaName"));
        assertEquals(16.0, moss.getDouble("numerator"));
        assertEquals(90.0, moss.getDouble("denominator"));
        assertEquals(16.0 / 90.0 * 100, moss.getDouble("value"), 1e-9);
        // As reported, the old codes keep their own values.
        assertEquals(10.0, IndicatorApi.value(IndicatorApi.analyst(), PLAN, "municipality", "0104", YEAR, "as_reported").getDouble("numerator"));
    }

    @Test
    void anAreaShowsAllItsIndicatorsForAYear() {
        JsonPath area = IndicatorApi.json(IndicatorApi.anonymous().queryParam("year", YEAR)
                .get("/api/areas/municipality/1102/values").then().statusCode(200).extract().asString());
        List<String> ids = area.getList("values.indicatorId");
        assertTrue(ids.contains(PLAN), "the area lists " + PLAN + ": " + ids);
        assertTrue(ids.contains("goal1.user_council_share"));
        assertNotNull(area.get("values.find { it.indicatorId == 'effort.fte_per_10k' }.value"), "a value that counts no persons is public");
        assertNull(area.get("values.find { it.indicatorId == '" + PLAN + "' }.value"), "withheld for the public, as in the series");
    }

    @Test
    void badParametersAreNamedInProblemDetails() {
        IndicatorApi.anonymous().queryParam("level", "planet").get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/level"));
        IndicatorApi.anonymous().queryParam("from", "twenty").get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/from"));
        // A year is four digits, as in the other services: not the signed or other-script forms Java's parseInt takes.
        for (String year : List.of("+2024", "٢٠٢٤")) {
            IndicatorApi.anonymous().queryParam("to", year).get("/api/indicators/{id}/values", PLAN)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/to"));
            IndicatorApi.anonymous().queryParam("year", year).get("/api/areas")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/year"));
        }
        IndicatorApi.anonymous().queryParam("format", "xml").get("/api/indicators/{id}/values", PLAN)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/format"));
        IndicatorApi.anonymous().get("/api/indicators/{id}/values", "goal9.nothing")
                .then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString("Exception")));
        IndicatorApi.anonymous().queryParam("year", "2031").get("/api/areas/municipality/1102/values")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
