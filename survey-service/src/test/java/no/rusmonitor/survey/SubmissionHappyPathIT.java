package no.rusmonitor.survey;

import static no.rusmonitor.survey.SurveyApi.asMunicipality;
import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.TopicReader;

/** A municipality goes from an empty form to a submitted version, and the event reaches Kafka. */
@QuarkusTest
class SubmissionHappyPathIT {

    private static final String OSLO = "0301";
    private static final int YEAR = 2024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void open() {
        SurveyApi.openNow(YEAR);
    }

    @Test
    void draftValidateSubmitCorrectAndPublish() throws Exception {
        try (TopicReader topic = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            // A draft with only a few answers is accepted and reports what still blocks submission.
            Map<String, Object> partial = Map.of("users_total", 180, "fte_adults", 12.5);
            String draftEtag = asMunicipality(OSLO).body(Map.of("answers", partial)).put(submissionPath(YEAR, OSLO) + "/draft")
                    .then().statusCode(200)
                    .body("status", equalTo("draft"))
                    .body("draft.answers.users_total", equalTo(180))
                    .body("draftReport.valid", equalTo(false))
                    .body("draftReport.errors.pointer", org.hamcrest.Matchers.hasItem("/answers/fte_youth"))
                    .extract().header("ETag");
            assertTrue(draftEtag != null && !draftEtag.isBlank());

            // The dry run gives the same verdict as a submit would, and stores nothing.
            Map<String, Object> answers = SurveyApi.validAnswers();
            asMunicipality(OSLO).body(Map.of("answers", answers)).post(submissionPath(YEAR, OSLO) + "/validation")
                    .then().statusCode(200).body("wouldBeAccepted", equalTo(true)).body("errors", hasSize(0));
            asMunicipality(OSLO).get(submissionPath(YEAR, OSLO)).then().body("currentVersion", equalTo(0));

            // Submit: version 1.
            String etag = SurveyApi.submit(OSLO, YEAR, answers, null)
                    .then().statusCode(201)
                    .header("Location", containsString("/versions/1"))
                    .body("version", equalTo(1))
                    .body("submittedBy", equalTo("kommune-0301"))
                    .body("answers.users_total", equalTo(180))
                    .extract().header("ETag");

            // Correct: version 2, recording which answers changed.
            Map<String, Object> corrected = new HashMap<>(answers);
            corrected.put("users_total", 200);
            SurveyApi.submit(OSLO, YEAR, corrected, etag)
                    .then().statusCode(201)
                    .body("version", equalTo(2))
                    .body("changes", hasSize(1))
                    .body("changes[0].question", equalTo("users_total"))
                    .body("changes[0].before", equalTo(180))
                    .body("changes[0].after", equalTo(200));

            asMunicipality(OSLO).get(submissionPath(YEAR, OSLO) + "/versions").then().statusCode(200)
                    .body("", hasSize(2)).body("[1].changes[0].question", equalTo("users_total"));
            asMunicipality(OSLO).get(submissionPath(YEAR, OSLO)).then().statusCode(200)
                    .body("status", equalTo("submitted")).body("currentVersion", equalTo(2))
                    .body("draft", nullValue()).body("submitted.answers.users_total", equalTo(200));

            // Both versions reach Kafka, keyed by municipality, as CloudEvents with the full answers.
            List<ConsumerRecord<String, String>> records = topic.await(r -> OSLO.equals(r.key()), 2);
            JsonNode first = JSON.readTree(records.get(0).value());
            JsonNode second = JSON.readTree(records.get(1).value());
            assertEquals("1.0", first.get("specversion").asText());
            assertEquals("no.rusmonitor.submission.accepted.v1", first.get("type").asText());
            assertEquals(1, first.at("/data/submissionVersion").asInt());
            assertEquals(180, first.at("/data/answers/users_total").asInt());
            assertEquals(2, second.at("/data/submissionVersion").asInt());
            assertEquals(200, second.at("/data/answers/users_total").asInt());
            assertEquals(YEAR, second.at("/data/surveyYear").asInt());
            assertEquals(OSLO, second.at("/data/municipalityCode").asText());
            assertEquals("users_total", second.at("/data/changedQuestions/0").asText());
            assertTrue(second.get("id") != null && !second.get("id").asText().equals(first.get("id").asText()));
        }
    }

    @Test
    void numbersAreStoredAsTheyWereSent() throws Exception {
        String code = "3201"; // Bærum
        // As doubles, 12.12345678901234567 was stored as 12.123456789012346 and 14.10 as 14.1.
        com.fasterxml.jackson.databind.node.ObjectNode answers = JSON.valueToTree(SurveyApi.validAnswers());
        answers.put("fte_adults", new java.math.BigDecimal("12.12345678901234567"));
        answers.put("waiting_days_avg", new java.math.BigDecimal("14.10"));
        String body = "{\"answers\": " + answers + "}";

        asMunicipality(code).body(body).put(submissionPath(YEAR, code) + "/draft").then().statusCode(200);
        assertEquals("12.12345678901234567|14.10", RealInfrastructure.DATABASE.text("select draft->>'fte_adults', draft->>'waiting_days_avg'"
                + " from submission where survey_year = " + YEAR + " and municipality_code = '" + code + "'"));
        String draft = asMunicipality(code).get(submissionPath(YEAR, code)).then().statusCode(200).extract().asString();
        assertTrue(draft.contains("\"fte_adults\":12.12345678901234567") && draft.contains("\"waiting_days_avg\":14.10"), draft);

        String created = asMunicipality(code).body(body).post(submissionPath(YEAR, code) + "/versions").then().statusCode(201)
                .extract().asString();
        assertTrue(created.contains("\"fte_adults\":12.12345678901234567"), created);
        assertEquals("12.12345678901234567|14.10", RealInfrastructure.DATABASE.text("select answers->>'fte_adults', answers->>'waiting_days_avg'"
                + " from submission_version where survey_year = " + YEAR + " and municipality_code = '" + code + "' and version = 1"));
        String read = asMunicipality(code).get(submissionPath(YEAR, code) + "/versions/1").then().statusCode(200).extract().asString();
        assertTrue(read.contains("\"fte_adults\":12.12345678901234567"), read);
        // The same answers again are no correction: what was stored is what is sent. The dry run says so first.
        asMunicipality(code).body(body).post(submissionPath(YEAR, code) + "/validation").then().statusCode(200)
                .body("wouldBeAccepted", equalTo(false)).body("unchanged", equalTo(true)).body("errors", hasSize(0));
        asMunicipality(code).header("If-Match", SurveyApi.etag(code, YEAR)).body(body).post(submissionPath(YEAR, code) + "/versions")
                .then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("no-changes"));
    }

    @Test
    void theSurveyDefinitionIsPublic() {
        io.restassured.RestAssured.given().get("/api/surveys/2024").then().statusCode(200)
                .body("definition.year", equalTo(2024))
                .body("definition.questions.find { it.id == 'users_with_individual_plan' }.maxSumOf[0]", equalTo("users_total"))
                .body("schedule.deadline", notNullValue());
        io.restassured.RestAssured.given().get("/api/surveys/2015").then().statusCode(200)
                .body("definition.questions.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("escalated_since_2016")));
    }
}
