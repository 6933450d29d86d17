package no.rusmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TopicReader;

/**
 * A submission event exactly as survey-service's outbox relay writes it, with the structured CloudEvent's
 * content-type header, is applied. (The connector used to parse such records into its own JSON type, so
 * every real event failed and went to the dead-letter topic, while events without the header passed.)
 */
@QuarkusTest
class RelayedEventIT {

    @Test
    void anEventWithTheCloudEventsContentTypeIsAppliedNotDeadLettered() {
        String code = "4601"; // Bergen
        int year = 2021;
        try (TopicReader deadLetters = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.DLQ_TOPIC);
                Submissions submissions = new Submissions()) {
            submissions.submit(code, year, 1, Submissions.answers());

            IndicatorApi.awaitAnswers(code, year, 1);
            JsonPath value = IndicatorApi.awaitValue("goal3.individual_plan_share", "municipality", code, year, "as_reported",
                    v -> "ok".equals(v.getString("status")));
            assertEquals(1, value.getInt("submissionVersion"));
            assertTrue(deadLetters.collect(r -> code.equals(r.key()), Duration.ofSeconds(2)).isEmpty(), "nothing was dead-lettered");
        }
    }
}
