package no.rusmonitor.survey;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TestTokens;

/** Who was expected, who submitted, who has a draft only, who is missing: JSON and CSV agree. */
@QuarkusTest
class CompletenessIT {

    private static final int YEAR = 2019;

    @Test
    void completenessOfAYear() {
        SurveyApi.openNow(YEAR);
        SurveyApi.submit("0104", YEAR, SurveyApi.validAnswers(), null).then().statusCode(201); // Moss (2019 code)
        SurveyApi.asMunicipality("0105").body(Map.of("answers", Map.of("users_total", 12))) // Sarpsborg: draft only
                .put(SurveyApi.submissionPath(YEAR, "0105") + "/draft").then().statusCode(200);

        JsonPath report = SurveyApi.as(TestTokens.analyst()).get("/api/surveys/" + YEAR + "/completeness").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(422, report.getInt("expected"), "422 municipalities existed in 2019");
        assertEquals("submitted", status(report, "0104"));
        assertEquals("draft_only", status(report, "0105"));
        assertEquals("missing", status(report, "0106"));
        assertEquals(report.getInt("expected"), report.getInt("submitted") + report.getInt("late") + report.getInt("draftOnly")
                + report.getInt("missing"));

        String csv = SurveyApi.as(TestTokens.analyst()).accept("text/csv").get("/api/surveys/" + YEAR + "/completeness").then()
                .statusCode(200).contentType(equalTo("text/csv;charset=UTF-8")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(1 + 422, lines.size());
        assertTrue(lines.get(0).startsWith("survey_year,municipality_code,name"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("2019,0104,Moss,01,Østfold,submitted,1,")), csv.substring(0, 300));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("2019,0105,Sarpsborg,01,Østfold,draft_only,0,")));
    }

    private static String status(JsonPath report, String code) {
        return report.getString("municipalities.find { it.municipalityCode == '" + code + "' }.status");
    }

    @Test
    void municipalitiesOfAYear() {
        io.restassured.RestAssured.given().get("/api/municipalities?year=2020").then().statusCode(200)
                .body("size()", equalTo(356));
        io.restassured.RestAssured.given().get("/api/municipalities/3001?year=2020").then().statusCode(200)
                .body("name", equalTo("Halden")).body("countyName", equalTo("Viken"));
        io.restassured.RestAssured.given().get("/api/municipalities/3001?year=2024").then().statusCode(404);
    }
}
