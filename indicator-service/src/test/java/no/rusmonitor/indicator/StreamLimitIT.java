package no.rusmonitor.indicator;

import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import no.rusmonitor.testsupport.SseClient;

/** Beyond rusmonitor.stream.max-subscribers a new subscriber is refused with 503, and taken again once one has left. */
@QuarkusTest
@TestProfile(StreamLimitIT.TwoSubscribers.class)
class StreamLimitIT {

    public static final class TwoSubscribers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rusmonitor.stream.max-subscribers", "2");
        }
    }

    private static String url() {
        return "http://localhost:" + RestAssured.port + "/api/stream?level=country";
    }

    @Test
    void aSubscriberBeyondTheLimitIsRefusedUntilOneLeaves() {
        try (SseClient first = new SseClient(url(), null, null)) {
            first.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
            try (SseClient second = new SseClient(url(), null, null)) {
                second.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
                RestAssured.given().get("/api/stream?level=country").then().statusCode(503).contentType("application/problem+json")
                        .body("type", endsWith("too-many-subscribers"));
            }
            // The second's leaving is noticed once its connection has closed.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (SseClient third = new SseClient(url(), null, null)) {
                    if (third.status() == 200) {
                        third.await(e -> "heartbeat".equals(e.name()), 1, Duration.ofSeconds(5));
                        break;
                    }
                    assertEquals(503, third.status());
                    assertTrue(System.nanoTime() < deadline, "a subscriber is taken again once one has left");
                }
                IndicatorApi.sleep(100);
            }
        }
    }
}
