package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.rusmonitor.testsupport.TestTokens;

/** The calls tests make, spelled once. */
public final class SurveyApi {

    private SurveyApi() {
    }

    /** A complete, consistent set of answers for the 2016-2024 surveys. */
    public static Map<String, Object> validAnswers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("fte_adults", 12.5);
        a.put("fte_youth", 3.0);
        a.put("fte_higher_education", 9.5);
        a.put("escalated_since_2016", true);
        a.put("budget_change", "unchanged");
        a.put("extra_funds_used", "some");
        a.put("housing_units_change_since_2015", "same");
        a.put("user_council", true);
        a.put("user_survey_conducted", false);
        a.put("brukerplan_used", true);
        a.put("relatives_services", true);
        a.put("peer_workers", 2);
        a.put("early_intervention_model", true);
        a.put("youth_contracts", 4);
        a.put("slt_coordinator", true);
        a.put("users_total", 180);
        a.put("users_with_individual_plan", 30);
        a.put("users_with_crisis_plan", 25);
        a.put("users_rop", 60);
        a.put("low_threshold_service", true);
        a.put("fact_team", false);
        a.put("acute_beds", true);
        a.put("waiting_days_avg", 14.0);
        a.put("users_meaningful_activity", 50);
        a.put("users_in_work", 20);
        a.put("users_homeless", 15);
        a.put("housing_units", 40);
        a.put("housing_follow_up", true);
        a.put("work_rehab_with_nav", true);
        a.put("court_programme_participants", 1);
        a.put("youth_follow_up_participants", 3);
        a.put("correctional_cooperation", false);
        return a;
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
