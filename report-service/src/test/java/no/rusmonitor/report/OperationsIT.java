package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.Health;
import no.rusmonitor.testsupport.Prometheus;

/**
 * What operators look at: readiness over the database alone, the consumer in the startup check, the outbox
 * relay's wellness, metrics, and the API document.
 */
@QuarkusTest
class OperationsIT {

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
                .body("paths", hasKey("/api/read-model/rebuild"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
