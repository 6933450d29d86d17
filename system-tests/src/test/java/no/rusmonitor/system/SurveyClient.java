package no.rusmonitor.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.testsupport.TestTokens;

/** survey-service's public API as municipalities and operators use it. */
public final class SurveyClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;

    public SurveyClient(String url) {
        this.url = url;
    }

    /** Opens a year's survey now, with the deadline a month ahead. */
    public void openYear(int year) throws IOException, InterruptedException {
        String body = "{\"opensAt\":\"" + Instant.now().minus(Duration.ofDays(30)) + "\",\"deadline\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/schedule"))
                .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not open " + year + ": " + response.statusCode() + " " + response.body());
        }
    }

    public List<String> municipalities(int year) throws IOException, InterruptedException {
        JsonNode list = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/api/municipalities?year=" + year)).build()).body());
        List<String> codes = new ArrayList<>();
        list.forEach(m -> codes.add(m.get("code").asText()));
        return codes;
    }

    /** Submits (ifMatch null) or corrects; answers are the standard form with {@code usersTotal} users. */
    public HttpResponse<String> submit(String code, int year, int usersTotal, String ifMatch) throws IOException, InterruptedException {
        return submitAnswers(code, year, Answers.standard(usersTotal), ifMatch);
    }

    /** Submits (ifMatch null) or corrects with the given answers (a JSON object). */
    public HttpResponse<String> submitAnswers(String code, int year, String answers, String ifMatch) throws IOException, InterruptedException {
        return submitAnswers(code, year, answers, List.of(), ifMatch);
    }

    /** Submits or corrects with the given answers (a JSON object), confirming the warnings at {@code acknowledged}. */
    public HttpResponse<String> submitAnswers(String code, int year, String answers, List<String> acknowledged, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/submissions/" + code + "/versions"))
                .header("Authorization", "Bearer " + TestTokens.municipality(code)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(15)).POST(form(answers, acknowledged));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    /** What submitting these answers would do now (the dry run), as the municipality sees it. */
    public JsonNode validate(String code, int year, String answers, List<String> acknowledged) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/submissions/" + code + "/validation"))
                .header("Authorization", "Bearer " + TestTokens.municipality(code)).header("Content-Type", "application/json")
                .POST(form(answers, acknowledged)).build());
        return ok(response, "validate " + code + " for " + year);
    }

    /** The submission's history (every version: who, when, what changed) exactly as an analyst reads it. */
    public JsonNode history(String code, int year) throws IOException, InterruptedException {
        return ok(send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/submissions/" + code + "/versions"))
                .header("Authorization", "Bearer " + TestTokens.analyst()).build()), "read the history of " + code + " for " + year);
    }

    /** One submitted version with its answers and the warnings it confirmed. */
    public JsonNode version(String code, int year, int version) throws IOException, InterruptedException {
        return ok(send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/submissions/" + code + "/versions/" + version))
                .header("Authorization", "Bearer " + TestTokens.analyst()).build()), "read version " + version + " of " + code + " for " + year);
    }

    /** An operator reopens one municipality's submission after the deadline. */
    public void reopen(int year, String code) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/reopenings"))
                .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"municipalityCode\":\"" + code + "\",\"reason\":\"Korrigering\"}")).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not reopen " + code + " for " + year + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** An operator locks a reopened submission again. */
    public void closeReopening(int year, String code) throws IOException, InterruptedException {
        ok(send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/reopenings/" + code))
                .header("Authorization", "Bearer " + TestTokens.operator()).DELETE().build()), "close the reopening of " + code + " for " + year);
    }

    /** The submission's current ETag, or null if there is none. */
    public String etag(String code, int year) throws IOException, InterruptedException {
        HttpResponse<String> state = send(HttpRequest.newBuilder(URI.create(url + "/api/surveys/" + year + "/submissions/" + code))
                .header("Authorization", "Bearer " + TestTokens.municipality(code)).build());
        return state.headers().firstValue("ETag").orElse(null);
    }

    /** A submission's body: the answers (a JSON object) and the pointers of the warnings confirmed. */
    private static HttpRequest.BodyPublisher form(String answers, List<String> acknowledged) throws IOException {
        return HttpRequest.BodyPublishers.ofString("{\"answers\":" + answers + ",\"acknowledgedWarnings\":" + JSON.writeValueAsString(acknowledged) + "}");
    }

    private static JsonNode ok(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not " + what + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
