package no.rusmonitor.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import no.rusmonitor.system.Answers;
import no.rusmonitor.system.RunningSystem;
import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.system.SurveyClient;
import no.rusmonitor.testsupport.TestTokens;

/**
 * What the hostile corpus attacks: a few real submissions for {@link #YEAR}, the indicator values computed
 * from them, report-service's read model, and one published national report and one published profile.
 */
public final class LegitimateData {

    public static final int YEAR = 2022;
    /** Municipalities that submitted; 1108 has not, so that a valid write for it would show up as a new row. */
    public static final List<String> SUBMITTED = List.of("0301", "4601", "5001", "1103");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LegitimateData() {
    }

    public static void load(RunningSystem system) throws IOException, InterruptedException {
        SurveyClient survey = new SurveyClient(system.url(Service.SURVEY));
        survey.openYear(YEAR);
        for (String code : SUBMITTED) {
            if (survey.etag(code, YEAR) == null) {
                // As a municipality does: the dry run names the warnings (another system test's answers of the year
                // before may make the change look large), and the submit confirms them.
                String answers = Answers.standard(200 + code.hashCode() % 50);
                List<String> warnings = new ArrayList<>();
                survey.validate(code, YEAR, answers, List.of()).path("warnings").forEach(w -> warnings.add(w.get("pointer").asText()));
                HttpResponse<String> submitted = survey.submitAnswers(code, YEAR, answers, warnings, null);
                if (submitted.statusCode() != 201) {
                    throw new IllegalStateException("could not submit " + code + ": " + submitted.statusCode() + " " + submitted.body());
                }
            }
        }
        String report = system.url(Service.REPORT);
        awaitTrue(() -> readModelValues(report) > 0, Duration.ofSeconds(60), "report-service has indicator values");
        publish(report + "/api/reports/national/" + YEAR + "/versions");
        publish(report + "/api/reports/municipalities/0301/" + YEAR + "/versions");
    }

    /** Waits until background work (outbox relays, recomputation, the read model) has stopped changing any table. */
    public static DatabaseSnapshot quiescent(RunningSystem system) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        DatabaseSnapshot last = DatabaseSnapshot.of(system);
        int stable = 0;
        while (stable < 3) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the databases kept changing for 60 s without any request");
            }
            Thread.sleep(1000);
            DatabaseSnapshot now = DatabaseSnapshot.of(system);
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    /**
     * Publishes as an analyst's client should: an indicator another system test republished may still be arriving
     * under its new definition version (or the version itself), which is refused with a Retry-After until all is here.
     */
    private static void publish(String url) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestTokens.analyst())
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (published.statusCode() == 201) {
                return;
            }
            boolean arriving = published.statusCode() == 409
                    && (published.body().contains("indicator-recomputing") || published.body().contains("definition-not-arrived"));
            if (!arriving || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not publish " + url + ": " + published.statusCode() + " " + published.body());
            }
            Thread.sleep(1000 * Long.parseLong(published.headers().firstValue("Retry-After").orElseThrow()));
        }
    }

    private static long readModelValues(String report) throws IOException, InterruptedException {
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(report + "/api/read-model"))
                .header("Authorization", "Bearer " + TestTokens.analyst()).build(), HttpResponse.BodyHandlers.ofString());
        String body = status.body();
        int at = body.indexOf("\"values\":");
        return at < 0 ? 0 : Long.parseLong(body.substring(at + 9, body.indexOf(',', at)).trim());
    }

    private interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    private static void awaitTrue(Check check, Duration timeout, String what) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(250);
        }
    }
}
