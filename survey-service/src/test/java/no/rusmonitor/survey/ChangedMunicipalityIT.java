package no.rusmonitor.survey;

import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.rusmonitor.testsupport.TestTokens;

/**
 * A survey is answered after its year, and municipalities merge and are renumbered on 1 January: Halden was
 * 3001 in 2023 and is 3101 since. Its token today says 3101; it answers the 2023 survey for 3001, as the
 * submission carries the code valid in its year, and its 2024 answers are compared with those.
 */
@QuarkusTest
class ChangedMunicipalityIT {

    private static final String HALDEN_2023 = "3001";
    private static final String HALDEN = "3101";
    private static final String STAVANGER = "1103";

    @BeforeEach
    void open() {
        SurveyApi.openNow(2023);
        SurveyApi.openNow(2024);
    }

    @Test
    void aMunicipalityAnswersForWhatItWasAndIsWarnedAgainstThoseAnswers() {
        String halden = TestTokens.municipality(HALDEN);
        SurveyApi.as(halden).body(Map.of("answers", SurveyApi.validAnswers())).post(submissionPath(2023, HALDEN_2023) + "/versions")
                .then().statusCode(201).body("municipalityCode", equalTo(HALDEN_2023));
        SurveyApi.as(halden).get(submissionPath(2023, HALDEN_2023)).then().statusCode(200).body("currentVersion", equalTo(1));
        SurveyApi.as(halden).get(submissionPath(2023, HALDEN_2023) + "/versions").then().statusCode(200);

        // Its 2024 answers more than doubled from those it gave as 3001: a warning to confirm, as without the new code.
        SurveyApi.as(halden).body(Map.of("answers", SurveyApi.with(SurveyApi.validAnswers(), "users_total", 400)))
                .post(submissionPath(2024, HALDEN) + "/versions").then()
                .statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/warnings-not-acknowledged"))
                .body("warnings.pointer", contains("/answers/users_total"));
    }

    /**
     * Stavanger kept its code in 2020 but took in Finnøy and Rennesøy: its 2019 answers were about fewer people, so
     * its first answers on the new borders are not compared with them; the year after, on the same borders, is.
     */
    @Test
    void aMunicipalityThatTookInOthersIsNotComparedWithItsSmallerSelf() {
        SurveyApi.openNow(2019);
        SurveyApi.openNow(2020);
        SurveyApi.openNow(2021);
        String stavanger = TestTokens.municipality(STAVANGER);
        submitUsers(stavanger, 2019, 100).then().statusCode(201);
        submitUsers(stavanger, 2020, 400).then().statusCode(201);
        submitUsers(stavanger, 2021, 1600).then()
                .statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/warnings-not-acknowledged"))
                .body("warnings.pointer", contains("/answers/users_total"));
    }

    private static Response submitUsers(String token, int year, int usersTotal) {
        return SurveyApi.as(token).body(Map.of("answers", SurveyApi.with(SurveyApi.validAnswers(), "users_total", usersTotal)))
                .post(submissionPath(year, STAVANGER) + "/versions");
    }

    @Test
    void noOtherMunicipalityMayAnswerForItNorAnyForOneThatWasSplit() {
        SurveyApi.as(TestTokens.municipality("3103")).body(Map.of("answers", SurveyApi.validAnswers())) // Moss
                .post(submissionPath(2023, HALDEN_2023) + "/versions").then().statusCode(403);
        SurveyApi.as(TestTokens.municipality("3103")).get(submissionPath(2023, HALDEN_2023)).then().statusCode(403);
        // Snillfjord (5012) was split between Heim, Hitra and Orkland in 2020: none of them answers for it alone.
        SurveyApi.as(TestTokens.municipality("5055")).body(Map.of("answers", SurveyApi.validAnswers()))
                .post(submissionPath(2019, "5012") + "/versions").then().statusCode(403);
    }
}
