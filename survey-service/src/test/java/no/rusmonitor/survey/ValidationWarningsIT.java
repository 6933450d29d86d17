package no.rusmonitor.survey;

import static no.rusmonitor.survey.SurveyApi.asMunicipality;
import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A value that moved more than 50 % from the municipality's value last year is a warning: the dry run
 * reports it, a submit is refused until the request acknowledges it, and then it passes.
 */
@QuarkusTest
class ValidationWarningsIT {

    private static final String CODE = "1108"; // Sandnes

    @BeforeEach
    void open() {
        SurveyApi.openNow(2023);
        SurveyApi.openNow(2024);
    }

    @Test
    void aLargeChangeFromLastYearMustBeAcknowledged() {
        SurveyApi.submit(CODE, 2023, SurveyApi.validAnswers(), null).then().statusCode(201);
        Map<String, Object> doubled = SurveyApi.with(SurveyApi.validAnswers(), "users_total", 400); // 180 -> 400

        asMunicipality(CODE).body(Map.of("answers", doubled)).post(submissionPath(2024, CODE) + "/validation").then()
                .statusCode(200)
                .body("wouldBeAccepted", equalTo(false))
                .body("errors", empty())
                .body("warnings.pointer", contains("/answers/users_total"))
                .body("warnings[0].code", equalTo("large_change"))
                .body("unacknowledgedWarnings", hasSize(1));

        SurveyApi.submit(CODE, 2024, doubled, null).then()
                .statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/warnings-not-acknowledged"))
                .body("warnings.pointer", contains("/answers/users_total"));
        asMunicipality(CODE).get(submissionPath(2024, CODE)).then().body("currentVersion", equalTo(0));

        asMunicipality(CODE).body(Map.of("answers", doubled, "acknowledgedWarnings", List.of("/answers/users_total")))
                .post(submissionPath(2024, CODE) + "/validation").then().body("wouldBeAccepted", equalTo(true));
        asMunicipality(CODE).body(Map.of("answers", doubled, "acknowledgedWarnings", List.of("/answers/users_total")))
                .post(submissionPath(2024, CODE) + "/versions").then()
                .statusCode(201)
                .body("acknowledgedWarnings", contains("/answers/users_total"))
                .body("warnings[0].pointer", equalTo("/answers/users_total"));
    }

    @Test
    void submittingTheSavedDraft() {
        String code = "1111"; // Sokndal
        asMunicipality(code).body(Map.of("answers", SurveyApi.validAnswers())).put(submissionPath(2024, code) + "/draft")
                .then().statusCode(200).body("draftReport.valid", equalTo(true));
        asMunicipality(code).body(Map.of()).post(submissionPath(2024, code) + "/versions").then()
                .statusCode(201).body("answers.users_total", equalTo(180));
        asMunicipality(code).get(submissionPath(2024, code)).then().body("draft", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aCorrectionWithoutChangesIsRefused() {
        String code = "1112"; // Lund
        String etag = SurveyApi.submit(code, 2024, SurveyApi.validAnswers(), null).then().statusCode(201).extract().header("ETag");
        SurveyApi.submit(code, 2024, SurveyApi.validAnswers(), etag).then().statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/no-changes"));
    }
}
