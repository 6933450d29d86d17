package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.rusmonitor.testsupport.TestTokens;
import no.rusmonitor.testsupport.SurveyAnswers;

/** The calls tests make, spelled once. */
public final class SurveyApi {

    private SurveyApi() {
    }

    /** A complete, consistent set of answers for the 2016-2024 surveys. */
    public static Map<String, Object> validAnswers() {
        return SurveyAnswers.complete();
    }

    public static Map<String, Object> with(Map<String, Object> answers, String question, Object value) {
        Map<String, Object> copy = new HashMap<>(answers);
        copy.put(question, value);
        return copy;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asMunicipality(String code) {
        return as(TestTokens.municipality(code));
    }

    /** Opens {@code year}'s survey now, with the deadline {@code untilDeadline} ahead (negative: passed). */
    public static void schedule(int year, Duration sinceOpening, Duration untilDeadline) {
        Instant now = Instant.now();
        as(TestTokens.operator())
                .body(Map.of("opensAt", now.minus(sinceOpening).toString(), "deadline", now.plus(untilDeadline).toString()))
                .put("/api/surveys/{year}/schedule", year)
                .then().statusCode(200);
    }

    public static void openNow(int year) {
        schedule(year, Duration.ofDays(30), Duration.ofDays(30));
    }

    public static String submissionPath(int year, String code) {
        return "/api/surveys/" + year + "/submissions/" + code;
    }

    public static Response submit(String code, int year, Map<String, Object> answers, String ifMatch) {
        RequestSpecification request = asMunicipality(code).body(Map.of("answers", answers));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post(submissionPath(year, code) + "/versions");
    }

    public static String etag(String code, int year) {
        return asMunicipality(code).get(submissionPath(year, code)).then().statusCode(200).extract().header("ETag");
    }
}
