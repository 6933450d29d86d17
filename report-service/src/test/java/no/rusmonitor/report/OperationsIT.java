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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
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
     * Every thread of a kind busy and as many requests waiting as its queue holds: the next is refused at once,
     * 503 and come back shortly, whoever asks; the public's reads and analysts' drafts have threads of their
     * own, so neither keeps the other waiting; once a queue drains, requests are taken again.
     */
    @Test
    void aFullQueueIsRefusedAtOnceAndThePublicsNeverHoldsUpADraft() {
        Fixture.load(); // the national report of 2024 the drafts below build
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> held = new ArrayList<>();
        try {
            fill(renderPool::serve, held, release);
            for (var request : List.of(given(), ReportApi.analyst())) {
                request.get(ReportApi.national(2024) + "/versions/1/sources").then().statusCode(503)
                        .contentType(startsWith("application/problem+json")).header("Retry-After", "2")
                        .body("type", equalTo("https://rusmonitor.no/problems/busy")).body("status", equalTo(503))
                        .body("instance", equalTo(ReportApi.national(2024) + "/versions/1/sources"));
            }
            given().get(ReportApi.national(2024) + "/diff").then().statusCode(503).header("Retry-After", "2");
            // A malformed request is told so, full queue or not: it never waits for a place.
            given().get(ReportApi.national(2024) + "/versions/abc/sources").then().statusCode(400).body("errors[0].pointer", equalTo("/version"));
            given().queryParam("from", "x").get(ReportApi.national(2024) + "/diff").then().statusCode(400).body("errors[0].pointer", equalTo("/from"));
            ReportApi.analyst().get(ReportApi.national(2024) + ".html").then().statusCode(200);

            fill(renderPool::build, held, release);
            ReportApi.analyst().get(ReportApi.national(2024) + ".html").then().statusCode(503).header("Retry-After", "2");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<Boolean> hold : held) {
            assertTrue(hold.orTimeout(30, TimeUnit.SECONDS).join());
        }
        given().get(ReportApi.national(2024) + "/versions/999999/sources").then().statusCode(404);
        ReportApi.analyst().get(ReportApi.national(2024) + ".html").then().statusCode(200);
    }

    /**
     * Gives one kind of the pool's threads work that waits for {@code release} until every one of them runs this
     * test's work and the queue holds only this test's: a request of an earlier test that was still being served
     * would otherwise end, and its thread take a place in the queue.
     * <p>
     * Full means refused while every thread already ran this test's work. Counted after a refusal instead, a
     * thread that took its first task from the queue in between made the count and left a place free: the next
     * request waited in it for {@code release}, and the client gave up after 30 s (1 run in 10 or so).
     */
    private void fill(Function<Supplier<Boolean>, Uni<Boolean>> lane, List<CompletableFuture<Boolean>> held, CountDownLatch release) {
        int threads = ConfigProvider.getConfig().getValue("rusmonitor.report.render-threads", Integer.class);
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Boolean>> mine = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            int runningBefore = started.get();
            CompletableFuture<Boolean> hold = lane.apply(() -> {
                started.incrementAndGet();
                try {
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }).subscribeAsCompletionStage();
            if (!hold.isCompletedExceptionally()) {
                mine.add(hold);
                assertTrue(mine.size() < 10_000, "the pool never refused");
                continue;
            }
            if (runningBefore >= threads) { // every thread ran this test's work (which holds it), so the queue cannot drain
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the threads never all ran this test's work");
            Fixture.sleep(50);
        }
        held.addAll(mine);
    }
}
