package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.SseClient;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The whole loop as a dashboard sees it: a municipality submits to survey-service over HTTP, and the
 * changed indicator arrives on indicator-service's live stream; a correction arrives as the next change.
 */
class SubmissionToStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "goal3.individual_plan_share";

    @Test
    void aSubmissionAndItsCorrectionShowUpOnTheStream() throws Exception {
        RunningSystem system = RunningSystem.with(Service.SURVEY, Service.INDICATOR);
        SurveyClient survey = new SurveyClient(system.url(Service.SURVEY));
        int year = 2023;
        String code = "5001"; // Trondheim
        survey.openYear(year);
        String stream = system.url(Service.INDICATOR) + "/api/stream?indicator=" + PLAN + "&level=municipality&area=" + code
                + "&borders=as_reported&year=" + year;
        try (SseClient dashboard = new SseClient(stream, null, TestTokens.analyst())) {
            assertEquals(200, dashboard.status());
            dashboard.await(SseClient.named("heartbeat"), 1, Duration.ofSeconds(10));

            HttpResponse<String> accepted = survey.submit(code, year, 120, null);
            assertEquals(201, accepted.statusCode(), accepted.body());
            JsonNode first = change(dashboard);
            assertEquals(code, first.get("areaCode").asText());
            assertEquals(1, first.get("submissionVersion").asInt());
            assertEquals(30.0 / 120.0 * 100, first.get("value").asDouble(), 1e-9);

            HttpResponse<String> corrected = survey.submit(code, year, 150, accepted.headers().firstValue("ETag").orElseThrow());
            assertEquals(201, corrected.statusCode(), corrected.body());
            JsonNode second = change(dashboard);
            assertEquals(2, second.get("submissionVersion").asInt());
            assertEquals(150.0, second.get("denominator").asDouble());
            assertTrue(second.get("revision").asInt() > first.get("revision").asInt());
        }
    }

    private static JsonNode change(SseClient stream) throws Exception {
        List<SseClient.Event> events = stream.await(SseClient.named("indicator-changed"), 1, Duration.ofSeconds(20));
        return JSON.readTree(events.get(0).data());
    }
}
