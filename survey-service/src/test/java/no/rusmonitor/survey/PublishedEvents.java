package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.testsupport.TopicReader;

/**
 * The events survey-service published, read back from Kafka as a consumer would see them. The outbox
 * deletes each row once Kafka acknowledged it, so what was published is counted on the topic: first
 * the outbox is waited for until it holds nothing, then the topic is read from its beginning to its end.
 */
final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedEvents() {
    }

    static List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (DATABASE.count("select count(*) from outbox_event") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the outbox was not relayed within 30 s");
            sleep();
        }
        try (TopicReader topic = TopicReader.fromBeginning(RealInfrastructure.kafka(), RealInfrastructure.SUBMISSIONS_TOPIC)) {
            return topic.readToEnd(filter);
        }
    }

    /** Events for one municipality's submission of one year. */
    static long countFor(String code, int year) {
        return matching(r -> code.equals(r.key()) && data(r).path("surveyYear").asInt() == year).size();
    }

    /** The event's {@code data}: the accepted version. */
    static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("data");
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON on the topic: " + record.value(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
