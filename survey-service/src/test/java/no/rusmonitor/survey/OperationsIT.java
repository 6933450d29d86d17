package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators look at: readiness over the database, the outbox relay's wellness, metrics, and the API document. */
@QuarkusTest
class OperationsIT {

    @Test
    void readinessCoversTheDatabaseAndWellnessTheOutbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("Outbox relay"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountSubmissionsAndTheOutbox() {
        SurveyApi.openNow(2024);
        SurveyApi.submit("1133", 2024, SurveyApi.validAnswers(), null).then().statusCode(201); // Hjelmeland
        SurveyApi.submit("1133", 2024, SurveyApi.with(SurveyApi.validAnswers(), "users_total", -1), SurveyApi.etag("1133", 2024))
                .then().statusCode(422);
        // Refused before anything is read: a malformed key, and 0101 Halden, which had another code in 2024.
        SurveyApi.asMunicipality("1133").header("Idempotency-Key", "k".repeat(201)).body(java.util.Map.of("answers", SurveyApi.validAnswers()))
                .post(SurveyApi.submissionPath(2024, "1133") + "/versions").then().statusCode(400);
        SurveyApi.asMunicipality("0101").body(java.util.Map.of("answers", SurveyApi.validAnswers()))
                .post(SurveyApi.submissionPath(2024, "0101") + "/versions").then().statusCode(422);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("rusmonitor_submissions_accepted_total{source=\"api\"}"))
                .body(containsString("rusmonitor_submissions_rejected_total{reason=\"validation-failed\"}"))
                .body(containsString("rusmonitor_submissions_rejected_total{reason=\"unknown-municipality\"}"))
                .body(containsString("rusmonitor_submissions_rejected_total{reason=\"invalid-idempotency-key\"}"))
                .body(containsString("rusmonitor_outbox_lag "))
                .body(containsString("rusmonitor_outbox_published_total"));
    }

    @Test
    void theApiIsDocumented() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/surveys/{year}/submissions/{code}/versions"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/imports"))
                // The import answers with JSON it writes itself, and the document still says what that JSON holds.
                .body("paths.'/api/imports'.post.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/ImportReport"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
