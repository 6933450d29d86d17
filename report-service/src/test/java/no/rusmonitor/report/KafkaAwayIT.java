package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.RealInfrastructure.DATABASE;
import static no.rusmonitor.report.ReportApi.analyst;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.KafkaBroker;
import no.rusmonitor.testsupport.KafkaTestResource;
import no.rusmonitor.testsupport.TestTokens;

/**
 * With the broker stopped, reports and profiles are served from the read model as before and the service
 * stays ready; a read-model rebuild, which must read the topic, is refused with 503 and changes nothing.
 */
@QuarkusTest
class KafkaAwayIT {

    @Test
    void reportsStayUpAndARebuildIsRefusedUntilKafkaIsBack() {
        Fixture.load();
        long values = DATABASE.count("select count(*) from indicator_value");
        long generation = analyst().get("/api/read-model").then().statusCode(200).extract().jsonPath().getLong("generation");
        KafkaBroker broker = KafkaTestResource.broker();
        broker.stop();
        try {
            ReportApi.draft(ReportApi.national(2024), "html", "en").then().statusCode(200);
            ReportApi.draft(ReportApi.profile("4601", 2024), "json", "en").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);

            given().auth().oauth2(TestTokens.operator()).post("/api/read-model/rebuild").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5").body("type", endsWith("/unavailable"));
            analyst().get("/api/read-model").then().statusCode(200).body("generation", equalTo((int) generation))
                    .body("rebuilding", equalTo(false));
            assertEquals(values, DATABASE.count("select count(*) from indicator_value"),
                    "the refused rebuild emptied nothing");
        } finally {
            broker.start();
        }
    }
}
