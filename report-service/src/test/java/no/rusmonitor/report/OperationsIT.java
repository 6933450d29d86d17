package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.Health;
import no.rusmonitor.report.render.RenderPool;
import no.rusmonitor.testsupport.Prometheus;

/**
 * What operators look at: readiness over the database alone, the consumer in the startup check, the outbox
 * relay's wellness, metrics, the API document, and a render queue that is full.
 */
@QuarkusTest
class OperationsIT {

    @Inject
    RenderPool renderPool;

    @Test
    void readinessCoversTheDatabaseStartupTheConsumerWellnessTheOutbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.data.indicators", not(hasItem("[OK]")));
        Health.awaitUp("/q/health/started", Duration.ofSeconds(30));
        given().get("/q/health/started").then().statusCode(200)
                .body("checks.name", hasItem("Indicator consumer joined its group"))
                .body("checks.data.indicators", hasItem("[OK]"));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("Outbox relay"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountEventsAndRendering() {
        Fixture.load();
        ReportApi.draft(ReportApi.national(2024), "html", "en").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Prometheus.value(metrics, "rusmonitor_indicator_events_received_total") >= Fixture.expectedValues(), "every fixture event counted");
        assertTrue(Prometheus.value(metrics, "rusmonitor_report_render_seconds_count{format=\"html\",kind=\"national\"}") >= 1,
                "the rendering counted");
        assertTrue(metrics.contains("rusmonitor_outbox_lag "));
        assertTrue(metrics.contains("rusmonitor_outbox_parked "));
    }

    @Test
    void theApiIsDocumented() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/reports/national/{year}/versions"))
                .body("paths", hasKey("/api/read-model/rebuild"))
                // Sources and diffs are answered as bytes written on a render thread: the document still names their body.
                .body(ok("/api/reports/national/{year}/versions/{version}/sources"), endsWith("/SourcesView"))
                .body(ok("/api/reports/municipalities/{code}/{year}/versions/{version}/sources/unsuppressed"), endsWith("/SourcesView"))
                .body(ok("/api/reports/national/{year}/diff"), endsWith("/DiffView"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static String ok(String path) {
        return "paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema.'$ref'";
    }

    /**
     * Every render thread busy and as many requests waiting as the queue holds: the next is refused at once,
     * 503 and come back shortly, whoever asks; once the queue drains, requests are taken again.
     */
    @Test
    void aFullRenderQueueIsRefusedAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> held = new ArrayList<>();
        try {
            fill(held, release);
            // A report of an earlier test that was still being built held a thread while the pool was filled; it
            // ends within a second or two, and its thread then takes a queued place: fill that too.
            Fixture.sleep(2_000);
            fill(held, release);
            for (var request : List.of(given(), ReportApi.analyst())) {
                fill(held, release); // work of earlier tests that was still running may have freed a place
                request.get(ReportApi.national(2024) + "/versions/1/sources").then().statusCode(503)
                        .contentType(startsWith("application/problem+json")).header("Retry-After", "2")
                        .body("type", equalTo("https://rusmonitor.no/problems/busy")).body("status", equalTo(503))
                        .body("instance", equalTo(ReportApi.national(2024) + "/versions/1/sources"));
            }
            fill(held, release);
            ReportApi.analyst().get(ReportApi.national(2024) + ".html").then().statusCode(503).header("Retry-After", "2");
            fill(held, release);
            given().get(ReportApi.national(2024) + "/diff").then().statusCode(503).header("Retry-After", "2");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<Boolean> hold : held) {
            assertTrue(hold.orTimeout(30, TimeUnit.SECONDS).join());
        }
        given().get(ReportApi.national(2024) + "/versions/999999/sources").then().statusCode(404);
    }

    /** Gives the render pool work that waits for {@code release} until it refuses more: every thread busy, the queue full. */
    private void fill(List<CompletableFuture<Boolean>> held, CountDownLatch release) {
        while (true) {
            CompletableFuture<Boolean> hold = renderPool.build(() -> {
                try {
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }).subscribeAsCompletionStage();
            if (hold.isCompletedExceptionally()) {
                return;
            }
            held.add(hold);
            assertTrue(held.size() < 10_000, "the render pool never refused");
        }
    }
}
