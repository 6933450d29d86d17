package no.rusmonitor.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.testsupport.TestTokens;

/** indicator-service's operator API, as an operator uses it. */
final class IndicatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;

    IndicatorClient(String url) {
        this.url = url;
    }

    /** Runs a full rebuild from the stored answers and waits for it to finish; returns its final progress. */
    JsonNode rebuild(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> started;
        while ((started = send(HttpRequest.newBuilder(URI.create(url + "/api/rebuilds")).POST(HttpRequest.BodyPublishers.noBody())))
                .statusCode() == 409 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500); // another rebuild runs; ours starts after it
        }
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
        }
        String id = JSON.readTree(started.body()).get("id").asText();
        while (Instant.now().isBefore(deadline)) {
            JsonNode progress = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/api/rebuilds/" + id)).GET()).body());
            String state = progress.get("state").asText();
            if (state.equals("succeeded")) {
                return progress;
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("rebuild failed: " + progress);
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("rebuild " + id + " did not finish within " + timeout);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + TestTokens.operator()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
