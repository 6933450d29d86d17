package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.TestTokens;

/** Definitions are versioned data: publishing makes a new version; a version in use never changes. */
@QuarkusTest
class DefinitionIT {

    private static Map<String, Object> question(String id, String type, Map<String, Object> extra) {
        Map<String, Object> q = new java.util.HashMap<>(Map.of("id", id, "type", type, "required", true,
                "label", Map.of("nb", id, "en", id)));
        q.putAll(extra);
        return q;
    }

    @Test
    void publishingANewVersionAndTheRulesOfChange() {
        int year = 2016;
        given().get("/api/surveys/" + year + "/versions").then().statusCode(200).body("version", equalTo(List.of(1)));

        // Once the survey is open, version 1 can no longer change in place: a submission may be validated against it at any moment.
        SurveyApi.openNow(year);
        SurveyApi.submit("1134", year, SurveyApi.validAnswers(), null).then().statusCode(201).body("surveyVersion", equalTo(1));
        Map<String, Object> content = Map.of("title", Map.of("nb", "Kort skjema", "en", "Short form"), "questions", List.of(
                question("users_total", "integer", Map.of("min", 0, "warnOnChangeAbove", 0.5)),
                question("users_with_individual_plan", "integer", Map.of("min", 0, "maxSumOf", List.of("users_total"))),
                question("budget_change", "choice", Map.of("options", List.of("increased", "unchanged", "decreased")))));
        SurveyApi.as(TestTokens.operator()).body(content).put("/api/surveys/" + year + "/versions/1").then()
                .statusCode(409).body("type", equalTo("https://rusmonitor.no/problems/definition-open"));

        // A change is a new version; new submissions are validated against it.
        SurveyApi.as(TestTokens.operator()).body(content).post("/api/surveys/" + year + "/versions").then()
                .statusCode(201).body("version", equalTo(2)).body("publishedBy", equalTo("operator@rusmonitor.test"));
        given().get("/api/surveys/" + year).then().body("definition.version", equalTo(2)).body("definition.questions.size()", equalTo(3));
        SurveyApi.submit("1135", year, Map.of("users_total", 10, "users_with_individual_plan", 4, "budget_change", "unchanged"), null)
                .then().statusCode(201).body("surveyVersion", equalTo(2));
        SurveyApi.submit("1144", year, SurveyApi.validAnswers(), null).then().statusCode(422)
                .body("errors.code", hasItem("unknown_question"));
        given().get("/api/surveys/" + year + "/versions/1").then().statusCode(200).body("questions.size()", equalTo(33));

        // Before the survey opens, a version nothing was submitted against may be corrected in place; one in use may not.
        SurveyApi.as(TestTokens.operator()).body(content).post("/api/surveys/" + year + "/versions").then().statusCode(201)
                .body("version", equalTo(3));
        SurveyApi.schedule(year, java.time.Duration.ofDays(-10), java.time.Duration.ofDays(40)); // opens in ten days
        SurveyApi.as(TestTokens.operator()).body(content).put("/api/surveys/" + year + "/versions/1").then()
                .statusCode(409).body("type", equalTo("https://rusmonitor.no/problems/definition-in-use"));
        SurveyApi.as(TestTokens.operator()).body(Map.of("title", Map.of("nb", "Rettet", "en", "Corrected"), "questions",
                content.get("questions"))).put("/api/surveys/" + year + "/versions/3").then().statusCode(200)
                .body("title.en", equalTo("Corrected"));
    }

    @Test
    void aDefinitionThatMakesNoSenseIsRefused() {
        Map<String, Object> content = Map.of("title", Map.of("nb", "x", "en", "x"), "questions", List.of(
                question("users_total", "integer", Map.of("min", 10, "max", 5)),
                question("users_total", "boolean", Map.of()),
                question("plan", "integer", Map.of("maxSumOf", List.of("ghost"))),
                question("colour", "choice", Map.of())));
        SurveyApi.as(TestTokens.operator()).body(content).post("/api/surveys/2017/versions").then().statusCode(422)
                .body("errors.pointer", hasItem("/questions/0/min"))
                .body("errors.pointer", hasItem("/questions/1/id"))
                .body("errors.pointer", hasItem("/questions/2/maxSumOf/0"))
                .body("errors.pointer", hasItem("/questions/3/options"));
        given().get("/api/surveys/2017/versions").then().body("size()", equalTo(1));
        SurveyApi.as(TestTokens.operator()).body(Map.of("title", Map.of("nb", "x", "en", "x"), "questions",
                List.of(question("a", "boolean", Map.of())))).post("/api/surveys/2031/versions").then().statusCode(422);
        // A text answer whose event Kafka could not take would hold up every event after it.
        SurveyApi.as(TestTokens.operator()).body(Map.of("title", Map.of("nb", "x", "en", "x"), "questions",
                List.of(question("comment", "text", Map.of("maxLength", 1_000_000))))).post("/api/surveys/2017/versions").then().statusCode(400)
                .body("errors.pointer", hasItem("/questions/0/maxLength"));
        given().get("/api/surveys/2017/versions").then().body("size()", equalTo(1));
    }
}
