package no.rusmonitor.indicator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.Health;

/**
 * What operators watch: readiness over PostgreSQL alone, the consumer in the startup check, the outbox
 * relay's wellness, metrics of the consumer, the engine and the outbox, the API document.
 */
@QuarkusTest
class OperationsIT {

    @Test
    void readinessCoversTheDatabaseStartupTheConsumerWellnessTheOutbox() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.data.submissions", not(hasItem("[OK]")));
        Health.awaitUp("/q/health/started", Duration.ofSeconds(30));
        RestAssured.given().get("/q/health/started").then().statusCode(200)
                .body("checks.name", hasItem("Submissions consumer joined its group"))
                .body("checks.data.submissions", hasItem("[OK]"));
        RestAssured.given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("Outbox relay"));
    }

    @Test
    void metricsNameTheConsumerTheEngineAndTheOutbox() {
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("rusmonitor_outbox_lag"))
                .body(containsString("rusmonitor_indicator_stream_subscribers"))
                .body(containsString("kafka_consumer_"));
    }

    @Test
    void theApiIsDocumented() {
        RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/stream")).body(containsString("/api/rebuilds")).body(containsString("/api/indicators/{id}/values"));
    }

}
