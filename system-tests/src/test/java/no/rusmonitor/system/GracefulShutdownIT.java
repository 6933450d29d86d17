package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.SurveyAnswers;
import no.rusmonitor.testsupport.TestTokens;

/**
 * Told to stop (SIGTERM, as on a rolling update) while an import is under way, survey-service finishes it
 * and answers before it exits: what the answer says was imported is stored, and nothing was cut off.
 */
class GracefulShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> YEARS = List.of(2016, 2017, 2018, 2019);

    @Test
    void anImportUnderWayWhenTheServiceIsToldToStopIsFinishedAndAnswered() throws Exception {
        RunningSystem system = RunningSystem.with(Service.SURVEY);
        String csv = everyMunicipality(new SurveyClient(system.url(Service.SURVEY)));
        long importedBefore = importedVersions(system);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.url(Service.SURVEY) + "/api/imports"))
                .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(csv)).build();

        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300); // the import is under way
        long stopAsked = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> system.service(Service.SURVEY).stop());
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        long answered = System.nanoTime();
        stopped.get(60, TimeUnit.SECONDS);
        try {
            assertTrue(answered > stopAsked, "the import was still under way when the service was told to stop");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode report = JSON.readTree(response.body());
            long imported = report.get("imported").asLong();
            assertTrue(imported > 1000, "the import was large enough to be under way: " + imported);
            assertEquals(imported, importedVersions(system) - importedBefore, "every row the answer called imported is stored, and no other");
        } finally {
            system.service(Service.SURVEY).start();
        }
    }

    private static long importedVersions(RunningSystem system) throws Exception {
        try (Connection db = system.database(Service.SURVEY); Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from submission_version where source = 'import'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every municipality of each year with complete answers (a count of their own, so that each row is new), as one CSV. */
    private static String everyMunicipality(SurveyClient survey) throws Exception {
        Map<String, Object> answers = SurveyAnswers.complete();
        answers.put("users_total", 150 + (int) (System.currentTimeMillis() % 50));
        List<String> lines = new ArrayList<>();
        lines.add("municipality_code,survey_year," + String.join(",", answers.keySet()));
        for (int year : YEARS) {
            for (String code : survey.municipalities(year)) {
                List<String> cells = new ArrayList<>(List.of(code, String.valueOf(year)));
                answers.values().forEach(v -> cells.add(String.valueOf(v)));
                lines.add(String.join(",", cells));
            }
        }
        return String.join("\n", lines);
    }
}
