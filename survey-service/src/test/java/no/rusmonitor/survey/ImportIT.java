package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TestTokens;

/**
 * Operators import history in bulk: row by row validation, a per-row report, all or nothing per
 * municipality, and a dry run that stores nothing.
 */
@QuarkusTest
class ImportIT {

    private static String header(Map<String, Object> answers) {
        return "municipality_code,survey_year," + String.join(",", answers.keySet());
    }

    private static String row(String code, int year, Map<String, Object> answers) {
        List<String> cells = new ArrayList<>(List.of(code, String.valueOf(year)));
        answers.values().forEach(v -> cells.add(String.valueOf(v)));
        return String.join(",", cells);
    }

    @Test
    void csvImportIsAllOrNothingPerMunicipality() {
        Map<String, Object> answers = new LinkedHashMap<>(SurveyApi.validAnswers());
        Map<String, Object> broken = new LinkedHashMap<>(answers);
        broken.put("users_with_individual_plan", 999); // more than users_total
        String csv = String.join("\n",
                header(answers),
                row("4601", 2017, answers),   // Bergen's 2020 code, in 2017
                row("1201", 2017, answers),   // Bergen 2017: fine
                row("1201", 2018, answers),   // Bergen 2018: fine
                row("1601", 2017, answers),   // Trondheim 2017: fine
                row("5001", 2018, broken),    // Trondheim 2018 (new code): refused -> 5001's rows refused
                row("5001", 2019, answers),   // fine on its own, refused with its municipality
                row("9999", 2018, answers));  // no such municipality
        long versionsBefore = DATABASE.count("select count(*) from submission_version");

        JsonPath dryRun = SurveyApi.as(TestTokens.operator()).contentType("text/csv").body(csv)
                .post("/api/imports?dryRun=true").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(true, dryRun.getBoolean("dryRun"));
        assertEquals(versionsBefore, DATABASE.count("select count(*) from submission_version"), "a dry run stores nothing");
        assertEquals("rejected", dryRun.getString("results[0].status"), "4601 did not exist in 2017 (it was 1201 Bergen)");

        JsonPath report = SurveyApi.as(TestTokens.operator()).contentType("text/csv").body(csv)
                .post("/api/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(7, report.getInt("rows"));
        assertEquals(List.of("rejected", "imported", "imported", "imported", "rejected", "rejected_with_municipality", "rejected"),
                report.getList("results.status"));
        assertEquals(report.getList("results.status").stream().map(status -> "imported".equals(status) ? "valid" : status).toList(),
                dryRun.getList("results.status"), "the dry run said what the import did, row by row ('valid' where it imported)");
        assertEquals(report.getList("results.errors.code"), dryRun.getList("results.errors.code"));
        for (String count : List.of("rows", "rejected", "municipalitiesAccepted")) {
            assertEquals(report.getInt(count), dryRun.getInt(count), count);
        }
        assertEquals("exceeds_sum", report.getString("results[4].errors[0].code"));
        assertEquals("/answers/users_with_individual_plan", report.getString("results[4].errors[0].pointer"));
        assertEquals(3, report.getInt("imported"));
        assertEquals(versionsBefore + 3, DATABASE.count("select count(*) from submission_version"));
        assertEquals(0, DATABASE.count("select count(*) from submission_version where municipality_code = '5001'"));
        assertEquals(3, PublishedEvents.matching(r -> List.of("1201", "1601").contains(r.key())
                && "import".equals(PublishedEvents.data(r).path("source").asText())).size(), "each imported row is an event");
        SurveyApi.as(TestTokens.analyst()).get(SurveyApi.submissionPath(2018, "1201") + "/versions/1").then().statusCode(200)
                .body("source", equalTo("import")).body("submittedBy", equalTo("operator@rusmonitor.test"));

        // The same file again: nothing new, the stored rows are unchanged, as its dry run says first.
        JsonPath dryRunAgain = SurveyApi.as(TestTokens.operator()).contentType("text/csv").body(csv).post("/api/imports?dryRun=true").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("rejected", "unchanged", "unchanged", "unchanged", "rejected", "rejected_with_municipality", "rejected"),
                dryRunAgain.getList("results.status"));
        assertEquals(0, dryRunAgain.getInt("imported"));
        assertEquals(3, dryRunAgain.getInt("unchanged"));
        JsonPath again = SurveyApi.as(TestTokens.operator()).contentType("text/csv").body(csv).post("/api/imports").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("unchanged", "unchanged", "unchanged"), again.getList("results.findAll { it.status == 'unchanged' }.status"));
        assertEquals(versionsBefore + 3, DATABASE.count("select count(*) from submission_version"));
    }

    @Test
    void jsonImportReportsEveryRow() {
        Map<String, Object> good = SurveyApi.validAnswers();
        Map<String, Object> row1 = Map.of("municipalityCode", "1505", "surveyYear", 2017, "answers", good); // Kristiansund
        Map<String, Object> row2 = Map.of("municipalityCode", "1502", "surveyYear", 2017, "answers",
                SurveyApi.with(good, "budget_change", "tripled"));
        Map<String, Object> row3 = Map.of("municipalityCode", "1507", "surveyYear", "twenty", "answers", good);
        JsonPath report = SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("rows", List.of(row1, row2, row3))).post("/api/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("imported", "rejected", "rejected"), report.getList("results.status"));
        assertEquals("not_an_option", report.getString("results[1].errors[0].code"));
        assertEquals("/rows/2/surveyYear", report.getString("results[2].errors[0].pointer"));
    }

    /**
     * Sarpsborg was 3003 in 2023 and is 3105 from 2024, borders unchanged: its 2024 row is compared with its 2023
     * answers under the old code, from the same file or stored, as a submission over the API is; and the version
     * records the warnings the import let through.
     */
    @Test
    void anImportWarnsOfALargeChangeUnderLastYearsCodeAndRecordsTheWarningsItLetThrough() {
        Map<String, Object> answers = SurveyApi.validAnswers();
        Map<String, Object> doubled = SurveyApi.with(answers, "users_total", ((Number) answers.get("users_total")).intValue() * 2);
        Map<String, Object> before = Map.of("municipalityCode", "3003", "surveyYear", 2023, "answers", answers);
        Map<String, Object> after = Map.of("municipalityCode", "3105", "surveyYear", 2024, "answers", doubled);

        JsonPath dryRun = SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("rows", List.of(before, after)))
                .post("/api/imports?dryRun=true").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("valid", "valid"), dryRun.getList("results.status"));
        assertEquals(List.of("large_change"), dryRun.getList("results[1].warnings.code"));
        assertEquals(List.of("/answers/users_total"), dryRun.getList("results[1].warnings.pointer"));

        SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("rows", List.of(before)))
                .post("/api/imports").then().statusCode(200).body("imported", equalTo(1));
        JsonPath report = SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("rows", List.of(after)))
                .post("/api/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("imported"), report.getList("results.status"));
        assertEquals(List.of("large_change"), report.getList("results[0].warnings.code"), "compared with 3003's stored answers");
        SurveyApi.as(TestTokens.analyst()).get(SurveyApi.submissionPath(2024, "3105") + "/versions/1").then().statusCode(200)
                .body("acknowledgedWarnings", equalTo(List.of("/answers/users_total")));
    }

    /**
     * Fredrikstad, 3004 until 2023 and 3107 from 2024: its 2023 row is rejected with its municipality (its 2022 row
     * is broken), so it is never stored, and the 2024 row's warnings are not measured against it.
     */
    @Test
    void aRowIsNotWarnedAgainstLastYearsRowOfTheFileWhenThatRowIsRejected() {
        Map<String, Object> answers = SurveyApi.validAnswers();
        Map<String, Object> broken = SurveyApi.with(answers, "users_with_individual_plan", 999); // more than users_total
        Map<String, Object> half = SurveyApi.with(answers, "users_total", ((Number) answers.get("users_total")).intValue() / 2);
        List<Map<String, Object>> rows = List.of(
                Map.of("municipalityCode", "3004", "surveyYear", 2022, "answers", broken),
                Map.of("municipalityCode", "3004", "surveyYear", 2023, "answers", half),
                Map.of("municipalityCode", "3107", "surveyYear", 2024, "answers", answers));
        JsonPath report = SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("rows", rows))
                .post("/api/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("rejected", "rejected_with_municipality", "imported"), report.getList("results.status"));
        List<Object> warnings = report.getList("results[2].warnings");
        assertTrue(warnings == null || warnings.isEmpty(), "nothing stored for 3004 in 2023 to compare with: " + warnings);
        SurveyApi.as(TestTokens.analyst()).get(SurveyApi.submissionPath(2024, "3107") + "/versions/1").then().statusCode(200)
                .body("acknowledgedWarnings", equalTo(List.of()));
    }

    @Test
    void anImportLeavesTheDraftAMunicipalityIsWorkingOn() {
        SurveyApi.openNow(2019); // as CompletenessIT does (DefinitionSeederIT expects 2018 as its file has it)
        SurveyApi.asMunicipality("1502").body(Map.of("answers", Map.of("users_total", 12))) // Molde, 2019
                .put(SurveyApi.submissionPath(2019, "1502") + "/draft").then().statusCode(200);
        Map<String, Object> row = Map.of("municipalityCode", "1502", "surveyYear", 2019, "answers", SurveyApi.validAnswers());
        JsonPath report = SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("rows", List.of(row)))
                .post("/api/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("imported"), report.getList("results.status"));

        JsonPath state = SurveyApi.asMunicipality("1502").get(SurveyApi.submissionPath(2019, "1502")).then().statusCode(200).extract().jsonPath();
        assertEquals(1, state.getInt("currentVersion"), "the import is the submitted version");
        assertEquals(Integer.valueOf(12), state.get("draft.answers.users_total"), "the municipality's draft is as it saved it");
    }

    @Test
    void aDryRunFlagThatIsNeitherTrueNorFalseIsRefusedAndImportsNothing() {
        Map<String, Object> row = Map.of("municipalityCode", "1505", "surveyYear", 2016, "answers", SurveyApi.validAnswers());
        SurveyApi.as(TestTokens.operator()).contentType("application/json").body(Map.of("rows", List.of(row)))
                .post("/api/imports?dryRun=yes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/dryRun"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2016/submissions/1505").then().statusCode(200)
                .body("status", equalTo("not_started"));
    }

    @Test
    void aJsonImportThatNamesAFieldTwiceIsRefusedByName() {
        SurveyApi.as(TestTokens.operator()).contentType("application/json")
                .body("{\"rows\":[{\"municipalityCode\":\"1505\",\"municipalityCode\":\"1502\",\"surveyYear\":2016,\"answers\":{}}]}")
                .post("/api/imports").then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("duplicate-field")).body("errors[0].pointer", equalTo("/rows/0/municipalityCode"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2016/submissions/1502").then().statusCode(200)
                .body("status", equalTo("not_started"));
    }

    @Test
    void aBareDryRunFlagIsADryRun() throws Exception {
        Map<String, Object> row = Map.of("municipalityCode", "1505", "surveyYear", 2016, "answers", SurveyApi.validAnswers());
        String body = "{\"rows\":[{\"municipalityCode\":\"1505\",\"surveyYear\":2016,\"answers\":{\"users_total\":120}}]}";
        // Sent as written: a client library may drop a parameter without a value.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String query : List.of("?dryRun", "?dryRun=", "?dryRun=TRUE&dryRun")) {
            java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/imports" + query))
                    .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), query + ": " + answer.body());
            assertEquals(true, io.restassured.path.json.JsonPath.from(answer.body()).getBoolean("dryRun"), query);
        }
        SurveyApi.as(TestTokens.operator()).contentType("application/json").body(Map.of("rows", List.of(row)))
                .post("/api/imports?dryRun=true&dryRun=false").then().statusCode(400).body("errors[0].pointer", equalTo("/dryRun"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2016/submissions/1505").then().statusCode(200)
                .body("status", equalTo("not_started"));
    }

    @Test
    void aDryRunFlagInTheBodyIsRefusedAndImportsNothing() {
        // Ignored, it made the import real: the dry run is ?dryRun=true.
        Map<String, Object> row = Map.of("municipalityCode", "1505", "surveyYear", 2018, "answers", SurveyApi.validAnswers());
        long versionsBefore = DATABASE.count("select count(*) from submission_version");
        SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("dryRun", true, "rows", List.of(row)))
                .post("/api/imports").then().statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", equalTo(List.of("/dryRun")));
        assertEquals(versionsBefore, DATABASE.count("select count(*) from submission_version"));
        SurveyApi.as(TestTokens.analyst()).get("/api/surveys/2018/submissions/1505").then().statusCode(200)
                .body("status", equalTo("not_started"));
    }

    @Test
    void aBrokenUploadIsRefusedWhole() {
        SurveyApi.as(TestTokens.operator()).contentType("text/csv").body("survey_year,answers\n2018,1").post("/api/imports")
                .then().statusCode(400).body("type", equalTo("https://rusmonitor.no/problems/invalid-import"));
        SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON).body("{\"rows\": 3}").post("/api/imports")
                .then().statusCode(400);
        // Numbers are read exactly, and this one has no exact value.
        SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"rows\": [{\"municipalityCode\": \"1505\", \"surveyYear\": 2018, \"answers\": {\"users_total\": 1e9999999999}}]}")
                .post("/api/imports").then().statusCode(400).contentType("application/problem+json");
        SurveyApi.as(TestTokens.operator()).contentType("text/csv").body(new byte[] { 'a', (byte) 0xFF, 'b' }).post("/api/imports")
                .then().statusCode(400).body("type", equalTo("https://rusmonitor.no/problems/invalid-encoding"));
        // Zero with an exponent jsonb cannot hold is refused as the row's error, not as a failure to store it.
        SurveyApi.as(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"rows\": [{\"municipalityCode\": \"1505\", \"surveyYear\": 2018, \"answers\": {\"users_total\": 0e2000000000}}]}")
                .post("/api/imports?dryRun=true").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].errors.find { it.pointer == '/answers/users_total' }.code", equalTo("exponent_too_large"));
    }

    @Test
    void aCsvFileSavedBySpreadsheetsWithAByteOrderMarkIsRead() {
        Map<String, Object> answers = SurveyApi.validAnswers();
        String csv = "\uFEFF" + String.join("\n", header(answers), row("1505", 2019, answers)); // Kristiansund, as Excel's "CSV UTF-8" saves it
        SurveyApi.as(TestTokens.operator()).contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/imports?dryRun=true").then().statusCode(200)
                .body("results[0].municipalityCode", equalTo("1505")).body("results[0].status", equalTo("valid"));
    }
}
